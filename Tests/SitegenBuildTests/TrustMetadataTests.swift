import Foundation
import Testing

@testable import SitegenCore

/// Issue #12's trust metadata: who wrote and published a brief, its share image, and the
/// machine-readable AI disclosure.
@Suite struct TrustMetadataTests {
    @Test func jsonLDNamesAuthorPublisherImageAndTheAIDisclosure() async throws {
        let site = try TemporarySite([
            "site.yml":
                "title: T\nauthor: Hanako Editor\nbase_url: https://example.com/\nimage: images/share.png\n",
            "content/briefs/a.md": TemporarySite.brief(title: "生成"),
            "content/briefs/b.md": TemporarySite.brief(title: "人手", extra: "generated: false"),
        ])
        let (output, _) = try await Fixture.build(source: site.root)
        let generated = try Fixture.read(output + "/briefs/a/index.html")
        #expect(
            generated.contains(
                #","image":["https://example.com/images/share.png"],"digitalSourceType":"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia","author":{"@type":"Person","name":"Hanako Editor"},"publisher":{"@type":"Organization","name":"T","url":"https://example.com/"}}"#
            ))
        #expect(
            generated.contains(
                #"<meta property="og:image" content="https://example.com/images/share.png">"#))
        #expect(generated.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        let written = try Fixture.read(output + "/briefs/b/index.html")
        #expect(!written.contains("digitalSourceType"))
        #expect(written.contains(#""author":{"@type":"Person","name":"Hanako Editor"}"#))
    }

    @Test func aBriefsImageReplacesTheSites() async throws {
        let site = try TemporarySite([
            "site.yml": "title: T\nbase_url: https://example.com/news/\nimage: /share.png\n",
            "content/briefs/a.md": TemporarySite.brief(
                extra: "image: https://cdn.example.org/a.png"),
            "content/briefs/b.md": TemporarySite.brief(title: "B"),
            "content/briefs/c.md": TemporarySite.brief(title: "C", extra: "image: ftp://x/a.png"),
        ])
        let failures = try await Fixture.failures(source: site.root)
        #expect(
            failures.first?.hasPrefix(
                "content/briefs/c.md:7:8: error: 'image' must be an absolute http(s) URL") == true,
            "\(failures)")
        try site.write(TemporarySite.brief(title: "C"), to: "content/briefs/c.md")
        let (output, _) = try await Fixture.build(source: site.root)
        let own = try Fixture.read(output + "/briefs/a/index.html")
        #expect(
            own.contains(#"<meta property="og:image" content="https://cdn.example.org/a.png">"#))
        #expect(own.contains(#""image":["https://cdn.example.org/a.png"]"#))
        let shared = try Fixture.read(output + "/briefs/b/index.html")
        #expect(
            shared.contains(
                #"<meta property="og:image" content="https://example.com/news/share.png">"#))
    }

    @Test func withoutAnImageTheCardIsASummary() async throws {
        let site = try TemporarySite(["content/briefs/a.md": TemporarySite.brief()])
        let (output, _) = try await Fixture.build(source: site.root)
        let page = try Fixture.read(output + "/briefs/a/index.html")
        #expect(page.contains(#"<meta name="twitter:card" content="summary">"#))
        #expect(!page.contains("og:image"))
        #expect(!page.contains(#""image":"#))
        // Without `author:` the site is the author, as an organisation.
        #expect(page.contains(#""author":{"@type":"Organization","name":"T"}"#))
    }

    @Test func aBadImageURLIsAPositionedError() async throws {
        let site = try TemporarySite([
            "site.yml": "title: T\nbase_url: https://example.com/\nimage: ftp://x.example/a.png\n",
            "content/briefs/a.md": TemporarySite.brief(),
        ])
        let failures = try await Fixture.failures(source: site.root)
        #expect(
            failures.contains {
                $0.hasPrefix("site.yml:3:8: error: 'image' must be an absolute http(s) URL")
            }, "\(failures)")
    }
}
