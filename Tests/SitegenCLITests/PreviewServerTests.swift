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

    /// Feeds `text` to a reader in pieces of `piece` bytes.
    static func read(_ text: String, piece: Int = 7) -> HTTPRequestHead.Outcome {
        var reader = HTTPRequestHead.Reader()
        let bytes = Array(text.utf8)
        var outcome = HTTPRequestHead.Outcome.incomplete
        var start = 0
        while start < bytes.count, outcome == .incomplete {
            outcome = reader.append(bytes[start..<min(start + piece, bytes.count)])
            start += piece
        }
        return outcome
    }

    static let long = String(repeating: "a", count: 9_000)
    static let heads: [(String, HTTPRequestHead.Outcome)] = [
        (
            "GET /a%20b/?q=1 HTTP/1.1\r\nHost: x\r\n\r\n",
            .complete(HTTPRequestHead(method: "GET", path: "/a%20b/"))
        ),
        (
            "\r\nHEAD http://127.0.0.1:8000/feed.xml HTTP/1.0\n\n",
            .complete(HTTPRequestHead(method: "HEAD", path: "/feed.xml"))
        ),
        ("GET / HTTP/1.1\r\nHost: x\r\n", .incomplete),
        ("GET / HTTP/2.0\r\n\r\n", .rejected(status: 505)),
        ("GET /\r\n\r\n", .rejected(status: 400)),
        ("GET relative HTTP/1.1\r\n\r\n", .rejected(status: 400)),
        ("GET / HTTP/1.1\r\n folded\r\n\r\n", .rejected(status: 400)),
        ("GET /" + long + " HTTP/1.1\r\n\r\n", .rejected(status: 414)),
        ("GET /" + long, .rejected(status: 414)),
        (String(repeating: "\r\n", count: 5_000), .rejected(status: 414)),
        (
            "GET / HTTP/1.1\r\n" + String(repeating: "X-A: b\r\n", count: 65) + "\r\n",
            .rejected(status: 431)
        ),
        ("GET / HTTP/1.1\r\nX-A: " + String(repeating: "b", count: 17_000), .rejected(status: 431)),
    ]

    @Test(arguments: heads)
    func requestHeads(text: String, outcome: HTTPRequestHead.Outcome) {
        #expect(Self.read(text) == outcome)
        #expect(Self.read(text, piece: 65_536) == outcome)
    }
}
