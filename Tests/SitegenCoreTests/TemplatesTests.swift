import Testing

@testable import SitegenCore

/// The site's template set: built-ins overlaid by site files, and its errors with paths.
@Suite struct TemplatesTests {
    func file(_ path: String, _ text: String) -> SourceFile {
        SourceFile(path: path, bytes: Array(text.utf8))
    }

    func problems(_ files: [SourceFile]) -> [String] {
        do {
            _ = try Templates(files: files)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func parseErrorsNameFileLineAndColumn() {
        #expect(
            problems([
                file("templates/brief.mustache", "{{#brief}}\n  {{title}}\n  {{/breif}}\n"),
                file("templates/partials/x.mustache", "{{a b}}"),
            ]) == [
                "templates/brief.mustache:3:3: error: template does not parse: section 'breif' closed but 'brief' is open (opened at line 1)",
                "templates/partials/x.mustache:1:1: error: template does not parse: invalid name 'a b'",
            ])
    }

    @Test func unknownPartialsAreErrorsWithASuggestion() {
        #expect(
            problems([
                file(
                    "templates/brief.mustache",
                    "{{#brief}}\n{{>partials/haed}}{{/brief}}\n{{>nothing-like-it}}")
            ]) == [
                "templates/brief.mustache:2:1: error: unknown partial 'partials/haed'\n    hint: did you mean 'partials/head'?",
                "templates/brief.mustache:3:1: error: unknown partial 'nothing-like-it'",
            ])
    }

    @Test func missingRequiredTemplatesAreReported() {
        do {
            _ = try Templates(files: [], builtIn: ["index": "i"])
            Issue.record("expected a failure")
        } catch {
            #expect(
                error.errors.map(\.description).first
                    == "error: missing template 'templates/brief.mustache'")
        }
    }

    @Test func siteTemplatesReplaceBuiltInOnesAndUseTheirPartials() throws {
        let builtIn = Dictionary(
            uniqueKeysWithValues: Templates.required.map { ($0, "built-in \($0)") }
        )
        .merging(["partials/x": "<{{name}}>"]) { $1 }
        let templates = try Templates(
            files: [
                file("templates/brief.mustache", "{{>partials/x}}!"),
                file("templates/notes.txt", "{{"),
            ],
            builtIn: builtIn)
        #expect(templates.render("brief", context: ["name": "a & b"]) == "<a &amp; b>!")
        #expect(templates.render("index", context: [:]) == "built-in index")
        #expect(templates.contains("partials/x"))
        #expect(!templates.contains("notes"))
        var bytes = Array("> ".utf8)
        templates.render("brief", context: ["name": "c"], into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "> <c>!")
    }

    @Test func theBuiltInThemeParsesAndLinks() throws {
        let templates = try Templates(files: [])
        for name in Templates.required { #expect(templates.contains(name)) }
    }
}
