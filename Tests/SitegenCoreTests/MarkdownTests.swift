import Testing

@testable import SitegenCore

/// Pins the cmark options: safe mode, no smart punctuation, base-path rewriting.
@Suite struct MarkdownTests {
    let markdown = Markdown()

    @Test(arguments: [
        ("*em* **strong**\n", "<p><em>em</em> <strong>strong</strong></p>\n"),
        ("\"quotes\" -- dashes...\n", "<p>&quot;quotes&quot; -- dashes...</p>\n"),
        ("<script>alert(1)</script>\n", "<!-- raw HTML omitted -->\n"),
        (
            "a <b onclick=\"x\">b</b>\n",
            "<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n"
        ),
        ("[x](javascript:alert(1))\n", "<p><a href=\"\">x</a></p>\n"),
        ("![i](data:text/html;base64,AAAA)\n", "<p><img src=\"\" alt=\"i\" /></p>\n"),
        ("- a\n- b\n", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
        (
            "```swift\nlet a = 1 < 2\n```\n",
            "<pre><code class=\"language-swift\">let a = 1 &lt; 2\n</code></pre>\n"
        ),
        ("> 引用\n", "<blockquote>\n<p>引用</p>\n</blockquote>\n"),
    ])
    func rendersWithPinnedOptions(input: String, html: String) {
        #expect(markdown.html(input) == html)
    }

    @Test func rootRelativeLinksMoveUnderTheBasePath() {
        let based = Markdown(basePath: "/briefs/")
        #expect(
            based.html("[t](/tags/ai/) [x](https://a.example/) [p](//cdn.example/x) [r](rel/)\n")
                == "<p><a href=\"/briefs/tags/ai/\">t</a> <a href=\"https://a.example/\">x</a> <a href=\"//cdn.example/x\">p</a> <a href=\"rel/\">r</a></p>\n"
        )
        #expect(
            based.html("![i](/img/a.png)\n")
                == "<p><img src=\"/briefs/img/a.png\" alt=\"i\" /></p>\n")
    }

    @Test func emptyInput() {
        #expect(markdown.html("") == "")
    }

    @Test func softBreaksBetweenJapaneseCharactersAreDropped() {
        #expect(
            markdown.html("サイトです。\n各ページは\n**要約**です。\nEnglish\nwords\n")
                == "<p>サイトです。各ページは<strong>要約</strong>です。\nEnglish\nwords</p>\n")
    }
}
