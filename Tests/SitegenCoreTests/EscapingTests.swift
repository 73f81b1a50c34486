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
    }

    @Test func jsonStringIsSafeInsideScriptAndParses() throws {
        let hostile = "</script><script>alert(1)</script> \"q\" \\ \u{2028} & 改行\n"
        let literal = Escaping.jsonString(hostile)
        #expect(!literal.contains("</script"))
        #expect(!literal.contains("<"))
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(decoded == [hostile])
    }
}
