import Foundation
import Testing

@testable import SitegenCore

/// A brief taken from the cache has its body read again when a page shows it; when that read
/// fails, the build fails at the brief's path and the live site stays as it was.
@Suite struct DeferredBodyTests {
    @Test func anUnreadableCachedBodyFailsTheBuildAtItsPath() async throws {
        var files: [String: String] = [:]
        for index in 0..<3 {
            files["content/briefs/b\(index).md"] = IncrementalBuildTests.brief(
                index, tags: ["t"], day: index + 1)
        }
        let site = try TemporarySite(files)
        // Old enough for the cache to trust their stamps, so their bodies are not read again
        // until a page shows them.
        for index in 0..<3 {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)],
                ofItemAtPath: site.root + "/content/briefs/b\(index).md")
        }
        let output = try Fixture.temporaryDirectory("sitegen-deferred") + "/public"
        let options = BuildOptions(
            source: site.root, output: output, now: Fixture.now,
            cacheDirectory: site.root + "/.sitegen")
        _ = try await SiteBuilder(options: options).build()
        let before = IncrementalBuildTests.snapshot(output)

        // A newer brief puts the feeds, which carry the cached briefs' bodies, up for rendering;
        // b1's file then cannot be read (as if it was removed during the build).
        try site.write(
            IncrementalBuildTests.brief(3, tags: ["t"], day: 20), to: "content/briefs/b3.md")
        var fileSystem = FileSystem.disk
        let disk = fileSystem.read
        let vanished = site.root + "/content/briefs/b1.md"
        fileSystem.read = { path in path == vanished ? nil : try disk(path) }
        let failure = await #expect(throws: BuildFailure.self) {
            try await SiteBuilder(options: options, fileSystem: fileSystem).build()
        }
        #expect(
            failure?.errors.map(\.description) == [
                "content/briefs/b1.md: error: the brief's body could not be shown: it was removed "
                    + "during the build\n    hint: build again"
            ])
        #expect(IncrementalBuildTests.snapshot(output) == before)

        // With the file readable again, the next build succeeds and matches a build from scratch.
        _ = try await SiteBuilder(options: options).build()
        let fresh = try Fixture.temporaryDirectory("sitegen-fresh") + "/public"
        _ = try await SiteBuilder(
            options: BuildOptions(source: site.root, output: fresh, now: Fixture.now)
        ).build()
        #expect(IncrementalBuildTests.snapshot(output) == IncrementalBuildTests.snapshot(fresh))
    }
}
