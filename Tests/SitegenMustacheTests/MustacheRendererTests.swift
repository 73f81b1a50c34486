import SitegenBase
import Testing

@testable import SitegenMustache

/// Rendering: escaping, bytes appended to a buffer, partial linking and the recursion limit.
@Suite struct MustacheRendererTests {
    func render(_ template: String, _ context: TemplateValue, partials: [String: String] = [:])
        throws -> String
    {
        var templates = try partials.mapValues { text throws(MustacheParseError) in
            try MustacheTemplate(parsing: text)
        }
        templates["(template)"] = try MustacheTemplate(parsing: template)
        return MustacheLibrary(templates: templates).render("(template)", context: context)
            ?? "(no template)"
    }

    @Test(arguments: [
        ("", ""),
        ("plain text", "plain text"),
        ("&<>\"'", "&amp;&lt;&gt;&quot;&#39;"),
        ("a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f"),
        ("'leading and trailing'", "&#39;leading and trailing&#39;"),
        ("生成AI & 東京", "生成AI &amp; 東京"),
        ("&&", "&amp;&amp;"),
        ("already &amp; escaped", "already &amp;amp; escaped"),
    ])
    func escapesTheFiveSpecialCharacters(text: String, escaped: String) throws {
        #expect(try render("{{t}}", ["t": .text(text)]) == escaped)
        #expect(try render("{{{t}}}", ["t": .text(text)]) == text)
        #expect(Escaping.html(text) == escaped)
    }

    /// Text held as UTF-8 bytes renders as the same text held as a `String`: interpolated,
    /// escaped or not, as a section (pushed, so `{{.}}` shows it) and as an inverted section.
    @Test(arguments: ["", "plain", "a & <b> \"c\" 'd'", "生成AI & 東京", "x\n<y>\n"])
    func textAsBytesRendersAsText(text: String) throws {
        let template = "{{t}}|{{{t}}}|{{#t}}[{{.}}]{{/t}}|{{^t}}none{{/t}}|{{#o.t}}{{{.}}}{{/o.t}}"
        let asText = try render(template, ["t": .text(text), "o": ["t": .text(text)]])
        let asBytes = try render(
            template, ["t": .utf8(Array(text.utf8)), "o": ["t": .utf8(Array(text.utf8))]])
        #expect(asBytes == asText)
        #expect(TemplateValue.utf8(Array(text.utf8)).description == text)
        var escaped: [UInt8] = []
        Escaping.appendHTML(bytes: Array(text.utf8), to: &escaped)
        #expect(String(decoding: escaped, as: UTF8.self) == Escaping.html(text))
    }

    @Test func appendHTMLAppendsToWhatIsThere() {
        var output = Array("<p>".utf8)
        Escaping.appendHTML("a < b", to: &output)
        Escaping.appendHTML("", to: &output)
        Escaping.appendHTML("c", to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "<p>a &lt; bc")
    }

    @Test func rendersIntoAnExistingBuffer() throws {
        let library = MustacheLibrary(templates: ["t": try MustacheTemplate(parsing: "<{{x}}>")])
        var output = Array("before ".utf8)
        #expect(library.render("t", context: ["x": "1"], into: &output))
        #expect(!library.render("missing", context: ["x": "1"], into: &output))
        #expect(String(decoding: output, as: UTF8.self) == "before <1>")
    }

    @Test func unknownPartialsRenderNothingAndAreListed() throws {
        let library = MustacheLibrary(templates: [
            "a": try MustacheTemplate(parsing: "x\n  {{>nope}}\n{{#s}}{{> gone }}{{/s}}"),
            "b": try MustacheTemplate(parsing: "{{>a}}"),
        ])
        #expect(library.render("a", context: ["s": true]) == "x\n")
        #expect(
            library.unknownPartials == [
                .init(template: "a", name: "nope", line: 2, column: 3),
                .init(template: "a", name: "gone", line: 3, column: 7),
            ])
    }

    /// `depth` objects nested under `child`. The leaf's `child` is `false`, or the lookup would
    /// find its parent's `child` again further down the context stack.
    func nested(_ depth: Int) -> TemplateValue {
        var value: TemplateValue = ["name": "leaf", "child": false]
        for _ in 0..<depth { value = ["child": value] }
        return value
    }

    @Test func recursivePartialsStopAtTheDepthLimit() throws {
        let output = try render(
            "{{>node}}", nested(200), partials: ["node": "{{#child}}[{{>node}}]{{/child}}"])
        let depth = MustacheRenderer.maximumPartialDepth
        #expect(
            output == String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
    }

    @Test func recursionShallowerThanTheLimitRendersFully() throws {
        let output = try render(
            "{{>node}}", nested(10), partials: ["node": "{{#child}}[{{>node}}]{{/child}}{{name}}"])
        #expect(
            output == String(repeating: "[", count: 10) + "leaf" + String(repeating: "]", count: 10)
        )
    }

    @Test func unconditionalAndMutualRecursionDoNotCrash() throws {
        let selfish = try render("{{>me}}", [:], partials: ["me": "x{{>me}}"])
        #expect(selfish == String(repeating: "x", count: MustacheRenderer.maximumPartialDepth))
        let mutual = try render("{{>a}}", [:], partials: ["a": "a{{>b}}", "b": "b\n  {{>a}}\n"])
        #expect(mutual.filter { $0 == "a" }.count == MustacheRenderer.maximumPartialDepth / 2)
    }

    @Test func nameResolutionWalksTheStackThenDescends() throws {
        let context: TemplateValue = [
            "site": ["title": "Site"],
            "page": ["title": "Page"],
            "items": [["title": "One"], ["name": "Two"]],
        ]
        #expect(
            try render("{{#items}}{{title}}/{{site.title}};{{/items}}", context)
                == "One/Site;/Site;")
        #expect(try render("{{#page}}{{title}} {{page.title}}{{/page}}", context) == "Page Page")
    }
}
