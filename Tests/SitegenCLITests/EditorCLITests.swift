import Foundation
import Testing

/// Issue #12's editor safety net, run as the real program: drafts never block a build,
/// placeholders never get published, the summary counts drafts, duplicate sources are named.
@Suite("editor safety net (process)")
struct EditorCLITests {
    /// A brief's text, with `extra` front-matter lines before the closing fence.
    static func brief(
        title: String, date: String = "2026-04-25T09:00:00+09:00",
        url: String = "https://example.org/a", extra: String = "", body: String = "本文。"
    ) -> String {
        "---\ntitle: \(title)\ndate: \(date)\nsource:\n  url: \(url)\n\(extra)---\n\(body)\n"
    }

    /// `Fixtures/site` plus `sitegen new` without a URL: an unfinished draft.
    static func siteWithUnfinishedDraft() throws -> (site: String, draft: String) {
        let site = try CLI.site("site")
        let new = try CLI.run(["new", "Unfinished draft"], in: site)
        #expect(new.status == 0, "\(new.stderr)")
        return (site, new.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(
        "an unfinished draft is a positioned warning in build, even --strict, and an error with --drafts or check"
    )
    func unfinishedDraftNeverBlocks() throws {
        let (site, draft) = try Self.siteWithUnfinishedDraft()
        #expect(draft == "content/briefs/2026/05/unfinished-draft.md")
        let out = (site as NSString).deletingLastPathComponent + "/out"
        for strict in [false, true] {
            let build = try CLI.run(
                ["build", "--output", out] + (strict ? ["--strict"] : []), in: site)
            #expect(build.status == 0, "\(build.stderr)")
            #expect(
                build.stderr.contains(
                    "\(draft):7:3: warning: missing required field 'source.url' (in a draft"),
                "\(build.stderr)")
            #expect(build.stderr.contains("in a draft, so the brief is not built"))
            #expect(build.stderr.contains("hint: put the article's address in 'source:'"))
            #expect(build.stderr.contains("built 2 briefs (1 draft), "), "\(build.stderr)")
        }
        for arguments in [["build", "--drafts", "--output", out], ["check"]] {
            let run = try CLI.run(arguments, in: site)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(
                run.stderr.contains("\(draft):7:3: error: missing required field 'source.url'\n"),
                "\(run.stderr)")
        }
    }

    @Test(
        "a draft whose source is a home page (import without --url) is built with a warning on how to fill it in"
    )
    func homePageSourceWarns() throws {
        let site = try CLI.site("site")
        try CLI.write(
            Self.brief(title: "取り込み", url: "https://openai.com/", extra: "draft: true\n"),
            to: site + "/content/briefs/2026/04/imported.md")
        let build = try CLI.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(
            build.stderr.contains(
                "content/briefs/2026/04/imported.md:5: warning: draft's 'source.url' is the home page of openai.com"
            ), "\(build.stderr)")
        #expect(
            build.stderr.contains(
                "hint: replace 'url: https://openai.com/' with the article's address, then set 'draft: false'"
            ))
    }

    @Test("a brief published with new's placeholder bodies or an empty title_en fails at each line")
    func placeholdersAreErrors() throws {
        let site = try CLI.site("site")
        let new = try CLI.run(["new", "Placeholder", "--url", "https://example.org/p"], in: site)
        #expect(new.status == 0, "\(new.stderr)")
        let path = new.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = try CLI.read(site + "/" + path)
        try CLI.write(
            text.replacingOccurrences(of: "draft: true", with: "draft: false"),
            to: site + "/" + path)
        let build = try CLI.run(["build"], in: site)
        #expect(build.status == 1)
        #expect(
            build.stderr.contains("\(path):3:11: error: 'title_en' is empty"), "\(build.stderr)")
        #expect(
            build.stderr.contains(
                "\(path):19:1: error: the body still holds the placeholder '（ここに日本語の本文を書きます。）'"),
            "\(build.stderr)")
        #expect(
            build.stderr.contains(
                "\(path):22:1: error: the body still holds the placeholder '(Write the English body here.)'"
            ))
        // Kept a draft, the same file builds.
        try CLI.write(text, to: site + "/" + path)
        #expect(try CLI.run(["build"], in: site).status == 0)
    }

    @Test(
        "the summary counts drafts and scheduled briefs; a draft page under --drafts is marked DRAFT"
    )
    func summaryAndMarker() throws {
        let site = try CLI.site("site")
        try CLI.write(
            Self.brief(title: "下書き", url: "https://example.org/d", extra: "draft: true\n"),
            to: site + "/content/briefs/2026/04/draft.md")
        try CLI.write(
            Self.brief(
                title: "予約", date: "2026-06-01T09:00:00+09:00", url: "https://example.org/f"),
            to: site + "/content/briefs/2026/04/future.md")
        let out = (site as NSString).deletingLastPathComponent + "/out"
        let build = try CLI.run(["build", "--output", out], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("built 2 briefs (1 draft, 1 scheduled), "), "\(build.stderr)")
        let published = try CLI.read(out + "/briefs/gemini-update/index.html")
        #expect(!published.contains("draft-marker"))
        let drafts = try CLI.run(["build", "--drafts", "--output", out], in: site)
        #expect(drafts.status == 0, "\(drafts.stderr)")
        let page = try CLI.read(out + "/briefs/draft/index.html")
        #expect(page.contains("<p class=\"draft-marker\" role=\"note\">DRAFT"))
    }

    @Test("serve --drafts marks the draft's page DRAFT and counts it in the summary line")
    func serveMarksDrafts() throws {
        let site = try CLI.site("site")
        try CLI.write(
            Self.brief(title: "下書き", url: "https://example.org/d", extra: "draft: true\n"),
            to: site + "/content/briefs/2026/04/draft.md")
        let server = try CLI.start(["serve", "--drafts", "--port", "0"], in: site)
        defer { server.process.terminate() }
        let port = try ServeCLITests.waitForPort(server)
        let page = try LoopbackHTTP.get("/briefs/draft/", port: port)
        #expect(page.text.contains("<p class=\"draft-marker\" role=\"note\">DRAFT"))
        let published = try LoopbackHTTP.get("/briefs/gemini-update/", port: port)
        #expect(!published.text.contains("draft-marker"))
        let deadline = Date().addingTimeInterval(10)
        while !server.stderr().contains("built ") && Date() < deadline { usleep(50_000) }
        #expect(server.stderr().contains("built 3 briefs (1 draft), "), "\(server.stderr())")
    }

    @Test(
        "two briefs about one article: a warning naming both source.url lines, an error with --strict"
    )
    func duplicateSources() throws {
        let site = try CLI.site("site")
        try CLI.write(
            Self.brief(
                title: "同じ記事",
                url: "http://WWW.Blog.Google/technology/ai/new-gemini?utm_source=x&fbclid=1#top"),
            to: site + "/content/briefs/2026/04/same.md")
        let build = try CLI.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(
            build.stderr.contains(
                "content/briefs/2026/04/same.md:5: warning: 'source.url' is the same article as the source of content/briefs/2026/04/gemini-update.md:6"
            ), "\(build.stderr)")
        let strict = try CLI.run(["build", "--strict"], in: site)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("same.md:5: error: 'source.url' is the same article"))
    }
}
