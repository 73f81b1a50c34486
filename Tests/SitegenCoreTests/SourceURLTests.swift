import Testing

@testable import SitegenCore

/// Source URLs in their normal form: the byte-level path agrees with `URLComponents` wherever it
/// answers, and answers for the usual shapes.
@Suite struct SourceURLTests {
    static let hosts = [
        "openai.com", "WWW.OpenAI.com", "www.example.co.jp", "a-b.example", "127.0.0.1",
        "example.com.", "www.", "www.com", "wwwx.example", "-bad.example", ".bad.example", "a..b",
        "exa_mple.com", "host:8443", "host:443", "user@host", "[::1]", "例え.jp", "xn--r8jz45g.jp",
        "",
    ]
    static let paths = [
        "", "/", "//", "/index/a/", "/a/b", "/a;b", "/a%20b/", "/a b", "/news?x=1",
        "/news?utm_source=x&id=2", "/a#frag", "/a/(1)*!$&'+,=:@~_.-/", "/日本/", "/a//",
        "/a/?", "/a/#",
    ]

    @Test func plainPathAgreesWithURLComponents() {
        for scheme in ["https://", "http://", "HTTPS://", "ftp://", ""] {
            for host in Self.hosts {
                for path in Self.paths {
                    let url = scheme + host + path
                    let expected = SourceURL.normalisedByComponents(url)
                    if let plain = SourceURL.plainNormalised(url) {
                        #expect(plain == expected, "\(url)")
                    }
                    #expect(SourceURL.normalised(url) == expected, "\(url)")
                }
            }
        }
    }

    @Test(arguments: [
        ("https://openai.com/index/a/", "https://openai.com/index/a"),
        ("http://WWW.Example.com//", "https://example.com"),
        ("https://www.com/x", "https://com/x"),
    ])
    func usualShapesTakeThePlainPath(url: String, normal: String) {
        #expect(SourceURL.plainNormalised(url) == normal)
    }
}
