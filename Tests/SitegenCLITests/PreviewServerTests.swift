import SitegenCore
import Testing

@testable import SitegenServer

/// Unit tests of the preview server's routing, snippet and content types.
@Suite("Preview server")
struct PreviewServerTests {
    static func state(basePath: String = "/") -> PreviewState {
        PreviewState(
            generation: 3,
            files: [
                "index.html": [], "briefs/a/index.html": [], "tags/生成ai/index.html": [],
                "feed.xml": [],
                "404.html": [],
            ],
            staticFiles: ["style.css": "/nowhere/style.css"], basePath: basePath, problems: [],
            hasSite: true)
    }

    @Test(arguments: [
        ("/", PreviewRouter.Route.file("index.html")),
        ("/briefs/a/", .file("briefs/a/index.html")),
        ("/briefs/a", .redirect("/briefs/a/")),
        ("/briefs/a/index.html", .file("briefs/a/index.html")),
        ("/tags/%E7%94%9F%E6%88%90ai/", .file("tags/生成ai/index.html")),
        ("/tags/%E7%94%9F%E6%88%90ai", .redirect("/tags/%E7%94%9F%E6%88%90ai/")),
        ("/feed.xml", .file("feed.xml")),
        ("/style.css", .file("style.css")),
        ("/briefs/b/", .notFound),
        ("/briefs/../index.html", .notFound),
        ("/%2e%2e/etc/passwd", .notFound),
        ("/briefs/", .notFound),
    ])
    func routes(path: String, route: PreviewRouter.Route) {
        #expect(PreviewRouter.route(path, in: Self.state()) == route)
    }

    @Test(arguments: [
        ("/", PreviewRouter.Route.redirect("/sub/")),
        ("/sub", .redirect("/sub/")),
        ("/sub/", .file("index.html")),
        ("/sub/briefs/a/", .file("briefs/a/index.html")),
        ("/briefs/a/", .notFound),
    ])
    func routesUnderBasePath(path: String, route: PreviewRouter.Route) {
        #expect(PreviewRouter.route(path, in: Self.state(basePath: "/sub/")) == route)
    }

    @Test func injectsBeforeTheLastBodyEnd() {
        let html = Array("<html><body><p>&lt;/body&gt;</p></BODY></html>".utf8)
        let result = String(decoding: LiveReload.inject("<x>", into: html), as: UTF8.self)
        #expect(result == "<html><body><p>&lt;/body&gt;</p><x></BODY></html>")
        #expect(
            String(decoding: LiveReload.inject("<x>", into: Array("<p>".utf8)), as: UTF8.self)
                == "<p><x>")
    }

    @Test func overlayEscapesErrors() {
        let problem = SitegenError(
            .field, "bad '<script>'", at: SourceLocation(path: "content/a.md", line: 2, column: 3))
        let snippet = LiveReload.snippet(generation: 7, problems: [problem])
        #expect(snippet.contains("content/a.md:2:3: error: bad &#39;&lt;script&gt;&#39;"))
        #expect(!snippet.contains("<script>'"))
        #expect(snippet.contains("var g=\"7\""))
        #expect(!LiveReload.snippet(generation: 7, problems: []).contains("sitegen-error-overlay"))
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"), ("feed.xml", "application/xml; charset=utf-8"),
        ("feed.json", "application/json; charset=utf-8"), ("style.css", "text/css; charset=utf-8"),
        ("favicon.svg", "image/svg+xml"), ("robots.txt", "text/plain; charset=utf-8"),
        ("img/a.PNG", "image/png"), ("CNAME", "application/octet-stream"),
    ])
    func mediaTypes(path: String, type: String) {
        #expect(MediaType.forPath(path) == type)
    }

    @Test func watcherReportsChangedPaths() {
        let old = [
            "a": SiteWatcher.Stamp(size: 1, modified: 1),
            "b": SiteWatcher.Stamp(size: 1, modified: 1),
        ]
        let new = [
            "a": SiteWatcher.Stamp(size: 1, modified: 2),
            "c": SiteWatcher.Stamp(size: 1, modified: 1),
        ]
        #expect(SiteWatcher.changes(from: old, to: new) == ["a", "b", "c"])
        #expect(SiteWatcher.changes(from: old, to: old).isEmpty)
    }
}
