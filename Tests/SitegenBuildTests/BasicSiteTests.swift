import Foundation
import SitegenCore
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Builds `Fixtures/basic` end to end and checks pages, links, feeds and the sitemap.
@Suite struct BasicSiteTests {
    let output: String
    let report: BuildReport

    init() async throws {
        (output, report) = try await Fixture.build(source: Fixture.path("basic"))
    }

    func page(_ path: String) throws -> String { try Fixture.read(output + "/" + path) }

    @Test func matchesGoldenFiles() throws {
        try Golden.compare(output: output, expected: Fixture.path("basic/expected"))
    }

    @Test func reportsCounts() {
        #expect(report.briefCount == 3)
        #expect(report.tagCount == 6)
        #expect(report.heldBack == 0)
    }

    @Test func writesEveryKindOfPage() {
        let files = Set(Fixture.files(under: output))
        for path in [
            "index.html", "page/2/index.html", "briefs/microsoft-openai-next-phase/index.html",
            "tags/index.html", "tags/openai/index.html", "tags/生成ai/index.html",
            "tags/生成ai/feed.xml",
            "tags/large-language-models/index.html", "feed.xml", "feed.json", "sitemap.xml",
            "robots.txt", "404.html", "about/index.html", "style.css", OutputWriter.marker,
        ] {
            #expect(files.contains(path), "missing \(path)")
        }
        #expect(!files.contains("page/3/index.html"))
        #expect(!files.contains("page/1/index.html"))
    }

    @Test func japaneseTagKeepsItsScriptAndIsPercentEncodedInLinks() throws {
        let brief = try page("briefs/microsoft-openai-next-phase/index.html")
        #expect(brief.contains("href=\"/briefs/tags/%E7%94%9F%E6%88%90ai/\""))
        let tag = try page("tags/生成ai/index.html")
        // 生成AI and 生成ai are one tag: both briefs are listed.
        #expect(tag.contains("<h1>生成AI (2)</h1>"))
        #expect(tag.contains("/briefs/briefs/gemini-update/"))
    }

    @Test func everyInternalLinkHonoursTheBasePathAndResolves() throws {
        let files = Set(Fixture.files(under: output))
        for file in files where file.hasSuffix(".html") {
            for link in Links.rootRelative(in: try page(file)) {
                #expect(link.hasPrefix("/briefs/"), "\(file): \(link)")
                let path = String(link.dropFirst("/briefs/".count)).removingPercentEncoding ?? ""
                let target = path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
                #expect(files.contains(target), "\(file) links to \(link), which does not exist")
            }
        }
    }

