import SitegenBase
import Testing

@testable import SitegenCore

@Suite struct TagIndexTests {
    static func entries(_ names: [(String, Int)]) -> [TagIndex.Entry] {
        names.map { TagIndex.Entry(name: $0.0, slug: Slug.tag($0.0) ?? "", count: $0.1) }
    }

    static func shape(_ index: TagIndex) -> String {
        index.groups.map { "\($0.label): " + $0.entries.map(\.name).joined(separator: " ") }
            .joined(separator: " | ")
    }

    @Test func groupsAreLatinThenKanaRowsThenTheRest() {
        let index = TagIndex(
            entries: Self.entries([
                ("生成AI", 1), ("OpenAI", 9), ("エージェント", 2), ("Anthropic", 3), ("azure", 1),
                ("ＧＰＵ", 1), ("がん研究", 1), ("カメラ", 1), ("きのこ", 1), ("2026年", 1), ("ロボット", 4),
                ("わかめ", 1), ("ンゴロンゴロ", 1), ("提携", 1), ("Éclair", 1), ("#AI", 1),
            ]))
        #expect(
            Self.shape(index)
                == "A: Anthropic azure | E: Éclair | G: ＧＰＵ | O: OpenAI | あ: エージェント"
                + " | か: カメラ がん研究 きのこ | ら: ロボット | わ: わかめ ンゴロンゴロ"
                + " | その他: #AI 2026年 提携 生成AI")
        #expect(
            index.groups.map(\.id).prefix(5) == [
                "latin-a", "latin-e", "latin-g", "latin-o", "kana-a",
            ])
        #expect(index.groups.last?.id == "other")
    }

    @Test func kanaSortInGojuonOrderWithVoicedAndSmallKanaBesideTheirPlainForms() {
        let names = ["ばす", "はな", "パン", "ハッカー", "はつ", "ひかり", "ハート", "はし"]
        let index = TagIndex(entries: Self.entries(names.map { ($0, 1) }))
        #expect(Self.shape(index) == "は: はし ばす はつ ハッカー ハート はな パン ひかり")
    }

    @Test func mostUsedTagsComeFirstWithTheirCounts() {
        let index = TagIndex(
            entries: Self.entries([("b", 3), ("a", 3), ("c", 10), ("d", 1), ("e", 2)]))
        #expect(index.popular.map(\.name) == ["c", "a", "b", "e"])
        #expect(index.popular.map(\.count) == [10, 3, 3, 2])
        let many = TagIndex(entries: Self.entries((0..<100).map { ("t\($0)", 2 + $0) }))
        #expect(many.popular.count == TagIndex.popularLimit)
        #expect(many.popular.first?.name == "t99")
    }
}
