import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Symbolic links, the output folder's place and concurrent builds (issue #13, cases 1-5, 12
/// and 13), run as processes on fixture sites.
@Suite("sitegen on hostile folder layouts (process)")
struct SafetyCLITests {
    static let manager = FileManager.default

    static func link(_ path: String, to target: String) throws {
        try manager.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    @Test("two folder links back to their parent are one loop error, in well under a second")
    func folderLoops() throws {
        let site = try CLI.site("site")
        try Self.link(site + "/content/briefs/a", to: ".")
        try Self.link(site + "/content/briefs/b", to: ".")
        for command in [["build"], ["check"]] {
            let started = Date()
            let run = try CLI.run(command, in: site)
            let seconds = Date().timeIntervalSince(started)
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("symbolic link loop: 'a' is the folder '.' again"))
            #expect(run.stderr.components(separatedBy: "symbolic link loop").count == 2)
            #expect(seconds < 2, "\(command) took \(seconds) s")
        }
        #expect(!Self.manager.fileExists(atPath: site + "/public"))
    }

    @Test("a link that leads outside its folder is an error naming it; nothing is published")
    func linksOutside() throws {
        for (path, target) in [
            ("templates/static/etc", "/etc"), ("content/briefs/outside.md", "/etc/hostname"),
            ("content/pages/up", "../../.."),
        ] {
            let site = try CLI.site("site")
            try Self.manager.createDirectory(
                atPath: site + "/" + (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try Self.link(site + "/" + path, to: target)
            for command in [["build"], ["check"]] {
                let run = try CLI.run(command, in: site)
                #expect(run.status == 1, "\(path): \(run.stderr)")
                #expect(run.stderr.contains("leads outside the folder"), "\(path): \(run.stderr)")
            }
            #expect(!Self.manager.fileExists(atPath: site + "/public"))
        }
    }

    @Test("a static file linked inside the site is published as the bytes it leads to")
    func staticLinkInside() throws {
        let site = try CLI.site("site")
        try CLI.write("real bytes\n", to: site + "/templates/static/real.txt")
        try Self.link(site + "/templates/static/alias.txt", to: "real.txt")
        let run = try CLI.run(["build"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        let alias = site + "/public/alias.txt"
        let type = try Self.manager.attributesOfItem(atPath: alias)[.type] as? FileAttributeType
        #expect(type == .typeRegular)
        #expect(try CLI.read(alias) == "real bytes\n")
    }

    @Test("a public/ that is a link stays one: each build swaps beside the folder it leads to")
    func linkedOutput() throws {
        let site = try CLI.site("site")
        try Self.manager.createDirectory(
            atPath: site + "/../real-out", withIntermediateDirectories: true)
        try Self.link(site + "/public", to: "../real-out")
        for round in 0..<3 {
            try CLI.write(
                "---\ntitle: ラウンド\(round)\ndate: 2026-04-0\(round + 1)\nsource:\n  url: https://e.example/\(round)\n---\nBody \(round).\n",
                to: site + "/content/briefs/2026/round-\(round).md")
            let run = try CLI.run(["build"], in: site)
            #expect(run.status == 0, "\(run.stderr)")
            let type =
                try Self.manager.attributesOfItem(atPath: site + "/public")[.type]
                as? FileAttributeType
            #expect(type == .typeSymbolicLink)
            #expect(try CLI.read(site + "/public/feed.xml").contains("ラウンド\(round)"))
            #expect(Self.manager.fileExists(atPath: site + "/../real-out/feed.xml"))
        }
    }

    @Test(
        "an output folder inside content/ or templates/, or the site folder itself, is an error",
        arguments: ["templates/static/out", "content/briefs/out", "content", "."])
    func outputInsideSources(_ output: String) throws {
        let site = try CLI.site("site")
        let run = try CLI.run(["build", "--output", output], in: site)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("the build would read its own output"), "\(run.stderr)")
        #expect(!Self.manager.fileExists(atPath: site + "/templates/static/out"))
        #expect(!Self.manager.fileExists(atPath: site + "/content/briefs/out"))
    }

    @Test("a second build while one holds the site's lock fails at once, naming its pid")
    func lockHeld() throws {
        let site = try CLI.site("site")
        try Self.manager.createDirectory(
            atPath: site + "/.sitegen", withIntermediateDirectories: true)
        let descriptor = open(site + "/.sitegen/lock", O_RDWR | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var request = flock()
        request.l_type = Int16(F_WRLCK)
        request.l_whence = Int16(SEEK_SET)
        #expect(fcntl(descriptor, F_SETLK, &request) == 0)
        let text = Array("4242\n".utf8)
        #expect(write(descriptor, text, text.count) == text.count)
        let run = try CLI.run(["build"], in: site)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("another sitegen build is running on this site (pid 4242)"),
            "\(run.stderr)")
        #expect(!Self.manager.fileExists(atPath: site + "/public"))
        request.l_type = Int16(F_UNLCK)
        #expect(fcntl(descriptor, F_SETLK, &request) == 0)
        let again = try CLI.run(["build"], in: site)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("a killed build's temporary folder is removed by the next build")
    func killedBuildLeftovers() throws {
        let site = try CLI.site("site")
        let leftover = site + "/.public.sitegen-tmp"
        try CLI.write("half a page", to: leftover + "/index.html")
        let run = try CLI.run(["build"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!Self.manager.fileExists(atPath: leftover))
    }

    @Test("an error from the file system names the path it concerns")
    func errorsNamePaths() throws {
        let site = try CLI.site("site")
        try CLI.write("a file, not a folder", to: site + "/blocker")
        let run = try CLI.run(["build", "--output", "blocker/public"], in: site)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "cannot create folder 'blocker/.public.sitegen-tmp': Not a directory"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }
}
