import Foundation
import Testing

@testable import SitegenCore

/// `LinkChecker` and `HTMLLinks`: internal links in rendered HTML.
@Suite("Authoring: link check")
struct AuthoringLinkCheckTests {
    static let base = BaseURL(origin: "https://example.com", path: "/briefs/")

    @Test(arguments: [
        ("/briefs/tags/", LinkChecker.Target.file("tags/index.html")),
        ("/briefs/", .file("index.html")),
        ("/briefs", .file("index.html")),
        ("/briefs/feed.xml", .file("feed.xml")),
        ("/briefs/tags/%E7%94%9F%E6%88%90ai/?x=1#top", .file("tags/生成ai/index.html")),
        ("/other/", .outside),
        ("../b/", .file("briefs/b/index.html")),
        ("./", .file("briefs/a/index.html")),
        ("img.png", .file("briefs/a/img.png")),
        ("../../../x", .outside),
        ("https://example.com/briefs/briefs/a/", .file("briefs/a/index.html")),
        ("https://example.com/elsewhere/", .outside),
        ("https://openai.com/", .notChecked),
        ("//cdn.example.net/x.js", .notChecked),
        ("mailto:a@example.com", .notChecked),
        ("#main", .notChecked),
        ("", .notChecked),
    ])
    func resolvesLinks(link: String, target: LinkChecker.Target) {
        #expect(
            LinkChecker.target(of: link, onPage: "briefs/a/index.html", base: Self.base) == target)
    }

    @Test func extractsHrefAndSrc() {
        let html = """
            <!-- <a href="/commented/"> -->
            <link rel="stylesheet" href="/style.css"><A HREF='/upper/'>x</A>
            <img src=/plain.png alt="a href=/not/"><a data-href="/data/" href="/q?a=1&amp;b=2">y</a>
            <script>var s = '<a href="/in-script/">';</script><img srcset="/set.png 2x" src="/real.png">
            """
        #expect(
            HTMLLinks.extract(Array(html.utf8)) == [
                "/style.css", "/upper/", "/plain.png", "/q?a=1&b=2", "/real.png",
            ])
    }

    @Test(arguments: [
        ("a&amp;b", "a&b"), ("&quot;&#39;&#x41;&lt;", "\"'A<"), ("AT&T", "AT&T"),
        ("&unknown;", "&unknown;"),
    ])
    func decodesReferences(text: String, decoded: String) {
        #expect(HTMLLinks.decodeReferences(text) == decoded)
    }

    @Test func reportsBodyLinksAtTheirLineAndTemplateLinksOnce() async {
        let markdown = "本文。\n\n[壊れた](/missing/) と [正しい](/briefs/b/)\n"
        let source = SourceFile(
            path: "content/briefs/a.md", bytes: Array("---\ntitle: A\n---\n\(markdown)".utf8))
        let config = SiteConfig.defaults
        let article = Article(
            sourcePath: source.path, slug: "a", title: "A", titleEN: nil,
            date: Timestamp(seconds: 0, offset: 0),
            updated: nil,
            source: ArticleSource(url: "https://x.org/", name: "x.org", host: "x.org"), tags: [],
            summary: [], summaryEN: [], isGenerated: true, isDraft: false, language: "ja",
            sections: [Section(language: "ja", html: Markdown().html(markdown))])
        let site = Site(
            config: config, articles: [article], tags: [], pages: [],
            now: Timestamp(seconds: 0, offset: 0))
        let layout = "<a href=\"/gone/\">x</a>"
        let files = [
            RenderedFile(path: "briefs/a/index.html", text: layout + article.sections[0].html),
            RenderedFile(path: "briefs/b/index.html", text: layout),
            RenderedFile(
                path: "index.html",
                text: layout + "<a href=\"/briefs/a/\">a</a><a href=\"/style.css\">s</a>"),
        ]
        let report = await LinkChecker(
            site: site, files: files, staticFiles: ["style.css"], sources: [source]
        ).check()
        #expect(report.pageCount == 3)
        #expect(report.linkCount == 7)
        #expect(
            report.errors.map(\.description) == [
                "content/briefs/a.md: error: broken link '/gone/' on page '/briefs/a/' and 2 more pages (from a template)",
                "content/briefs/a.md:6:7: error: broken link '/missing/'",
            ])
    }
}
