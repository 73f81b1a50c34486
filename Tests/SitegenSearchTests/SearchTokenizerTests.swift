import Foundation
import Testing

@testable import SitegenSearch

@Suite struct SearchTokenizerTests {
    func terms(_ text: String) -> [String] {
        var terms: [String] = []
        SearchTokenizer.tokenize(SearchText.normalize(text)) { token in
            switch token {
            case .word(let word): terms.append("w:" + word)
            case .unigram: terms.append("u:" + token.term)
            case .bigram(_, _, let position): terms.append("b:\(token.term)@\(position)")
            }
        }
        return terms
    }

    @Test func japaneseBecomesPairsAndCharacters() {
        #expect(terms("生成AI") == ["u:生", "b:生成@0", "u:成", "w:ai"])
        #expect(terms("規制、生成") == ["u:規", "b:規制@0", "u:制", "u:生", "b:生成@3", "u:成"])
    }

    @Test func englishBecomesStemmedWords() {
        #expect(terms("OpenAI's Models") == ["w:openai", "w:model"])
        #expect(terms("companies classes status") == ["w:company", "w:class", "w:status"])
        #expect(terms("GPT-4o") == ["w:gpt", "w:4o"])
    }

    @Test func widthAndKanaVariantsMeet() {
        #expect(terms("ｶﾞｲﾄﾞ") == terms("ガイド"))
        #expect(terms("ＯｐｅｎＡＩ") == terms("openai"))
    }

    @Test func queriesGroupRunsIntoPhrases() {
        let groups = SearchTokenizer.query(SearchText.normalize("生成AI 規制 規 openai"))
        #expect(
            groups == [
                .phrase(["生成"]), .word("ai"), .phrase(["規制"]), .character("規"), .word("openai"),
            ])
        #expect(
            SearchTokenizer.query("大規模言語") == [.phrase(["大規", "規模", "模言", "言語"])])
    }

    /// `tokens.json` is shared with the browser test (Tests/browser/test_search.py), which runs
    /// the same cases through search.js: both must give these terms. `SITEGEN_RECORD=1` rewrites
    /// the expectations from the Swift side.
    @Test func sharedCasesMatchTheRecordedTerms() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("tokens.json")
        let data = try Data(contentsOf: url)
        let cases = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var recorded: [[String: Any]] = []
        for item in cases {
            let text = try #require(item["text"] as? String)
            let normalized = SearchText.normalize(text)
            let queryGroups = SearchTokenizer.query(normalized).map { group -> String in
                switch group {
                case .word(let word): return "w:" + word
                case .character(let character): return "c:" + character
                case .phrase(let pairs): return "p:" + pairs.joined(separator: "|")
                }
            }
            recorded.append([
                "text": text, "normalized": normalized, "terms": terms(text),
                "query": queryGroups,
            ])
            if ProcessInfo.processInfo.environment["SITEGEN_RECORD"] == nil {
                #expect(item["normalized"] as? String == normalized, "\(text)")
                #expect(item["terms"] as? [String] == terms(text), "\(text)")
                #expect(item["query"] as? [String] == queryGroups, "\(text)")
            }
        }
        if ProcessInfo.processInfo.environment["SITEGEN_RECORD"] != nil {
            let out = try JSONSerialization.data(
                withJSONObject: recorded,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try out.write(to: url)
            Issue.record("recorded \(url.path); review the diff")
        }
    }
}