    @Test func briefPageCarriesTitlesDateSectionsAndDisclaimer() throws {
        let html = try page("briefs/microsoft-openai-next-phase/index.html")
        #expect(html.contains("<h1>MicrosoftとOpenAIの提携、次フェーズへ移行を発表</h1>"))
        #expect(
            html.contains("<p lang=\"en\">The next phase of the Microsoft OpenAI partnership</p>"))
        #expect(
            html.contains("<time datetime=\"2026-04-28T09:00:00+09:00\">2026年4月28日 9:00</time>"))
        #expect(html.contains("<div lang=\"ja\">\n<p>OpenAIは2026年4月"))
        #expect(
            html.contains(
                "<div lang=\"en\">\n<p>OpenAI said it has moved its partnership with <em>Microsoft</em>"
            ))
        // A root-relative Markdown link moves under the base path.
        #expect(html.contains("<a href=\"/briefs/tags/\">タグ一覧</a>"))
        #expect(
            html.contains(
                "正確性は元記事 (<a href=\"https://openai.com/index/next-chapter-of-microsoft-and-openai/\" rel=\"noopener\">OpenAI</a>) をご確認ください。"
            ))
        #expect(
            html.contains(
                "<link rel=\"canonical\" href=\"https://example.com/briefs/briefs/microsoft-openai-next-phase/\">"
            ))
    }

    @Test func jsonLDIsANewsArticleBasedOnTheSource() throws {
        let html = try page("briefs/microsoft-openai-next-phase/index.html")
        let json = try #require(
            Links.between(html, "<script type=\"application/ld+json\">", "</script>"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "NewsArticle")
        #expect(
            object["isBasedOn"] as? String
                == "https://openai.com/index/next-chapter-of-microsoft-and-openai/")
        #expect(object["headline"] as? String == "MicrosoftとOpenAIの提携、次フェーズへ移行を発表")
    }

    @Test func bareDateIsMidnightInTheSiteTimezoneAndSourceNameDefaultsToHost() throws {
        let html = try page("briefs/gemini-update/index.html")
        #expect(
            html.contains("<time datetime=\"2026-04-20T00:00:00+09:00\">2026年4月20日 0:00</time>"))
        #expect(
            html.contains("<time datetime=\"2026-04-21T00:00:00+09:00\">2026年4月21日 0:00</time>"))
        #expect(html.contains(">blog.google</a>"))
    }

    @Test func briefNotGeneratedHasNoDisclaimer() throws {
        let html = try page("briefs/nvidia-results/index.html")
        #expect(!html.contains("class=\"disclaimer\""))
        // UTC dates are shown in the site timezone.
        #expect(
            html.contains("<time datetime=\"2026-04-11T03:30:00+09:00\">2026年4月11日 3:30</time>"))
    }

    @Test func paginationLinksBothWays() throws {
        let first = try page("index.html")
        let second = try page("page/2/index.html")
        #expect(first.contains("<a rel=\"next\" href=\"/briefs/page/2/\">next</a>"))
        #expect(!first.contains("rel=\"prev\""))
        #expect(second.contains("<a rel=\"prev\" href=\"/briefs/\">prev</a>"))
        #expect(!second.contains("rel=\"next\""))
        // Newest first: the April 28 brief leads page 1, the April 10 one is on page 2.
        #expect(first.contains("microsoft-openai-next-phase"))
        #expect(second.contains("nvidia-results"))
    }

    @Test func atomFeedParsesWithAbsoluteURLsAndViaLinks() throws {
        let feed = try XMLTree.parse(try page("feed.xml"))
        #expect(feed.name == "feed")
        let entries = feed.children(named: "entry")
        #expect(entries.count == 3)
        let first = try #require(entries.first)
        #expect(first.child("title")?.text == "MicrosoftとOpenAIの提携、次フェーズへ移行を発表")
        let links = first.children(named: "link")
        #expect(
            links.contains {
                $0.attributes["rel"] == "via"
                    && $0.attributes["href"]
                        == "https://openai.com/index/next-chapter-of-microsoft-and-openai/"
            })
        #expect(
            links.contains {
                $0.attributes["rel"] == "alternate"
                    && $0.attributes["href"]
                        == "https://example.com/briefs/briefs/microsoft-openai-next-phase/"
            })
        let content = try #require(first.child("content")?.text)
        #expect(content.contains("<a href=\"https://example.com/briefs/tags/\">"))
        #expect(!content.contains("href=\"/"))
        #expect(first.child("published")?.text == "2026-04-28T09:00:00+09:00")
        let tagFeed = try XMLTree.parse(try page("tags/生成ai/feed.xml"))
        #expect(tagFeed.children(named: "entry").count == 2)
    }

    @Test func jsonFeedHasTheSourceAsExternalURL() throws {
        let data = Data(try page("feed.json").utf8)
        let feed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.count == 3)
        #expect(
            items.first?["external_url"] as? String
                == "https://openai.com/index/next-chapter-of-microsoft-and-openai/")
        #expect(
            items.first?["url"] as? String
                == "https://example.com/briefs/briefs/microsoft-openai-next-phase/")
    }

    @Test func sitemapListsEveryPageButThe404() throws {
        let sitemap = try XMLTree.parse(try page("sitemap.xml"))
        let locations = sitemap.children(named: "url").compactMap { $0.child("loc")?.text }
        #expect(locations.contains("https://example.com/briefs/"))
        #expect(locations.contains("https://example.com/briefs/tags/%E7%94%9F%E6%88%90ai/"))
        #expect(locations.contains("https://example.com/briefs/about/"))
        #expect(!locations.contains { $0.contains("404") })
        #expect(try page("robots.txt").contains("Sitemap: https://example.com/briefs/sitemap.xml"))
    }
}

/// Extracts links and snippets from HTML without a full parser.
enum Links {
    /// Every `href` and `src` value that starts with `/` (root-relative, not protocol-relative).
    static func rootRelative(in html: String) -> [String] {
        var links: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let range = rest.range(of: attribute) {
                rest = rest[range.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let value = String(rest[..<end])
                if value.hasPrefix("/") && !value.hasPrefix("//") { links.append(value) }
            }
        }
        return links
    }

    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let a = text.range(of: start),
            let b = text.range(of: end, range: a.upperBound..<text.endIndex)
        else { return nil }
        return String(text[a.upperBound..<b.lowerBound])
    }
}

/// A tiny DOM over Foundation's XMLParser, enough to assert on feeds and sitemaps.
final class XMLTree {
    let name: String
    let attributes: [String: String]
    var children: [XMLTree] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func children(named name: String) -> [XMLTree] { children.filter { $0.name == name } }
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    struct ParseError: Error { let description: String }

    static func parse(_ xml: String) throws -> XMLTree {
        let delegate = Builder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            throw ParseError(description: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            let node = XMLTree(name: elementName, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            stack.last?.text += String(decoding: block, as: UTF8.self)
        }
    }
}
