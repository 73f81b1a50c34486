import Foundation
import Testing

@testable import SitegenCore

/// A disk that fills up during a build (issue #13, case 12), injected through `FileSystem`: the
/// error says so plainly, naming the file, the live site stays, and no partial folder is left.
@Suite struct FullDiskTests {
    struct NoSpace: Error, LocalizedError {
        let path: String
        var errorDescription: String? { "cannot write '\(path)': No space left on device" }
    }

    @Test(arguments: [false, true])
    func aFullDiskIsReportedAndLeavesNoPartialFolder(incremental: Bool) async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let options = BuildOptions(
            source: site.root, output: output, now: Fixture.now,
            cacheDirectory: incremental ? site.root + "/.sitegen" : nil)
        // Two builds, so that an incremental one has a kept folder to update.
        _ = try await SiteBuilder(options: options).build()
        try site.write("title: Second\nbase_url: https://example.com/\n", to: "site.yml")
        _ = try await SiteBuilder(options: options).build()
        let before = IncrementalBuildTests.snapshot(output)
        try site.write("title: Third\nbase_url: https://example.com/\n", to: "site.yml")
        var full = FileSystem.disk
        full.write = { bytes, path in
            if path.hasSuffix("/index.html") { throw NoSpace(path: path) }
            try FileSystem.disk.write(bytes, path)
        }
        await #expect {
            _ = try await SiteBuilder(options: options, fileSystem: full).build()
        } throws: { error in
            let message = (error as? BuildFailure)?.errors.first?.message ?? ""
            return message.contains("No space left on device") && message.contains("index.html'")
        }
        #expect(IncrementalBuildTests.snapshot(output) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        #expect(!left.contains(".public.sitegen-tmp"))
        #expect(
            !FileManager.default.fileExists(atPath: root + "/.public.sitegen-old/.sitegen-updating")
        )
        // The next build, with room again, gives the site a build from scratch gives.
        _ = try await SiteBuilder(options: options).build()
        let fresh = root + "/fresh"
        _ = try await SiteBuilder(
            options: BuildOptions(source: site.root, output: fresh, now: Fixture.now)
        ).build()
        #expect(IncrementalBuildTests.snapshot(output) == IncrementalBuildTests.snapshot(fresh))
    }
}
