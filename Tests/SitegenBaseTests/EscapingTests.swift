import Foundation
import Testing

@testable import SitegenBase

@Suite struct EscapingTests {
    @Test func html() {
        #expect(
            Escaping.html("a < b & \"c\" 'd' > e")
                == "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e")
        #expect(Escaping.html("生成AI") == "生成AI")
    }

    @Test func xmlDropsForbiddenControls() {
        #expect(Escaping.xml("a\u{0001}b\u{0008}c\td") == "abc\td")
        // U+FFFE and U+FFFF are dropped; other characters whose UTF-8 has 0xBF stay.
        #expect(Escaping.xml("x\u{FFFE}y\u{FFFF}z ¿ 忿 \u{FFFD}") == "xyz ¿ 忿 \u{FFFD}")
        #expect(
            Escaping.xml("\u{0000}<a href='x'>&\r\n\u{001F}</a>")
                == "&lt;a href=&#39;x&#39;&gt;&amp;\r\n&lt;/a&gt;")
        var bytes: [UInt8] = Array("前".utf8)
        Escaping.appendXML("<\u{FFFF}>", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "前&lt;&gt;")
    }

    @Test func jsonStringIsSafeInsideScriptAndParses() throws {
        let hostile = "</script><script>alert(1)</script> \"q\" \\ \u{2028} & 改行\n"
        let literal = Escaping.jsonString(hostile)
        #expect(!literal.contains("</script"))
        #expect(!literal.contains("<"))
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(decoded == [hostile])
    }

    @Test func jsonStringEscapesEveryControlAndLineSeparator() throws {
        let text =
            (0..<32).map { String(UnicodeScalar(UInt8($0))) }.joined()
            + "\u{2028}\u{2029}\u{2027}日本語"
        let literal = Escaping.jsonString(text)
        #expect(literal.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\u{2028}" })
        #expect(literal.contains("\\u2028\\u2029\u{2027}日本語"))
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(decoded == [text])
        #expect(Escaping.jsonString("") == "\"\"")
        #expect(Escaping.jsonString("生成AI") == "\"生成AI\"")
    }

    /// A CDATA section holds the text as it is but for the characters XML forbids, and no `]]>`
    /// inside it ends it early: each is split across two sections.
    @Test func cdataKeepsTheTextAndSplitsItsEnd() {
        func cdata(_ text: String) -> String {
            var out: [UInt8] = []
            Escaping.appendCDATA(text, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(cdata("<p>a &amp; b</p>") == "<![CDATA[<p>a &amp; b</p>]]>")
        #expect(cdata("") == "<![CDATA[]]>")
        #expect(cdata("x]]>y") == "<![CDATA[x]]]]><![CDATA[>y]]>")
        #expect(cdata("a\u{1}b\u{FFFE}c\td") == "<![CDATA[abc\td]]>")
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "a", "生成", "]", "]]", ">", "]]>", "<", "&", "\u{1}", "\t", "\n", "\r", "\u{FFFE}",
            "\u{FFFF}", "\u{EF}", "\u{FEFF}", "abcdefgh", "日本語のテキスト", "\u{1F}", "\\", "[",
        ]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let out = cdata(text)
            #expect(out.hasPrefix("<![CDATA[") && out.hasSuffix("]]>"))
            let inner = out.dropFirst(9).dropLast(3)
            let sections = inner.components(separatedBy: "]]><![CDATA[")
            #expect(!sections.contains { $0.contains("]]>") }, "\(Array(text.utf8))")
            let kept = String(
                String.UnicodeScalarView(
                    text.unicodeScalars.filter { scalar in
                        !((scalar.value < 0x20 && scalar != "\t" && scalar != "\n"
                            && scalar != "\r")
                            || scalar.value == 0xFFFE || scalar.value == 0xFFFF)
                    }))
            #expect(sections.joined() == kept, "\(Array(text.utf8))")
        }
    }

    /// The word-at-a-time scans agree with escaping one character at a time.
    @Test func escapingMatchesACharacterByCharacterReference() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "a", "生成", "&", "<", ">", "\"", "'", "\u{1}", "\t", "\n", "\u{FFFE}", "\u{FFFF}", "（）",
            "¿", "abcdefgh", "日本語のテキスト", "\u{2028}", "@", "?",
            // Neighbours of the markup characters, which the word-at-a-time skip must pass.
            " ", "!", "#", "%", "(", "0", "9", ";", "=", "\r", "\u{1F}", "\u{7F}", "\u{EF}",
            "the quick brown fox 12345", "\\", "\u{2029}", "\u{2027}", "\u{E2}",
        ]
        func reference(_ text: String, xml: Bool) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default:
                    let forbidden =
                        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
                        || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                    if !(xml && forbidden) { out.unicodeScalars.append(scalar) }
                }
            }
            return out
        }
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(Escaping.html(text) == reference(text, xml: false), "\(Array(text.utf8))")
            #expect(Escaping.xml(text) == reference(text, xml: true), "\(Array(text.utf8))")
            let literal = Escaping.jsonString(text)
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8))
            #expect(decoded as? [String] == [text], "\(Array(text.utf8))")
            #expect(
                !literal.unicodeScalars.contains {
                    $0.value < 0x20 || $0 == "<" || $0 == ">" || $0 == "&" || $0 == "\u{2028}"
                        || $0 == "\u{2029}"
                })
        }
    }
}
