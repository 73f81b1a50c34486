import Foundation
import Testing

/// `sitegen import` run as a process on the sample brief.
@Suite("sitegen import (process)")
struct ImportCLITests {
    static let sample = CLI.fixtures + "/import/microsoft-openai-next-phase.txt"
    static let articleURL = "https://openai.com/index/next-chapter-of-microsoft-and-openai/"
    static let path = "content/briefs/2026/05/the-next-phase-of-the-microsoft-openai-partnership.md"

    @Test("the sample becomes a content file with both titles, summaries and bodies, and it builds")
    func sample() throws {
        let site = try CLI.site("site")
        let run = try CLI.run(
            ["import", Self.sample, "--url", Self.articleURL, "--tags", "OpenAI,Microsoft"],
            in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == Self.path + "\n")
        #expect(!run.stderr.contains("warning"))
        let text = try CLI.read(site + "/" + Self.path)
        let expected = try CLI.read(CLI.fixtures + "/import/expected.md")
        #expect(text == expected)

        let output = (site as NSString).deletingLastPathComponent + "/out"
        let build = try CLI.run(["build", "--output", output], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let page = try CLI.read(
            output + "/briefs/the-next-phase-of-the-microsoft-openai-partnership/index.html")
        #expect(page.contains("MicrosoftとOpenAIの提携、次フェーズへ移行を発表"))
        #expect(page.contains("The next phase of the Microsoft OpenAI partnership"))
        #expect(page.contains("OpenAIはMicrosoftとの提携を新たな段階へ進めると発表した。"))
        #expect(page.contains("OpenAI and Microsoft announce an amended agreement"))
        #expect(page.contains("<div class=\"body\" lang=\"en\">"))
        #expect(
            page.contains(
                "<p>OpenAI said it has moved its partnership with Microsoft into a new phase"))
        #expect(page.contains("href=\"\(Self.articleURL)\""))
        #expect(try CLI.run(["check"], in: site).status == 0)
    }

    @Test(
        "without --url the brief is a draft whose source is the disclaimer's host, with a warning")
    func hostFallback() throws {
        let site = try CLI.site("site")
        let run = try CLI.run(["import", Self.sample], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.hasPrefix(
                Self.sample
                    + ":19: warning: no --url: imported as a draft, with the source set to 'https://openai.com/', the root of the host the disclaimer names\n"
                    + "    hint: put the article's URL in 'source.url' at \(Self.path):6 and set 'draft: false' to publish\n"
            ))
        let text = try CLI.read(site + "/" + Self.path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[5] == "  url: https://openai.com/")
        #expect(text.contains("\ndraft: true\n"))
        #expect(!text.contains("自動生成"))
        // A draft: the site builds without it, and with --drafts it is there.
        let output = (site as NSString).deletingLastPathComponent + "/out"
        let build = try CLI.run(["build", "--output", output], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let page = "/briefs/the-next-phase-of-the-microsoft-openai-partnership/index.html"
        #expect(!FileManager.default.fileExists(atPath: output + page))
        #expect(try CLI.run(["build", "--drafts", "--output", output], in: site).status == 0)
        #expect(FileManager.default.fileExists(atPath: output + page))
    }

    @Test("several files at once; nothing is written when one of them fails")
    func several() throws {
        let site = try CLI.site("site")
        let folder = (site as NSString).deletingLastPathComponent
        try CLI.write(
            """
            新しいモデルを公開 A new model is out
            - 新モデルが公開された。
            English summary
            - A new model is out.
            新しいモデルが公開された。
            A new model is out.
            本ページの本文・要約は AI による自動生成です。正確性は元記事 (example.org) をご確認ください。
            """, to: folder + "/second.txt")
        try CLI.write("タイトルだけ Title only\n本文。\n", to: folder + "/no-source.txt")
        let failing = try CLI.run(
            ["import", Self.sample, folder + "/second.txt", folder + "/no-source.txt"], in: site)
        #expect(failing.status == 1)
        #expect(
            failing.stderr.contains(
                folder
                    + "/no-source.txt: error: no source: the file has no disclaimer line naming the source's host"
            ))
        #expect(!FileManager.default.fileExists(atPath: site + "/" + Self.path))
        let run = try CLI.run(["import", Self.sample, folder + "/second.txt"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == Self.path + "\ncontent/briefs/2026/05/a-new-model-is-out.md\n")
        #expect(try CLI.run(["check"], in: site).status == 0)
        // Importing the sample again is refused: it is there already.
        let again = try CLI.run(["import", Self.sample], in: site)
        #expect(again.status == 1)
        #expect(again.stdout.isEmpty)
        #expect(
            again.stderr.contains(
                Self.sample
                    + ":1: error: already imported as \(Self.path), which has the same titles\n"
                    + "    hint: edit that file; to import this one again, delete it first\n"))
        #expect(
            !FileManager.default.fileExists(
                atPath: site
                    + "/content/briefs/2026/05/the-next-phase-of-the-microsoft-openai-partnership-2.md"
            ))
        // So is the same file twice in one run, and nothing is written.
        let twice = try CLI.run(
            ["import", folder + "/second.txt", folder + "/second.txt"], in: site)
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("error: already imported as"))
    }
}
