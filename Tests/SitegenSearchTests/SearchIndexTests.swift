import Foundation
import Testing

@testable import SitegenSearch

@Suite struct SearchIndexTests {
    static func document(
        _ key: String, day: Int, title: String, titleEN: String? = nil, tags: [String] = [],
        source: String = "Example", summary: String = "", body: String = "",
        english: String = ""
    ) -> SearchDocument {
        SearchDocument(
            key: key, url: "/briefs/\(key)/", title: title, titleEN: titleEN,
            shownDate: "2026-04-\(day)", dateValue: Int64(day) * 86_400, source: source,
            tags: tags,
            summaries: summary.isEmpty ? [] : [.init(language: "ja", text: summary)],
            sections: [
                .init(language: "ja", text: body), .init(language: "en", text: english),
            ])
    }

    /// The index built from `documents`, and a function that runs a query over it and returns
    /// the keys of the results in order.
    static func searcher(_ documents: [SearchDocument], builder: SearchIndexBuilder = .init())
        async -> (files: [SearchIndexFile], search: (String, [String]) -> [String])
    {
        let files = await builder.build(documents)
        var byPath: [String: [UInt8]] = [:]
        for file in files { byPath[file.path] = file.bytes }
        let numbered = SearchIndexBuilder.numbered(documents)
        let meta = try? JSONSerialization.jsonObject(with: Data(byPath["meta.json"] ?? []))
        let shards = (meta as? [String: Any])?["shards"] as? Int ?? 0
        let query = SearchQuery(shardCount: shards, documentCount: documents.count)
        return (
            files,
            { text, filters in
                query.run(text, filters: filters) { byPath[$0] }.map { numbered[$0.document].key }
            }
        )
    }

    /// Terms in shards, and terms in files of their own (positions apart either way).
    static let layouts = [
        SearchIndexBuilder(), SearchIndexBuilder(targetShardBytes: 16, ownFileBytes: 1),
    ]

    @Test(arguments: layouts)
    func phraseMatchesOnlyTheSequence(builder: SearchIndexBuilder) async {
        let (files, search) = await Self.searcher(
            [
                Self.document("together", day: 1, title: "話題", body: "大規模言語モデルの規制が進む"),
                Self.document("apart", day: 2, title: "話題", body: "大規模な言語とモデル、規模の言語"),
                Self.document("none", day: 3, title: "無関係", body: "天気"),
            ], builder: builder)
        #expect(files.contains { $0.path.hasPrefix("p/") })
        #expect(search("大規模言語モデル", []) == ["together"])
        #expect(search("言語", []) == ["apart", "together"])
        #expect(search("規", []) == ["apart", "together"])
        #expect(search("存在しない語", []) == [])
    }

    @Test func mixedQueriesAndTheirTerms() async {
        let (_, search) = await Self.searcher([
            Self.document("both", day: 1, title: "生成AIの規制案", body: "欧州で議論"),
            Self.document("ai-only", day: 2, title: "生成AIの新製品", body: "発表"),
            Self.document(
                "partner", day: 3, title: "OpenAIとMicrosoftの提携", source: "OpenAI",
                english: "OpenAI and Microsoft extend their partnership"),
            Self.document("openai", day: 4, title: "OpenAIの新モデル", body: "提携なし"),
        ])
        #expect(search("生成AI 規制", []) == ["both"])
        #expect(search("ＯｐｅｎＡＩ　提携", []) == ["partner", "openai"])
        #expect(search("partnerships", []) == ["partner"])
    }

    @Test func titlesOutrankBodiesAndTiesGoToTheNewer() async {
        let (_, search) = await Self.searcher([
            Self.document("old-title", day: 1, title: "量子計算の進展"),
            Self.document("body", day: 5, title: "別件", body: "量子計算について一言"),
            Self.document("new-title", day: 3, title: "量子計算の進展"),
            Self.document(
                "tag", day: 2, title: "別件", tags: ["量子計算"]),
        ])
        #expect(search("量子計算", []) == ["new-title", "old-title", "tag", "body"])
    }

    @Test(arguments: layouts)
    func filtersByTagAndSource(builder: SearchIndexBuilder) async {
        let (_, search) = await Self.searcher(
            [
                Self.document("a", day: 1, title: "規制の話", tags: ["政策"], source: "Reuters"),
                Self.document("b", day: 2, title: "規制の話", tags: ["生成AI"], source: "OpenAI"),
                Self.document("c", day: 3, title: "規制の話", tags: ["生成ai"], source: "Reuters"),
            ], builder: builder)
        #expect(search("規制", ["#t:生成ai"]) == ["c", "b"])
        #expect(search("規制", ["#s:reuters"]) == ["c", "a"])
        #expect(search("規制", ["#t:生成ai", "#s:reuters"]) == ["c"])
    }

    @Test func filesAreDeterministicAndChunked() async {
        let documents = (0..<40).map {
            Self.document(
                "brief-\($0)", day: $0 % 28 + 1, title: "記事\($0) 生成AI", tags: ["タグ\($0 % 3)"],
                body: "本文\($0)の内容", english: "Body number \($0)")
        }
        let builder = SearchIndexBuilder(targetShardBytes: 256, documentsPerChunk: 4)
        let first = await builder.build(documents)
        let second = await builder.build(documents.reversed())
        #expect(first == second)
        #expect(first.count { $0.path.hasPrefix("d/") } == 10)
        #expect(first.count { $0.path.hasPrefix("t/") } > 1)
        // Changing one brief's body changes its chunk and some shards, not everything.
        var edited = documents
        edited[7].sections[0].text = "書き換えた本文"
        let third = await builder.build(edited)
        var before: [String: [UInt8]] = [:]
        for file in first { before[file.path] = file.bytes }
        let changed = third.filter { before[$0.path] != $0.bytes }.map(\.path)
        #expect(changed.filter { $0.hasPrefix("d/") }.count == 1)
        let shards = first.filter { $0.path.hasPrefix("t/") }.map(\.path)
        #expect(shards.contains { !changed.contains($0) })
        #expect(!changed.contains("meta.json"))
    }
}
