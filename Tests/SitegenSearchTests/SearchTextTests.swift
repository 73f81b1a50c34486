import Foundation
import Testing

@testable import SitegenSearch

@Suite struct SearchTextTests {
    @Test(arguments: [
        ("ＯｐｅｎＡＩ", "openai"),
        ("ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン"),
        ("ﾊﾟｿｺﾝ", "パソコン"),
        ("か\u{3099}", "が"),
        ("ΣΑΣ", "σασ"),
        ("①", "1"),
        ("㈱", "(株)"),
        ("生成ＡＩ", "生成ai"),
        ("Ｃ＋＋", "c++"),
        ("　", " "),
        ("plain ascii", "plain ascii"),
    ])
    func normalizes(input: String, expected: String) {
        #expect(SearchText.normalize(input) == expected)
    }

    @Test func fastPathAgreesWithFoundation() {
        // Every scalar the fast path copies must be one NFKC and lower-casing leave alone.
        let samples = "ABCxyz09 !~あゔァヺー、。〃〈】〔〛一龥々ヽヾ゛゜・ｱ‐‑‒–—―‖‗‘’“”…"
        for scalar in samples.unicodeScalars {
            let text = String(Character(scalar))
            let expected = text.decomposedStringWithCompatibilityMapping
                .precomposedStringWithCanonicalMapping.lowercased()
            #expect(SearchText.normalize(text) == expected, "U+\(String(scalar.value, radix: 16))")
        }
        let mixed = "ＡＢか\u{3099}ｶﾞ生成"
        #expect(
            SearchText.normalize(mixed)
                == mixed.decomposedStringWithCompatibilityMapping
                .precomposedStringWithCanonicalMapping.lowercased())
    }

    /// Long texts mixing ASCII of both cases (read eight bytes at a time), kanji (skipped by
    /// their lead byte), kana and scalars NFKC changes, at every alignment: the same as
    /// Foundation on the whole text.
    @Test(arguments: [1, 2, 3, 4, 5])
    func mixedTextsAgreeWithFoundation(seed: UInt64) {
        let pieces = [
            "OpenAI", "GPT-4o MODELS", "abcdefghijKLMNOPQRSTuvwxyz", "生成", "龥一", "かな", "ガイド",
            "ｶﾞｲﾄﾞ", "ＡＩ", "か\u{3099}", "①", "Σ", "é", "e\u{301}", " ", "\u{3000}", "、", "’s",
        ]
        var state = seed
        var text = ""
        for _ in 0..<400 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            text += pieces[Int((state >> 33) % UInt64(pieces.count))]
        }
        let expected = String(
            text.decomposedStringWithCompatibilityMapping
                .precomposedStringWithCanonicalMapping.lowercased().unicodeScalars.map {
                    Character($0.value == 0x3C2 ? "\u{3C3}" : $0)
                })
        #expect(SearchText.normalize(text) == expected, "seed \(seed)")
    }
}
