import Foundation
import Testing

@testable import SitegenCore

/// The search page carries the index's layout (`data-shards`, `data-documents`, `data-own`), so
/// a rebuild must render it again whenever the set of index files or the number of documents
/// changes, and leave it alone otherwise.
@Suite struct SearchPageLayoutTests {
    static func attribute(_ name: String, in page: Data?) -> String? {
        guard let page, let text = String(data: page, encoding: .utf8),
            let start = text.range(of: " data-\(name)=\"")
        else { return nil }
        return String(text[start.upperBound...].prefix { $0 != "\"" })
    }

    /// The paths whose bytes differ between two builds.
    static func differing(_ one: [String: Data], _ other: [String: Data]) -> [String] {
        Set(one.keys).union(other.keys).filter { one[$0] != other[$0] }.sorted()
    }

    @Test func theSearchPageFollowsTheIndexLayoutAcrossRebuilds() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 40, search: true)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = root + "/cache"
        let builds = IncrementalBuildTests()
        var (_, incremental, fresh) = try await builds.buildBoth(
            site, output: output, cache: cache)
        #expect(Self.attribute("documents", in: incremental["search/index.html"]) == "41")
        #expect(Self.attribute("shards", in: incremental["search/index.html"]) == "1")
        #expect(Self.attribute("own", in: incremental["search/index.html"]) == "")

        // A body with two thousand new words: the terms outgrow one shard.
        let words = (0..<2_000).map { "w\($0)x" }.joined(separator: " ")
        try site.write(
            IncrementalBuildTests.brief(
                7, tags: IncrementalBuildTests.tags(for: 7), day: 8, body: words),
            to: "content/briefs/b7.md")
        (_, incremental, fresh) = try await builds.buildBoth(site, output: output, cache: cache)
        #expect(Self.differing(incremental, fresh) == [])
        let shards = Self.attribute("shards", in: incremental["search/index.html"])
        #expect(shards != "1" && shards != nil)
        let meta = try JSONSerialization.jsonObject(
            with: try #require(incremental["search/meta.json"]))
        #expect(shards == ((meta as? [String: Any])?["shards"] as? Int).map(String.init))

        // One more brief: one more document.
        try site.write(
            IncrementalBuildTests.brief(
                40, tags: IncrementalBuildTests.tags(for: 40), day: 3),
            to: "content/briefs/b40.md")
        (_, incremental, fresh) = try await builds.buildBoth(site, output: output, cache: cache)
        #expect(Self.differing(incremental, fresh) == [])
        #expect(Self.attribute("documents", in: incremental["search/index.html"]) == "42")
    }
}
