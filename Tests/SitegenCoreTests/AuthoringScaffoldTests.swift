import Foundation
import SitegenBase
import Testing

@testable import SitegenCore

/// `Scaffolder`, `BriefPlacement`, `BriefLayout`, title slugs and the YAML they write.
@Suite("Authoring: scaffold")
struct AuthoringScaffoldTests {
    @Test(
        arguments: [
            (
                "The next phase of the Microsoft OpenAI partnership",
                "the-next-phase-of-the-microsoft-openai-partnership"
            ),
            ("OpenAI's new model: GPT-5!", "openais-new-model-gpt-5"),
            ("  --Hello,   World--  ", "hello-world"),
            ("GPT-5の新機能", nil),
            ("Café opens", nil),
            ("!!!", nil),
            (
                String(repeating: "word ", count: 30),
                "word-word-word-word-word-word-word-word-word-word-word-word"
            ),
        ] as [(String, String?)])
    func slugsFromTitles(title: String, slug: String?) {
        #expect(Slug.ascii(fromTitle: title) == slug)
        if let slug { #expect(Slug.problem(inPathSlug: slug) == nil) }
    }

    @Test func datedSlug() {
        #expect(
            Slug.dated(Timestamp(seconds: 1_777_599_000, offset: 9 * 3600)) == "2026-05-01-1030")
    }

    @Test(arguments: [
        ([], BriefLayout.yearAndMonth),
        (["2026/04/a.md", "2026/05/b.md", "c.md"], .yearAndMonth),
        (["a.md", "b.md", "2026/04/c.md"], .flat),
        (["2026/a.md", "2025/b.md"], .year),
        (["news/a.md"], .yearAndMonth),
    ])
    func detectsLayouts(paths: [String], layout: BriefLayout) {
        #expect(BriefLayout.detect(in: paths) == layout)
    }

    @Test(arguments: [
        "plain", "コロン: あり", "# hash", "- dash", "true", "2026-04-28", "123", "a #b", "quote \"x\"",
        "back\\slash", "trailing:", " lead", "tab\there", "new\nline", "[brackets]", "{braces}",
        "'single'",
        "@at", "`tick`", "生成AI", "null", "~", "a, b",
    ])
    func yamlScalarsReadBack(text: String) throws {
        let document = BriefDocument(
            title: text, titleEN: text, date: "2026-04-28", sourceURL: "https://example.org/",
            sourceName: text, tags: [text, "other"], summary: [text], summaryEN: [text], slug: "s")
        let file = SourceFile(
            path: "content/briefs/s.md", bytes: Array(document.text(allFields: true).utf8))
        let parsed = ContentParser.parse(file, isPage: false, config: .defaults)
        guard case .brief(let brief)? = parsed.content else {
            Issue.record("'\(text)' did not read back: \(parsed.problems)")
            return
        }
        let expected = text.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(brief.title == expected)
        #expect(brief.titleEN == expected)
        #expect(brief.source.name == expected)
        #expect(brief.summary == [expected])
        #expect(brief.tags.first?.name == expected)
        #expect(brief.tags.count == 2)
    }

    static let existing = [
        SourceFile(
            path: "content/briefs/2026/04/a.md",
            bytes: Array(
                "---\ntitle: A\ndate: 2026-04-01\nsource: https://x.org/\nslug: custom\n---\n".utf8)
        ),
        SourceFile(path: "content/briefs/2026/04/b.md", bytes: Array("broken".utf8)),
    ]

    @Test func placementAvoidsSlugsAndFilesInUse() throws {
        var placement = BriefPlacement(config: .defaults, existing: Self.existing)
        let date = Timestamp(seconds: 1_777_599_000, offset: 9 * 3600)
        let free = placement.place(
            requested: nil, derived: "custom", date: date, fileExists: { _ in false })
        #expect(try free.get() == ("custom-2", "content/briefs/2026/05/custom-2.md"))
        let again = placement.place(
            requested: nil, derived: "custom", date: date,
            fileExists: { $0.hasSuffix("custom-3.md") })
        #expect(try again.get() == ("custom-4", "content/briefs/2026/05/custom-4.md"))
        let taken = placement.place(
            requested: "b", derived: "x", date: date, fileExists: { _ in false })
        #expect(taken.failureMessage == "slug 'b' is already used by content/briefs/2026/04/b.md")
        let unsafe = placement.place(
            requested: "a/b", derived: "x", date: date, fileExists: { _ in false })
        #expect(unsafe.failureMessage == "--slug contains '/': 'a/b'")
    }

    @Test func scaffoldsADraftWithEveryField() throws {
        var placement = BriefPlacement(config: .defaults, existing: Self.existing)
        let request = Scaffolder.Request(
            title: " 新しい記事 ", tags: ["AI"], sourceURL: "https://example.org/a", now: 1_777_599_000)
        let file = try Scaffolder(config: .defaults).scaffold(
            request, placement: &placement, fileExists: { _ in false }
        ).get()
        #expect(file.path == "content/briefs/2026/05/2026-05-01-1030.md")
        for key in ContentParser.briefKeys where key != "lang" && key != "corrections" {
            #expect(file.text.contains("\n\(key):"), "missing \(key)")
        }
        let parsed = ContentParser.parse(
            SourceFile(path: file.path, bytes: Array(file.text.utf8)), isPage: false,
            config: .defaults)
        #expect(parsed.problems.isEmpty)
        guard case .brief(let brief)? = parsed.content else {
            Issue.record("did not parse")
            return
        }
        #expect(brief.isDraft)
        #expect(brief.title == "新しい記事")
        #expect(brief.titleEN == nil)
        #expect(brief.summary.isEmpty)
        #expect(brief.source.name == "example.org")
    }

    @Test func refusesBadRequests() {
        var placement = BriefPlacement(config: .defaults, existing: [])
        let request = Scaffolder.Request(title: "", tags: ["///"], sourceURL: "ftp://x", now: 0)
        let result = Scaffolder(config: .defaults).scaffold(
            request, placement: &placement, fileExists: { _ in false })
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(
            failure.errors.map(\.message) == [
                "the title must not be empty", "tag '///' has no characters usable in a URL",
                "--url must be an absolute http(s) URL, found 'ftp://x'",
            ])
    }
}

extension Result where Failure == SitegenError {
    var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}
