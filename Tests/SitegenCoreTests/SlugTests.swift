import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenCore

@Suite struct SlugTests {
    @Test(arguments: [
        ("生成AI", "生成ai"),
        ("OpenAI", "openai"),
        ("Large Language Models", "large-language-models"),
        ("  spaced   out  ", "spaced-out"),
        ("C++", "c++"),
        ("AI/ML", "aiml"),
        ("../../etc/passwd", "etcpasswd"),
        (".NET", "net"),
        ("..NET Core", "net-core"),
        (" .net", "net"),
        ("ASP.NET", "asp.net"),
        ("/.well-known", "well-known"),
        ("a\\b", "ab"),
        ("what?#%:", "what"),
        ("Ünïcödé", "ünïcödé"),
        ("🤖 Robots", "🤖-robots"),
        ("%2e%2e", "2e2e"),
    ])
    func tagSlugs(name: String, slug: String) {
        #expect(Slug.tag(name) == slug)
    }

    @Test(arguments: [".", "..", "...", "/", "//", "?#", "\u{0007}", "   ", ". ."])
    func tagsWithNothingUsableHaveNoSlug(name: String) {
        #expect(Slug.tag(name) == nil)
    }

    @Test func nfcAndCaseGiveOneSlug() {
        // "é" precomposed and as e + combining acute.
        #expect(Slug.tag("Caf\u{00E9}") == Slug.tag("CAFE\u{0301}"))
    }

    @Test func longTagsStayUnderTheFileNameLimitAndDistinct() throws {
        let a = String(repeating: "長", count: 120)
        let b = String(repeating: "長", count: 121)
        let slugA = try #require(Slug.tag(a))
        let slugB = try #require(Slug.tag(b))
        #expect(slugA.utf8.count <= 200)
        #expect(slugB.utf8.count <= 200)
        #expect(slugA != slugB)
    }

    /// Property: slugs are idempotent, never empty, and never a path that can leave its folder.
    @Test func slugPropertiesHoldForRandomTags() throws {
        var generator = SeededGenerator(seed: 20_261_125)
        let alphabet = Array("aZ09 -_./\\?#%:生成ＡＩ🤖é\u{0301}\u{0000}\u{007F}\t\n.")
        for _ in 0..<2000 {
            let length = Int.random(in: 0...24, using: &generator)
            let name = String(
                (0..<length).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                })
            guard let slug = Slug.tag(name) else { continue }
            #expect(!slug.isEmpty, "seed \(generator.seed): \(name.debugDescription)")
            #expect(Slug.tag(slug) == slug, "not idempotent for \(name.debugDescription)")
            #expect(!slug.contains("/") && !slug.contains("\\") && !slug.hasPrefix("."))
            #expect(
                OutputWriter.isSafe("tags/\(slug)/index.html"), "unsafe: \(slug.debugDescription)")
        }
    }

    @Test(arguments: [
        ("a/b", "contains '/'"), ("a\\b", "contains '\\'"), ("..", "contains '..'"),
        ("a..b", "contains '..'"), (".hidden", "starts with '.'"), ("", "is empty"),
        ("a b", "contains white space"), ("a?b", "contains '?'"),
    ])
    func pathSlugProblems(slug: String, problem: String) {
        #expect(Slug.problem(inPathSlug: slug) == problem)
    }

    @Test func percentEncoding() {
        #expect(Slug.percentEncoded("生成ai") == "%E7%94%9F%E6%88%90ai")
        #expect(Slug.percentEncoded("c++") == "c%2B%2B")
        #expect(Slug.percentEncoded("plain-slug_1.0~") == "plain-slug_1.0~")
    }
}

/// A small deterministic generator (SplitMix64) whose seed tests print on failure.
struct SeededGenerator: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
