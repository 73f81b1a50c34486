import Foundation
import Testing

/// `sitegen check` and `sitegen build`'s progress output, run as processes.
@Suite("sitegen check (process)")
struct CheckCLITests {
    @Test("a good site passes and nothing is written")
    func passes() throws {
        let site = try CLI.site("site")
        let run = try CLI.run(["check"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasSuffix(": no problems\n"))
        #expect(run.stderr.contains("checked 2 briefs, "))
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
        #expect(CLI.files(under: site) == CLI.files(under: CLI.fixtures + "/site"))
    }

    @Test("broken links are listed by the content file or page they come from")
    func brokenLinks() throws {
        let site = try CLI.site("broken-links")
        let run = try CLI.run(["check"], in: site)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "error: broken link '/old-archive/' on page '/404.html' (from a template)",
                "content/briefs/2026/04/links.md:9:19: error: broken link '/briefs/missing-brief/'",
                "content/briefs/2026/04/links.md:12:43: error: broken link '../../../x/'",
                "    hint: the link climbs above the site's root folder",
                "content/briefs/2026/04/links.md:14:39: error: broken link 'https://example.com/briefs/link/'",
                "    hint: did you mean '/briefs/links/'?",
                "checked 1 brief, 10 pages and 171 internal links: 4 broken links",
            ])
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
    }

    @Test("content errors are reported as a build reports them")
    func contentErrors() throws {
        let site = try CLI.site("site")
        let path = site + "/content/briefs/2026/04/nvidia-results.md"
        try CLI.write(
            try CLI.read(path).replacingOccurrences(
                of: "date: 2026-04-18", with: "date: 2026-02-30"), to: path)
        let run = try CLI.run(["check"], in: site)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "content/briefs/2026/04/nvidia-results.md:4:7: error: invalid date '2026-02-30' in 'date'"
            ))
    }

    @Test("tags that differ only by width or spacing are warned about with a tags.yml entry")
    func tagVariants() throws {
        let site = try CLI.site("site")
        let path = site + "/content/briefs/2026/04/nvidia-results.md"
        try CLI.write(
            try CLI.read(path).replacingOccurrences(
                of: "tags: [NVIDIA]", with: "tags: [ＮＶＩＤＩＡ, Gemini Ultra]"), to: path)
        let gemini = site + "/content/briefs/2026/04/gemini-update.md"
        try CLI.write(
            try CLI.read(gemini).replacingOccurrences(
                of: "tags: [", with: "tags: [NVIDIA, GeminiUltra, "), to: gemini)
        let run = try CLI.run(["check"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(
            Array(lines.prefix(8)) == [
                "content/briefs/2026/04/gemini-update.md: warning: tags 'Gemini Ultra' (1 brief) and 'GeminiUltra' (1 brief) differ only by case, width or spacing",
                "    hint: make them one tag in tags.yml:",
                "      Gemini Ultra:",
                "        aliases: [GeminiUltra]",
                "content/briefs/2026/04/nvidia-results.md: warning: tags 'NVIDIA' (1 brief) and 'ＮＶＩＤＩＡ' (1 brief) differ only by case, width or spacing",
                "    hint: make them one tag in tags.yml:",
                "      NVIDIA:",
                "        aliases: [ＮＶＩＤＩＡ]",
            ])
        #expect(run.stderr.hasSuffix("no problems (2 warnings)\n"))
    }

    @Test("build without a terminal prints the plain summary line, no progress bar")
    func buildSummary() throws {
        let site = try CLI.site("site")
        let run = try CLI.run(["build"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("\u{1B}") && !run.stderr.contains("\r"))
        #expect(run.stderr.hasPrefix("built 2 briefs, 3 tags, "))
    }
}
