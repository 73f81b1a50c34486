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

    /// Where the build is killed: stages as they end (`KillPoint`), the moment every page is
    /// written but nothing swapped, the middle of the swap, and after the swap with the cache
    /// not yet saved.
    static let killPoints = ["parse", "plan", "written", "swapping", "render and write"]

    /// Kills a build at each kill point, which the build reaches and waits at (so the kill
    /// provably interrupts it there): a build from scratch, and an incremental one that
    /// updates the site kept from the build before.
    @Test(arguments: killPoints, [false, true])
    func killedBuildLeavesThePreviousSite(at point: String, incremental: Bool) async throws {
        let executable = try #require(Self.executable, "build the sitegen product before the tests")
        let site = try Self.largeSite(count: 800)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        try site.write("title: Before\nbase_url: https://example.com/\n", to: "site.yml")
        if incremental {
            // Two cached builds, so that the second keeps the first's site to update next time.
            let cached = BuildOptions(
                source: site.root, output: output, cacheDirectory: site.root + "/.sitegen")
            _ = try await SiteBuilder(options: cached).build()
            try site.write("title: Before 1\nbase_url: https://example.com/\n", to: "site.yml")
            _ = try await SiteBuilder(options: cached).build()
        } else {
            try await Fixture.build(source: site.root, output: output)
        }
        let before = Self.snapshot(output)
        // Change every page so a half-written new site would show.
        try site.write("title: Changed\nbase_url: https://example.com/\n", to: "site.yml")

        let waiting = try Fixture.temporaryDirectory("sitegen-wait") + "/waiting"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            ["build", "--site", site.root, "--output", output]
            + (incremental ? [] : ["--no-cache"])
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["SITEGEN_WAIT_AT": point, "SITEGEN_WAIT_FILE": waiting], uniquingKeysWith: { $1 })
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The build says it has reached the point by creating the file, then waits there.
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: waiting), process.isRunning,
            Date() < deadline
        {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        #expect(FileManager.default.fileExists(atPath: waiting), "never reached '\(point)'")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the build was not interrupted")

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
