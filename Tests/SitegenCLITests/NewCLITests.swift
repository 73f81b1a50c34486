import Foundation
import Testing

/// `sitegen new` run as a process on a fixture site.
@Suite("sitegen new (process)")
struct NewCLITests {
    @Test(
        "a Japanese title gets a date-based slug, today's date in the site timezone and every field"
    )
    func japaneseTitle() throws {
        let site = try CLI.site("site")
        let run = try CLI.run(
            [
                "new", "GPT-5の新機能を発表", "--tags", "OpenAI, 生成AI", "--url",
                "https://openai.com/index/gpt-5/",
            ], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "content/briefs/2026/05/2026-05-01-1030.md\n")
        let text = try CLI.read(site + "/content/briefs/2026/05/2026-05-01-1030.md")
        #expect(
            text == """
                ---
                title: GPT-5の新機能を発表
                title_en: ""
                date: 2026-05-01T10:30:00+09:00
                updated:
                source:
                  url: https://openai.com/index/gpt-5/
                  name: ""
                tags: [OpenAI, 生成AI]
                summary:
                  - ""
                summary_en:
                  - ""
                generated: true
                draft: true
                slug: "2026-05-01-1030"
                image:
                ---
                （ここに日本語の本文を書きます。）

                <!-- lang: en -->
                (Write the English body here.)

                """)
        // It is a draft that builds: check passes with --drafts, and the page is there.
        let check = try CLI.run(["check", "--drafts"], in: site)
        #expect(check.status == 0, "\(check.stderr)")
        let output = (site as NSString).deletingLastPathComponent + "/out"
        let build = try CLI.run(["build", "--drafts", "--output", output], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(
            FileManager.default.fileExists(atPath: output + "/briefs/2026-05-01-1030/index.html"))
    }

    @Test("an English title gives its slug; the same title again gets -2")
    func englishTitle() throws {
        let site = try CLI.site("site")
        let first = try CLI.run(
            ["new", "OpenAI's new model: GPT-5", "--url", "https://openai.com/"], in: site)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "content/briefs/2026/05/openais-new-model-gpt-5.md\n")
        let second = try CLI.run(
            ["new", "OpenAI's new model: GPT-5", "--url", "https://openai.com/"], in: site)
        #expect(second.stdout == "content/briefs/2026/05/openais-new-model-gpt-5-2.md\n")
        let text = try CLI.read(site + "/content/briefs/2026/05/openais-new-model-gpt-5.md")
        #expect(text.contains("title: \"OpenAI's new model: GPT-5\"\n"))
        #expect(try CLI.run(["check", "--drafts"], in: site).status == 0)
    }

    @Test("follows the layout the site already uses")
    func flatLayout() throws {
        let site = try CLI.site(nil)
        try CLI.write(
            "---\ntitle: A\ndate: 2026-04-01\nsource:\n  url: https://example.org/a\n---\nA\n",
            to: site + "/content/briefs/a.md")
        let run = try CLI.run(["new", "Second brief"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "content/briefs/second-brief.md\n")
        #expect(
            run.stderr.contains(
                "content/briefs/second-brief.md: warning: no --url given: fill in 'source.url' before building"
            ))
        // Without --url the URL is left for the author: a build says exactly where.
        let check = try CLI.run(["check", "--drafts"], in: site)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "content/briefs/second-brief.md:7:3: error: missing required field 'source.url'"))
    }

    @Test("never overwrites a file or takes a slug in use")
    func neverOverwrites() throws {
        let site = try CLI.site("site")
        let taken = try CLI.run(["new", "Gemini again", "--slug", "gemini-update"], in: site)
        #expect(taken.status == 1)
        #expect(
            taken.stderr.contains(
                "error: slug 'gemini-update' is already used by content/briefs/2026/04/gemini-update.md"
            ))
        let path = site + "/content/briefs/2026/05/kept.md"
        let kept =
            "---\ntitle: 別の記事\ndate: 2026-05-01\nsource:\n  url: https://example.org/\nslug: another-slug\n---\n本文\n"
        try CLI.write(kept, to: path)
        let exists = try CLI.run(["new", "Kept", "--slug", "kept"], in: site)
        #expect(exists.status == 1)
        #expect(
            exists.stderr.contains(
                "error: 'content/briefs/2026/05/kept.md' already exists; sitegen never overwrites a file"
            ))
        #expect(try CLI.read(path) == kept)
        let badSlug = try CLI.run(["new", "Bad", "--slug", "../escape"], in: site)
        #expect(badSlug.status == 1)
        #expect(badSlug.stderr.contains("error: --slug contains '..': '../escape'"))
    }
}
