import Foundation
import Testing

@testable import SitegenCore

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
}
