import Foundation
import Synchronization
import Testing

@testable import SitegenCore

/// What a build does differently above `BuildOptions.largeSiteBriefs` briefs, to bound its
/// memory: listing cards keep only the fields listing templates can look up (brief pages make
/// their own), the Markdown parsed is let go and read again from the files in the markdown stage,
/// and search index files are spooled. The same site either way.
@Suite struct LargeSiteTests {
    /// Builds the site twice: as a small site, and as a large one.
    func bothWays(_ site: TemporarySite) async throws -> (
        whole: [String: Data], cut: [String: Data]
    ) {
        var snapshots: [[String: Data]] = []
        for limit in [Int.max, 0] {
            let output = try Fixture.temporaryDirectory("sitegen-cards") + "/public"
            var options = BuildOptions(source: site.root, output: output, now: Fixture.now)
            options.largeSiteBriefs = limit
            _ = try await SiteBuilder(options: options).build()
            snapshots.append(IncrementalBuildTests.snapshot(output))
        }
        return (snapshots[0], snapshots[1])
    }

    /// The fixture theme's listings show card fields through `partials/card`.
    @Test func aThemeWhoseListingsShowCardFields() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        let (whole, cut) = try await bothWays(site)
        #expect(whole.count > 20)
        #expect(whole == cut)
    }

    /// The built-in theme's listings show `card_html` alone.
    @Test(arguments: [false, true])
    func theBuiltInTheme(search: Bool) async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12, search: search)
        try FileManager.default.removeItem(atPath: site.root + "/templates")
        #expect(try Templates(files: []).listingCardFields == ["card_html"])
        let (whole, cut) = try await bothWays(site)
        #expect(whole.keys.contains("tags/t1/index.html"))
        #expect(whole == cut)
    }

    /// With the build cache, a rebuild of a large site after a body edit equals a build from
    /// scratch.
    @Test func aRebuildAfterABodyEditAsALargeSite() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12, search: true)
        let root = (site.root as NSString).deletingLastPathComponent
        func build(_ output: String, cache: String?) async throws -> [String: Data] {
            var options = BuildOptions(
                source: site.root, output: output, now: Fixture.now, cacheDirectory: cache)
            options.largeSiteBriefs = 0
            _ = try await SiteBuilder(options: options).build()
            return IncrementalBuildTests.snapshot(output)
        }
        _ = try await build(root + "/public", cache: root + "/cache")
        try site.write(
            IncrementalBuildTests.brief(3, tags: ["t3", "共通"], day: 4, body: "書き直した本文。"),
            to: "content/briefs/b3.md")
        let incremental = try await build(root + "/public", cache: root + "/cache")
        let fresh = try await build(
            try Fixture.temporaryDirectory("sitegen-large") + "/public", cache: nil)
        #expect(incremental == fresh)
        #expect(incremental.contains { $0.value.range(of: Data("書き直した本文".utf8)) != nil })
    }

    /// A brief whose file changes between its parse and the second read of its Markdown fails
    /// the build at its path, and nothing is written.
    @Test func aFileChangedAfterItsParseFailsTheBuild() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 4)
        let output = try Fixture.temporaryDirectory("sitegen-large") + "/public"
        var options = BuildOptions(source: site.root, output: output, now: Fixture.now)
        options.largeSiteBriefs = 0
        var fileSystem = FileSystem.disk
        let disk = fileSystem.read
        let changed = site.root + "/content/briefs/b2.md"
        let reads = Mutex(0)
        fileSystem.read = { path in
            guard path == changed, var bytes = try disk(path) else { return try disk(path) }
            if reads.withLock({ count in
                count += 1
                return count > 1
            }) {
                bytes += Array("\n追記。\n".utf8)
            }
            return bytes
        }
        let failure = await #expect(throws: BuildFailure.self) {
            try await SiteBuilder(options: options, fileSystem: fileSystem).build()
        }
        #expect(
            failure?.errors.map(\.description) == [
                "content/briefs/b2.md: error: the brief's body could not be shown: it changed "
                    + "during the build\n    hint: build again"
            ])
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
