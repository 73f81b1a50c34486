import Testing

@testable import SitegenMustache

/// Parse errors: each names the offending tag's line and column and says what is wrong.
@Suite struct MustacheParserTests {
    static let errors: [(template: String, message: String)] = [
        (
            "{{#brief}}\n{{title}}\n{{/breif}}\n",
            "3:1: section 'breif' closed but 'brief' is open (opened at line 1)"
        ),
        ("{{#a}}{{#b}}{{/a}}{{/b}}", "1:13: section 'a' closed but 'b' is open (opened at line 1)"),
        ("a\n  {{#x}}\nb", "2:3: unclosed section 'x': no '{{/x}}' before the end of the template"),
        (
            "{{^x}}{{#y}}{{/y}}",
            "1:1: unclosed section 'x': no '{{/x}}' before the end of the template"
        ),
        ("text\n{{/x}}", "2:1: section 'x' closed but no section is open"),
        ("ab {{title", "1:4: unclosed tag: no '}}' after '{{'"),
        ("{{title}\n<p>{{x}}</p>", "1:1: unclosed tag: no '}}' before the next '{{'"),
        ("{{{html}}", "1:1: unclosed tag: no '}}}' after '{{'"),
        ("{{! never closed", "1:1: unclosed tag: no '}}' after '{{'"),
        ("{{}}", "1:1: tag '{{}}' has no name"),
        ("x{{# }}{{/}}", "1:2: tag '{{# }}' has no name"),
        ("{{>}}", "1:1: tag '{{>}}' has no name"),
        ("{{a b}}", "1:1: invalid name 'a b'"),
        ("{{a..b}}", "1:1: invalid name 'a..b'"),
        ("{{.a}}", "1:1: invalid name '.a'"),
        ("{{ #a}}", "1:1: invalid name '#a'"),
        ("{{> a b}}", "1:1: invalid partial name 'a b'"),
        (
            "{{=<%=}}",
            "1:1: invalid set-delimiter tag '{{=<%=}}': expected two delimiters without spaces or '=', like '{{=<% %>=}}'"
        ),
        (
            "{{=<% = %>=}}",
            "1:1: invalid set-delimiter tag '{{=<% = %>=}}': expected two delimiters without spaces or '=', like '{{=<% %>=}}'"
        ),
        ("{{<parent}}{{/parent}}", "1:1: template inheritance ('{{<' and '{{$') is not supported"),
        ("{{$block}}{{/block}}", "1:1: template inheritance ('{{<' and '{{$') is not supported"),
        ("日本語 {{/x}}", "1:5: section 'x' closed but no section is open"),
        (
            "{{=<% %>=}}\n<%#a%>\n<%/b%>",
            "3:1: section 'b' closed but 'a' is open (opened at line 2)"
        ),
        ("{{=<% %>=}}<%a", "1:12: unclosed tag: no '%>' after '<%'"),
    ]

    @Test(arguments: errors)
    func reportsPositionAndProblem(template: String, message: String) {
        #expect(throws: MustacheParseError.self) { try MustacheTemplate(parsing: template) }
        do {
            _ = try MustacheTemplate(parsing: template)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func acceptsWhatTheTemplatesUse() throws {
        let template = try MustacheTemplate(
            parsing:
                "{{>partials/head}}\n{{#brief}}{{{html}}}{{& page.json_ld }}{{^x}}{{.}}{{/x}}{{/brief}}{{! c }}\n"
        )
        #expect(template.partialNames == ["partials/head"])
    }

    @Test func listsPartialsInsideSections() throws {
        let template = try MustacheTemplate(parsing: "{{>a}}{{#s}}{{>b}}{{^t}}{{>c}}{{/t}}{{/s}}")
        #expect(template.partialNames == ["a", "b", "c"])
    }
}
