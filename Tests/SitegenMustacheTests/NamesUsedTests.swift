import Testing

@testable import SitegenMustache

/// `namesUsed(inSectionsNamed:)`: what a section's items can be asked for, so the site may leave
/// the rest out of every listing card.
@Suite struct NamesUsedTests {
    func library(_ templates: [String: String]) throws -> MustacheLibrary {
        MustacheLibrary(
            templates: try templates.mapValues { text throws(MustacheParseError) in
                try MustacheTemplate(parsing: text)
            })
    }

    @Test func firstPartsOfNamesInsideTheSectionAndItsPartials() throws {
        let names = try library([
            "index": "{{title}}{{#briefs}}{{{card_html}}}{{date.shown}}{{>card}}{{/briefs}}",
            "tag": "{{#tag}}{{name}}{{/tag}}{{#briefs}}{{^draft}}{{href}}{{/draft}}{{/briefs}}",
            "card": "{{#tags}}{{name}}{{/tags}}{{>inner}}",
            "inner": "{{summary}}{{>card}}",
            "other": "{{not_inside}}",
        ]).namesUsed(inSectionsNamed: "briefs")
        #expect(
            names == ["card_html", "date", "tags", "name", "summary", "draft", "href"])
    }

    @Test func noSectionUsesNothing() throws {
        #expect(
            try library(["a": "{{title}}{{#brief}}{{x}}{{/brief}}"])
                .namesUsed(inSectionsNamed: "briefs") == [])
    }

    /// `{{.}}` or `{{#.}}` inside can show the item itself: every field may matter.
    @Test(arguments: ["{{#briefs}}{{.}}{{/briefs}}", "{{#briefs}}{{>p}}{{/briefs}}"])
    func theImplicitIteratorUsesEverything(template: String) throws {
        #expect(
            try library(["a": template, "p": "{{#.}}x{{/.}}"])
                .namesUsed(inSectionsNamed: "briefs") == nil)
    }
}
