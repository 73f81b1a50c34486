import Testing

@testable import SitegenSearch

@Suite struct PostingsCollectorTests {
    /// A seeded generator of bodies: Japanese runs (some longer than a piece, with no space),
    /// English words with possessives and plurals, punctuation and spaces.
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func body(bytes: Int) -> String {
            let japanese = Array("生成AI規制大規模言語モデルの提携、。半導体データセンターガイド")
            let english = ["OpenAI's", "models", "policies", "classes", "GPT-4o", "status", "a"]
            var text = ""
            while text.utf8.count < bytes {
                switch next(4) {
                case 0:
                    let length = next(5) == 0 ? 300 + next(700) : 1 + next(20)
                    for _ in 0..<length { text.append(japanese[next(japanese.count)]) }
                case 1: text += english[next(english.count)]
                case 2: text += [" ", "  ", ", ", ". ", "\u{3000}", "’s "][next(6)]
                default: text += " "
                }
            }
            return text
        }
    }

    /// What the collector must post for a body alone: each term's body score (occurrences, at
    /// most 5) and each pair's positions, from the tokenizer reading the whole text at once.
    static func expected(_ body: String) -> [String: (score: Int, positions: [Int])] {
        var terms: [String: (score: Int, positions: [Int])] = [:]
        SearchTokenizer.tokenize(SearchText.normalize(body)) { token in
            var entry = terms[token.term] ?? (0, [])
            entry.score = min(entry.score + 1, SearchDocument.Weight.bodyCap)
            if case .bigram(_, _, let position) = token { entry.positions.append(position) }
            terms[token.term] = entry
        }
        return terms
    }

    static func varints(_ bytes: ArraySlice<UInt8>) -> [Int] {
        let bytes = Array(bytes)
        var offset = 0
        var values: [Int] = []
        while let value = Varint.read(bytes, at: &offset) { values.append(value) }
        return values
    }

    @Test(arguments: [1, 2, 3, 4])
    func longTextIsReadInPiecesAsAWhole(seed: UInt64) {
        var generator = Generator(state: seed)
        let body = generator.body(bytes: 6_000 + generator.next(6_000))
        let document = SearchDocument(
            key: "k", url: "/k/", title: "", titleEN: nil, shownDate: "", dateValue: 0,
            source: "", tags: [], summaries: [], sections: [.init(language: "ja", text: body)])
        var collector = PostingsCollector()
        collector.add(document, number: 7)
        let part = collector.finished()
        var found: [String: (score: Int, positions: [Int])] = [:]
        for slot in 0..<part.slotCount {
            let name = String(decoding: part.name(slot), as: UTF8.self)
            let scores = Self.varints(part.scoreBytes(slot))
            #expect(scores.count == 2 && scores[0] == 7, "seed \(seed): \(name)")
            var positions = Self.varints(part.positionBytes(slot))
            if !positions.isEmpty {
                #expect(positions.removeFirst() == positions.count, "seed \(seed): \(name)")
                var at = 0
                positions = positions.map {
                    at += $0
                    return at
                }
            }
            found[name] = (scores.last ?? 0, positions)
        }
        let expected = Self.expected(body)
        #expect(found.count == expected.count, "seed \(seed)")
        for (term, entry) in expected {
            #expect(found[term]?.score == entry.score, "seed \(seed): \(term)")
            #expect(found[term]?.positions == entry.positions, "seed \(seed): \(term)")
        }
    }

    @Test func scoresKeepTheirCaps() {
        let document = SearchDocument(
            key: "k", url: "/k/", title: String(repeating: "AI ", count: 30), titleEN: nil,
            shownDate: "", dateValue: 0, source: "", tags: [], summaries: [],
            sections: [.init(language: "en", text: String(repeating: "model ", count: 40_000))])
        var collector = PostingsCollector()
        collector.add(document, number: 0)
        let part = collector.finished()
        var scores: [String: Int] = [:]
        for slot in 0..<part.slotCount {
            scores[String(decoding: part.name(slot), as: UTF8.self)] =
                Self.varints(part.scoreBytes(slot)).last
        }
        #expect(
            scores == ["ai": SearchDocument.Weight.cap, "model": SearchDocument.Weight.bodyCap])
    }

    @Test func piecesEndBeforeASpace() {
        let text = Array(
            (String(repeating: "語", count: 400) + " end " + String(repeating: "x", count: 2_000))
                .utf8)
        text.withUnsafeBufferPointer { bytes in
            let first = PostingsCollector.pieceEnd(bytes, from: 0)
            #expect(first == 1_200)
            #expect(bytes[first] == UInt8(ascii: " "))
            // No space within a piece: the piece runs on to the next one, or to the end.
            let second = PostingsCollector.pieceEnd(bytes, from: 1_204)
            #expect(second == bytes.count)
        }
    }

    /// A log of many small blocks (a few documents each) gives the postings one block does.
    @Test func aLogInManyBlocksSortsAsOne() {
        var generator = Generator(state: 9)
        let documents = (0..<40).map { number in
            SearchDocument(
                key: "k\(number)", url: "/k\(number)/", title: "", titleEN: nil, shownDate: "",
                dateValue: 0, source: "", tags: [], summaries: [],
                sections: [.init(language: "ja", text: generator.body(bytes: 500))])
        }
        var parts: [PostingsPart] = []
        for blockBytes in [1 << 20, 64] {
            var collector = PostingsCollector()
            collector.logBlockBytes = blockBytes
            for (number, document) in documents.enumerated() {
                collector.add(document, number: number)
            }
            if blockBytes == 64 { #expect(collector.fullBlocks.count >= 10) }
            parts.append(collector.finished())
        }
        #expect(parts[0].slotCount == parts[1].slotCount && parts[0].slotCount > 100)
        #expect(parts[0].scores == parts[1].scores)
        #expect(parts[0].positions == parts[1].positions)
    }
}
