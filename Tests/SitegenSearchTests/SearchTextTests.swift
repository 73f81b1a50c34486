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
}
