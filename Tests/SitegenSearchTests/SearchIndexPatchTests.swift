import Testing

@testable import SitegenSearch

/// Ranges joined, and documents patched into an index as written, give a full build's bytes.
@Suite struct SearchIndexPatchTests {
    static func documents(_ count: Int, edit: Int? = nil, text: String = "") -> [SearchDocument] {
        (0..<count).map { index in
            SearchIndexTests.document(
                "brief-\(index)", day: index % 28 + 1,
                title: "記事\(index) 生成AI \(["規制", "提携", "半導体"][index % 3])",
                tags: ["タグ\(index % 3)", "OpenAI"], source: index % 2 == 0 ? "Reuters" : "日経",
                summary: "要約\(index)。大規模言語モデルの話題",
                body: index == edit
                    ? text : "本文\(index)の内容。" + String(repeating: "生成AIの規制が進む。", count: index % 7),
                english: index == edit
                    ? "Rewritten \(text)" : "Body number \(index) about open models")
        }
    }

    static let builders: [SearchIndexBuilder] = {
        var small = SearchIndexBuilder(
            targetShardBytes: 4_096, documentsPerChunk: 3, ownFileBytes: 24)
        small.documentsPerRange = 5
        var plain = SearchIndexBuilder()
        plain.documentsPerRange = 7
        return [small, plain, SearchIndexBuilder()]
    }()

    @Test(arguments: builders)
    func rangesJoinToTheSameFiles(builder: SearchIndexBuilder) async {
        var single = builder
        single.documentsPerRange = 1_000
        let documents = Self.documents(60)
        #expect(await builder.build(documents) == single.build(documents))
    }

    /// A large site's many smaller ranges (`documentsPerLargeRange`) join to the same files.
    @Test(arguments: builders)
    func manySmallRangesJoinToTheSameFiles(builder: SearchIndexBuilder) async {
        var many = builder
        many.documentsPerLargeRange = 4
        let documents = Self.documents(60)
        #expect(await builder.build(documents) == many.build(documents))
    }

    @Test(arguments: builders)
    func patchedFilesAreAFullBuildsFiles(builder: SearchIndexBuilder) async {
        let documents = Self.documents(50)
        let before = await builder.build(documents)
        var byPath: [String: [UInt8]] = [:]
        for file in before { byPath[file.path] = file.bytes }
        let numbered = SearchIndexBuilder.numbered(documents)
        var patches = 0
        for (edits, text) in [([7], "量子コンピュータの新しい本文"), ([3, 4, 30], "編集。"), ([49], "")] {
            var edited = documents
            var replacements: [(number: Int, document: SearchDocument)] = []
            for index in edits {
                edited[index] = Self.documents(50, edit: index, text: text + " \(index)")[index]
                let number = numbered.firstIndex { $0.key == edited[index].key } ?? -1
                replacements.append((number, edited[index]))
            }
            let full = await builder.build(edited)
            var fullByPath: [String: [UInt8]] = [:]
            for file in full { fullByPath[file.path] = file.bytes }
            guard let patched = builder.patched(replacing: replacements, read: { byPath[$0] })
            else {
                // Only when the shard count changes (then every term file does).
                #expect(
                    SearchIndexBuilder.number("shards", in: fullByPath["meta.json"] ?? [])
                        != SearchIndexBuilder.number("shards", in: byPath["meta.json"] ?? []),
                    "no patch for \(edits)")
                continue
            }
            patches += 1
            for file in patched {
                #expect(fullByPath[file.path] == file.bytes, "\(edits): \(file.path)")
            }
            // Every term file, and every other file as it was.
            let termFiles = full.filter { !$0.path.hasPrefix("d/") && $0.path != "meta.json" }
            #expect(
                Set(termFiles.map(\.path))
                    == Set(patched.filter { !$0.path.hasPrefix("d/") }.map(\.path)))
            let patchedPaths = Set(patched.map(\.path))
            for file in full where !patchedPaths.contains(file.path) {
                #expect(byPath[file.path] == file.bytes, "\(edits): \(file.path) changed")
            }
        }
        #expect(patches >= 1)
    }

    @Test func aWrongNumberIsRefused() async {
        let documents = Self.documents(20)
        let builder = SearchIndexBuilder()
        var byPath: [String: [UInt8]] = [:]
        for file in await builder.build(documents) { byPath[file.path] = file.bytes }
        let numbered = SearchIndexBuilder.numbered(documents)
        let wrong = numbered.firstIndex { $0.key == "brief-5" }.map { ($0 + 1) % 20 } ?? 0
        #expect(builder.patched(replacing: [(wrong, documents[5])], read: { byPath[$0] }) == nil)
        #expect(builder.patched(replacing: [(0, documents[5])], read: { _ in nil }) == nil)
    }
}
