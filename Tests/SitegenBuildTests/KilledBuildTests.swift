import Foundation
import SitegenCore
import Testing

/// A build killed with SIGKILL at any moment leaves the previous site whole.
@Suite struct KilledBuildTests {
    /// The `sitegen` executable built next to the test bundle.
    static var executable: String? {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = directory.appendingPathComponent("sitegen").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    static func largeSite(count: Int) throws -> TemporarySite {
        var files: [String: String] = [:]
        let paragraph = String(repeating: "生成AIに関する段落です。", count: 30)
        for index in 0..<count {
            files["content/briefs/b\(index).md"] = TemporarySite.brief(
                title: "ブリーフ \(index)", date: "2026-0\(index % 9 + 1)-1\(index % 9)T09:00:00+09:00",
                tags: ["t\(index % 40)", "共通"],
                body: "\(paragraph)\n\n<!-- lang: en -->\nEnglish \(index).\n")
        }
        return try TemporarySite(files)
    }

    static func snapshot(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for file in Fixture.files(under: directory) {
            result[file] = FileManager.default.contents(atPath: directory + "/" + file)
        }
        return result
    }

    /// Runs `sitegen build` and returns how long it took.
    static func timedBuild(_ executable: String, source: String, output: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["build", "--no-cache", "--site", source, "--output", output]
        process.standardError = FileHandle.nullDevice
        let started = Date()
        try process.run()
        process.waitUntilExit()
        return Date().timeIntervalSince(started)
    }

    /// Kills a build at a tenth, half and nine tenths of the time a whole build takes: a build
    /// from scratch, and an incremental one that updates the site kept from the build before.
    @Test(arguments: [0.1, 0.5, 0.9], [false, true])
    func killedBuildLeavesThePreviousSite(atFraction fraction: Double, incremental: Bool)
        async throws
    {
        let executable = try #require(Self.executable, "build the sitegen product before the tests")
        let site = try Self.largeSite(count: 800)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        // The shorter of two runs, so that a slow first start does not put the kill past the end.
        var duration = Double.infinity
        for _ in 0..<2 {
            duration = min(
                duration,
                try Self.timedBuild(executable, source: site.root, output: root + "/timing"))
            try FileManager.default.removeItem(atPath: root + "/timing")
        }
        var delay = duration * fraction
        var before: [String: Data] = [:]
        // A build may outrun the kill when the tests around it slow the timing runs down; then the
        // old site is restored and the kill comes sooner, a few times at most.
        for attempt in 0..<4 {
            try site.write("title: Before\nbase_url: https://example.com/\n", to: "site.yml")
            if incremental {
                // Two cached builds, so that the second keeps the first's site to update next time.
                let cached = BuildOptions(
                    source: site.root, output: output, cacheDirectory: site.root + "/.sitegen")
                _ = try await SiteBuilder(options: cached).build()
                try site.write(
                    "title: Before \(attempt)\nbase_url: https://example.com/\n", to: "site.yml")
                _ = try await SiteBuilder(options: cached).build()
            } else {
                try await Fixture.build(source: site.root, output: output)
            }
            before = Self.snapshot(output)
            // Change every page so a half-written new site would show.
            try site.write("title: Changed\nbase_url: https://example.com/\n", to: "site.yml")

            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments =
                ["build", "--site", site.root, "--output", output]
                + (incremental ? [] : ["--no-cache"])
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Dispatch's own threads keep time even when the tests fill the concurrency pool.
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { _ = kill(pid, SIGKILL) }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal || fraction > 0.2 { break }
            #expect(attempt < 3, "the build always ended before it was killed (last at \(delay) s)")
            delay /= 3
        }

        // Whatever the moment, the next reader finds one whole site: the old one, or (if the
        // build got to the swap) the new one. Recovery of an interrupted swap happens first.
        _ = OutputWriter(output: output).checkOwnership()
        let after = Self.snapshot(output)
        if after != before {
            #expect(after.keys.sorted() == before.keys.sorted())
            let index = String(decoding: after["index.html"] ?? Data(), as: UTF8.self)
            #expect(index.contains("Changed"), "a site that is neither the old nor the new one")
        }
        // And the next build succeeds, gives the same site as a build from scratch, and cleans up.
        let options = BuildOptions(
            source: site.root, output: output,
            cacheDirectory: incremental ? site.root + "/.sitegen" : nil)
        _ = try await SiteBuilder(options: options).build()
        let fresh = try Fixture.temporaryDirectory("sitegen-fresh") + "/public"
        _ = try await SiteBuilder(options: BuildOptions(source: site.root, output: fresh)).build()
        #expect(Self.snapshot(output) == Self.snapshot(fresh))
        let parent = (output as NSString).deletingLastPathComponent
        // Only the site, the output and the previous site kept for the next build remain.
        let left = try FileManager.default.contentsOfDirectory(atPath: parent).sorted()
        #expect(left.filter { $0 != ".public.sitegen-old" } == ["public", "site"])
    }
}
