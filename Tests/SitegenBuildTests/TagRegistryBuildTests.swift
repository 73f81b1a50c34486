import Foundation
import SitegenCore
import Testing

/// `tags.yml` in a build: a tag that is not a registered spelling but slugifies to a registered
/// slug is merged into that tag (one tag per slug, as Hugo and Zola merge terms) with a warning
/// at the tag in the brief; `--strict` makes it an error.
@Suite struct TagRegistryBuildTests {
    static let registry = """
        # Generative AI
        生成AI:
          en: Generative AI
          slug: generative-ai
          aliases: [GenAI]

        """
    static let warning =
        "content/briefs/b.md:6:18: warning: tag 'Generative AI' is merged into tag '生成AI', whose slug in tags.yml is 'generative-ai'\n"
        + "    hint: add 'Generative AI' to the aliases of '生成AI' (tags.yml line 2), or write '生成AI'"

    static func site(registry: String = registry) throws -> TemporarySite {
        try TemporarySite([
            "tags.yml": registry,
            "content/briefs/a.md": TemporarySite.brief(title: "A", tags: ["生成AI"]),
            "content/briefs/b.md": TemporarySite.brief(
                title: "B", date: "2026-04-02T09:00:00+09:00", tags: ["OpenAI", "Generative AI"]),
            "content/briefs/c.md": TemporarySite.brief(
                title: "C", date: "2026-04-03T09:00:00+09:00", tags: ["GenAI"]),
        ])
    }

    @Test func anUnlistedSpellingOfARegisteredSlugIsMergedWithAWarningAtTheTag() async throws {
        let (output, report) = try await Fixture.build(source: try Self.site().root)
        #expect(report.warnings.map(\.description) == [Self.warning])
        // Still one tag: every brief is on the registered tag's page, shown by its name.
        let page = try Fixture.read(output + "/tags/generative-ai/index.html")
        for title in ["A", "B", "C"] { #expect(page.contains(">\(title)</a>")) }
        let brief = try Fixture.read(output + "/briefs/b/index.html")
        #expect(brief.contains("生成AI"))
        #expect(!brief.contains(">Generative AI</a>"))
    }

    @Test func strictMakesTheMergeAnError() async throws {
        let problems = try await Fixture.failures(source: try Self.site().root, strict: true)
        #expect(problems == [Self.warning.replacingOccurrences(of: "warning:", with: "error:")])
    }

    @Test func anAliasOrTheCanonicalNameGivesNoWarning() async throws {
        let registered = Self.registry.replacingOccurrences(
            of: "[GenAI]", with: "[GenAI, Generative AI]")
        let (_, report) = try await Fixture.build(source: try Self.site(registry: registered).root)
        #expect(report.warnings.isEmpty)
    }

    @Test func withoutARegistryTagsWithOneSlugStayOneTagSilently() async throws {
        let site = try Self.site(registry: "")
        let (_, report) = try await Fixture.build(source: site.root)
        #expect(report.warnings.isEmpty)
    }
}
