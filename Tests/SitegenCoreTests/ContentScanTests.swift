import Testing

@testable import SitegenCore

/// The byte-level scans of a brief's body: placeholder search, language markers and codes.
@Suite struct ContentScanTests {
    @Test(arguments: [
        ("abc", "xxabcxx", true), ("abc", "abc", true), ("abc", "ab", false),
        ("abc", "xxabxbcabc", true), ("abc", "xxabxbcab", false), ("aab", "aaaab", true),
        ("ここに", "本文ここに書く", true), ("ここに", "本文ここで書く", false), ("a", "", false),
        ("（ここに日本語の本文を書きます。）", "前\n（ここに日本語の本文を書きます。）\n後", true),
        ("（ここに日本語の本文を書きます。）", "（ここに日本語の本文を書きます）", false),
    ])
    func bytePatterns(pattern: String, text: String, occurs: Bool) {
        #expect(BytePattern(pattern).occurs(in: text) == occurs)
        #expect(BytePattern(pattern).occurs(in: text[...]) == occurs)
        // The same answer as a plain search, at every start of the text.
        for start in text.utf8.indices {
            let rest = String(decoding: text.utf8[start...], as: UTF8.self)
            #expect(BytePattern(pattern).occurs(in: Array(rest.utf8)) == rest.contains(pattern))
        }
    }

    @Test(arguments: [
        ("<!-- lang: en -->", "en"), ("<!--lang:en-->", "en"),
        ("<!--  lang:\t zh-Hant \t-->", "zh-Hant"),
        ("<!-- lang: pt-BR -->  ", "pt-BR"), ("<!-- lang: en-2 -->", "en-2"),
    ])
    func languageMarkers(line: String, language: String) {
        #expect(ContentParser.languageMarker(Array(line.utf8)) == language)
    }

    @Test(arguments: [
        "<!-- lang: e -->", "<!-- lang: 2x -->", "<!-- lang: en- -->", "<!-- lang: -en -->",
        "<!-- lang: toolongcode -->", "<!-- lang: én -->", "<!-- lang: en -->x", "<!-->",
        "<!-- language: en -->", "<!-- lang: en --", "<!--\u{301} lang: en -->",
        "<!-- lang: e n -->",
        "<!-- lang: en\u{301} -->", "<!-- lang: en-abcdefghi -->",
    ])
    func notLanguageMarkers(line: String) {
        #expect(ContentParser.languageMarker(Array(line.utf8)) == nil)
    }

    @Test(arguments: [
        ("ja", true), ("zh-Hant", true), ("pt-BR", true), ("en-001", true), ("", false),
        ("e", false), ("abcdefghi", false), ("en--US", false), ("1a", false), ("日本", false),
    ])
    func languageCodes(code: String, isCode: Bool) {
        #expect(ContentParser.isLanguageCode(code) == isCode)
    }

    @Test func sectionsKeepTheirTextAndDropBlankTails() {
        let body = "ja 本文\n\n \t<!-- lang: en -->\t\nen body\n\n\n<!-- lang: ja -->\n\n"
        let sections = ContentParser.sections(of: body, language: "ja")
        #expect(
            sections == [
                MarkdownSection(language: "ja", markdown: "ja 本文\n"),
                MarkdownSection(language: "en", markdown: "en body\n"),
            ])
        #expect(ContentParser.sections(of: "", language: "ja").isEmpty)
        #expect(
            ContentParser.sections(of: "no newline", language: "en")
                == [MarkdownSection(language: "en", markdown: "no newline\n")])
    }
}
