import Foundation
import SitegenBase
import Testing

@testable import SitegenCore

@Suite struct BuildCacheTests {
    static func cache(warnings: Int) -> BuildCache {
        let brief = ParsedBrief(
            sourcePath: "content/briefs/a.md", slug: "a", slugLine: 1, title: "タイトル", titleEN: nil,
            date: Timestamp(seconds: 1_700_000_000, offset: 32_400), updated: nil,
            source: ArticleSource(
                url: "https://example.org/", name: "Example", host: "example.org"),
            tags: [Tag(name: "生成AI", slug: "生成ai")], summary: ["要点"], summaryEN: [],
            isGenerated: true,
            isDraft: false, language: "ja", sections: [])
        let entry = BuildCache.Entry(
            stamp: BuildCache.Stamp(size: 10, modified: 20), contentHash: 30, brief: brief,
            warnings: [])
        return BuildCache(
            siteFingerprint: Fingerprint.of(bytes: Array("site".utf8)), output: "/tmp/public",
            entries: ["content/briefs/a.md": entry], manifest: ["index.html": Fingerprint()],
            keptManifest: nil, inputs: Fingerprint(), nextRelease: nil, builtAt: 99,
            summary: BuildCache.Summary(briefs: 1),
            warnings: (0..<warnings).map {
                SitegenError(
                    .field, "unknown key 'k\($0)'",
                    at: SourceLocation(path: "content/briefs/a.md", line: 2), severity: .warning)
            })
    }

    @Test func roundTrips() throws {
        let decoded = try #require(BuildCache.decode(Self.cache(warnings: 2).encoded()))
        let entry = try #require(decoded.entries["content/briefs/a.md"])
        #expect(entry.brief.title == "タイトル")
        #expect(entry.brief.tags == [Tag(name: "生成AI", slug: "生成ai")])
        #expect(entry.stamp == BuildCache.Stamp(size: 10, modified: 20))
        #expect(entry.contentHash == 30)
        #expect(decoded.warnings.count == 2)
        #expect(decoded.manifest == ["index.html": Fingerprint()])
        #expect(decoded.encoded() == Self.cache(warnings: 2).encoded())
    }

    @Test func indexRoundTripsWithRecordsAndBothSites() throws {
        var cache = Self.cache(warnings: 1)
        cache.records = [
            BuildCache.BriefRecord(
                path: "content/briefs/a.md", stamp: BuildCache.Stamp(size: 1, modified: 2),
                contentHash: 3, frontMatterHash: 4,
                shownTags: ["生成AI", String(repeating: "t", count: 300)],
                carriers: [0, 2])
        ]
        cache.files = [
            BuildCache.FileRow(path: "a.html", live: Fingerprint.restored(1), kept: nil),
            BuildCache.FileRow(path: "b.html", live: nil, kept: Fingerprint.restored(2)),
            BuildCache.FileRow(
                path: "c.html", live: Fingerprint.restored(3), kept: Fingerprint.restored(4)),
        ]
        cache.hasKept = true
        let decoded = try #require(BuildCache.decodeIndex(cache.encodedIndex(), depth: .index))
        #expect(decoded.records == cache.records)
        #expect(decoded.records.first?.shownTags == ["生成AI", String(repeating: "t", count: 300)])
        #expect(decoded.records.first?.carriers == [0, 2])
        #expect(decoded.files == cache.files)
        #expect(decoded.hasKept)
        #expect(
            decoded.keptManifest == [
                "b.html": Fingerprint.restored(2), "c.html": Fingerprint.restored(4),
            ])
        #expect(decoded.encodedIndex() == cache.encodedIndex())
    }

    @Test(arguments: [0, 5_000])
    func headerIsReadFromTheStartOfTheFile(warnings: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sitegen-cache-\(UUID())"
        ).path
        let store = CacheStore(directory: directory, fileSystem: .disk)
        store.save(Self.cache(warnings: warnings))
        let header = try #require(store.loadHeader())
        #expect(header.warnings.count == warnings)
        #expect(header.entries.isEmpty)
        #expect(header.builtAt == 99)
    }

    @Test(arguments: [[], Array("SITEGEN-CACHE\n0.0.0".utf8), Array(repeating: 0xFF, count: 64)])
    func damagedCachesDecodeToNil(bytes: [UInt8]) {
        #expect(BuildCache.decode(bytes) == nil)
    }
}
