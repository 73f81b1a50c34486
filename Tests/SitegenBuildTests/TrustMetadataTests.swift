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

    static let corrected = TemporarySite.brief(
        title: "訂正あり", date: "2026-04-01T09:00:00+09:00",
        extra: """
            updated: 2026-04-02
            corrections:
              - date: 2026-04-05T12:00:00+09:00
                text: 社名の表記を訂正しました。
              - date: 2026-04-03
                text: Fixed the model's name.
            """)

    @Test func correctionsAreShownEmittedAndBumpTheFeeds() async throws {
        let site = try TemporarySite(["content/briefs/a.md": Self.corrected])
        let root = (site.root as NSString).deletingLastPathComponent
        let options = BuildOptions(
            source: site.root, output: root + "/public", now: Fixture.now,
            cacheDirectory: root + "/cache")
        _ = try await SiteBuilder(options: options).build()
        let page = try Fixture.read(root + "/public/briefs/a/index.html")
        #expect(
            page.contains(
                "<h2 id=\"corrections-heading\">訂正 <span lang=\"en\">Correction</span></h2>"))
        // Oldest first.
        #expect(
            page.contains(
                "<li><time datetime=\"2026-04-03T00:00:00+09:00\">2026-04-03</time> Fixed the model&#39;s name.</li><li><time datetime=\"2026-04-05T12:00:00+09:00\">2026-04-05</time> 社名の表記を訂正しました。</li>"
            ), "\(page)")
        #expect(
            page.contains(
                #""dateModified":"2026-04-05T12:00:00+09:00""#))
        #expect(
            page.contains(
                #""correction":[{"@type":"CorrectionComment","datePublished":"2026-04-03T00:00:00+09:00","text":"Fixed the model's name."},{"@type":"CorrectionComment","datePublished":"2026-04-05T12:00:00+09:00""#
            ))
        let atom = try Fixture.read(root + "/public/feed.xml")
        #expect(atom.contains("<updated>2026-04-05T12:00:00+09:00</updated>"))
        let json = try Fixture.read(root + "/public/feed.json")
        #expect(json.contains("\"date_modified\": \"2026-04-05T12:00:00+09:00\""))
        // A correction added later reaches the feeds on a cached rebuild.
        try site.write(
            Self.corrected.replacingOccurrences(
                of: "corrections:\n",
                with: "corrections:\n  - date: 2026-04-09\n    text: Third.\n"),
            to: "content/briefs/a.md")
        _ = try await SiteBuilder(options: options).build()
        #expect(
            try Fixture.read(root + "/public/feed.xml").contains(
                "<updated>2026-04-09T00:00:00+09:00</updated>"))
        #expect(try Fixture.read(root + "/public/briefs/a/index.html").contains("Third."))
    }

    @Test func aBadCorrectionIsAPositionedError() async throws {
        let site = try TemporarySite([
            "content/briefs/a.md": TemporarySite.brief(
                extra:
                    "corrections:\n  - date: 2026-13-01\n    text: x\n  - text: \"\"\n    date: 2026-04-02\n  - just text"
            )
        ])
        let failures = try await Fixture.failures(source: site.root)
        #expect(
            failures.contains {
                $0.hasPrefix("content/briefs/a.md:8:11: error: invalid date '2026-13-01'")
            }, "\(failures)")
        #expect(
            failures.contains {
                $0.hasPrefix("content/briefs/a.md:10:11: error: 'text' must not be empty")
            }, "\(failures)")
        #expect(
            failures.contains {
                $0.hasPrefix("content/briefs/a.md:12:5: error: each correction must be a mapping")
            }, "\(failures)")
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
