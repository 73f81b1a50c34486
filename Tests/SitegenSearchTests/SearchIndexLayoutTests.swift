import Foundation
import Testing

@testable import SitegenSearch

@Suite struct SearchIndexLayoutTests {
    /// The filter's bytes from its base64url text.
    static func decoded(_ text: String) -> [UInt8] {
        var standard = text.replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Array(Data(base64Encoded: standard) ?? Data())
    }

    static func ownHashes(_ paths: [String]) -> [UInt32] {
        paths.compactMap { path in
            guard path.hasPrefix("t/x"), path.hasSuffix(".bin") else { return nil }
            return UInt32(path.dropFirst(3).dropLast(4), radix: 16)
        }
    }

    @Test func countsShardsAndHoldsEveryTermWithFilesOfItsOwn() async throws {
        let documents = (1...12).map {
            SearchIndexTests.document(
                "d\($0)", day: $0, title: "生成AIの規制 \($0)", body: "規制の議論が進む",
                english: "OpenAI models and partnerships")
        }
        let builder = SearchIndexBuilder(targetShardBytes: 64, ownFileBytes: 8)
        let files = await builder.build(documents)
        let paths = files.map(\.path)
        let layout = SearchIndexLayout(
            documents: documents.count, chunk: builder.documentsPerChunk, paths: paths)
        let metaFile = try #require(files.first { $0.path == "meta.json" })
        let json = try JSONSerialization.jsonObject(with: Data(metaFile.bytes))
        let meta = try #require(json as? [String: Any])
        #expect(layout.shards == meta["shards"] as? Int)
        #expect(layout.shards == paths.filter { $0.hasPrefix("t/") && !$0.hasPrefix("t/x") }.count)
        #expect(layout.documents == 12 && layout.chunk == meta["chunk"] as? Int)
        let own = Self.ownHashes(paths)
        #expect(own.count >= 5)
        let filter = Self.decoded(layout.ownTerms)
        #expect(filter.count == (own.count * SearchIndexLayout.bitsPerTerm + 7) / 8)
        for hash in own { #expect(SearchIndexLayout.filter(filter, mayHold: hash)) }
        // The order of the paths does not matter.
        #expect(
            SearchIndexLayout(documents: 12, chunk: 2, paths: paths.reversed()) == layout)
    }

    /// search.js reads a guessed file of its own without the shard: the file names its term.
    @Test func aFileOfItsOwnStartsWithItsTermsEntry() async throws {
        let documents = (1...12).map {
            SearchIndexTests.document(
                "d\($0)", day: $0, title: "生成AIの規制 \($0)", english: "OpenAI models")
        }
        let files = await SearchIndexBuilder(targetShardBytes: 64, ownFileBytes: 8).build(
            documents)
        let own = files.filter { $0.path.hasPrefix("t/x") }
        #expect(own.count >= 3)
        for file in own {
            var offset = 0
            let length = try #require(Varint.read(file.bytes, at: &offset))
            let name = String(decoding: file.bytes[offset..<offset + length], as: UTF8.self)
            offset += length
            #expect(
                file.path == "t/x\(PostingsTable.hex(SearchIndexBuilder.hash(name))).bin")
            let flags = try #require(Varint.read(file.bytes, at: &offset))
            let count = try #require(Varint.read(file.bytes, at: &offset))
            #expect(flags & 2 != 0 && count > 0)
            #expect(PostingsTable.ownFilePostingsStart(file.bytes) == offset)
        }
        #expect(PostingsTable.ownFilePostingsStart([5, 1]) == nil)
    }

    @Test func anIndexWithoutFilesOfTheirOwnHasAnEmptyFilter() {
        let layout = SearchIndexLayout(
            documents: 3, chunk: 2, paths: ["d/0.json", "d/1.json", "meta.json", "t/0.bin"])
        #expect(layout.shards == 1 && layout.ownTerms.isEmpty)
        #expect(!SearchIndexLayout.filter([], mayHold: 0x1234_5678))
    }

    @Test func falseHitsAreRare() {
        let hashes = (0..<2_000).map { SearchIndexBuilder.hash("term\($0)") }
        let filter = SearchIndexLayout.filter(Array(hashes[..<1_000]))
        for hash in hashes[..<1_000] { #expect(SearchIndexLayout.filter(filter, mayHold: hash)) }
        let falseHits = hashes[1_000...].filter { SearchIndexLayout.filter(filter, mayHold: $0) }
        #expect(falseHits.count < 30, "\(falseHits.count) false hits in 1,000")
    }

    @Test func base64URLWithoutPadding() {
        #expect(SearchIndexLayout.encoded(Array("Man".utf8)) == "TWFu")
        #expect(SearchIndexLayout.encoded(Array("Ma".utf8)) == "TWE")
        #expect(SearchIndexLayout.encoded(Array("M".utf8)) == "TQ")
        #expect(SearchIndexLayout.encoded([0xFB, 0xFF]) == "-_8")
        #expect(SearchIndexLayout.encoded([]) == "")
    }

    /// `layout.json` is shared with the browser test (Tests/browser/test_search.py), which checks
    /// search.js's `hash` and `ownFilter` against it: a filter made here must answer the same
    /// there. `SITEGEN_RECORD=1` rewrites it from the Swift side.
    @Test func sharedCasesMatchTheRecordedFilter() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("layout.json")
        let terms = [
            "openai", "生成", "規制", "ai", "model", "source", "open", "提携", "ロボ", "ボッ", "ット",
            "#t:生成ai", "#s:reuters", "Ｘ", "é",
        ]
        let held = Array(terms.prefix(8))
        let hashes = held.map { SearchIndexBuilder.hash($0) }
        let filter = SearchIndexLayout.filter(hashes)
        let recorded: [String: Any] = [
            "filter": SearchIndexLayout.encoded(filter),
            "held": held,
            "terms": terms.map { term -> [String: Any] in
                let hash = SearchIndexBuilder.hash(term)
                return [
                    "term": term, "hash": Int(hash),
                    "mayHold": SearchIndexLayout.filter(filter, mayHold: hash),
                ]
            },
        ]
        if ProcessInfo.processInfo.environment["SITEGEN_RECORD"] != nil {
            let out = try JSONSerialization.data(
                withJSONObject: recorded,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try out.write(to: url)
            Issue.record("recorded \(url.path); review the diff")
            return
        }
        let data = try Data(contentsOf: url)
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
        #expect(expected == recorded as NSDictionary)
        let cases = try #require(recorded["terms"] as? [[String: Any]])
        for item in cases where held.contains(item["term"] as? String ?? "") {
            #expect(item["mayHold"] as? Bool == true)
        }
    }
}
