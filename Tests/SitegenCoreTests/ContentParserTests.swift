import Foundation
import SitegenYAML
import Testing

@testable import SitegenCore

/// Every kind of bad brief, paired with the exact report it gets.
@Suite struct ContentParserTests {
    static let path = "content/briefs/x.md"

    static func problems(_ text: String, isPage: Bool = false) -> [String] {
        problems(bytes: Array(text.utf8), isPage: isPage)
    }

    static func problems(bytes: [UInt8], isPage: Bool = false) -> [String] {
        let file = SourceFile(path: isPage ? "content/pages/x.md" : path, bytes: bytes)
        return ContentParser.parse(file, isPage: isPage, config: .defaults).problems.map(
            \.description)
    }

    static let source = "source:\n  url: https://example.org/a\n"

    static let cases: [(String, String, [String])] = [
        (
            "empty file", "",
            [
                "content/briefs/x.md:1: error: file is empty\n    hint: a brief starts with '---', its front matter, and '---'"
            ]
        ),
        (
            "no front matter", "# Title\n\nbody\n",
            [
                "content/briefs/x.md:1: error: missing front matter: the file must start with a '---' line"
            ]
        ),
        (
            "unterminated", "---\ntitle: a\ndate: 2026-01-01\n",
            ["content/briefs/x.md:1: error: unterminated front matter: no closing '---' line"]
        ),
        (
            "malformed YAML", "---\ntitle: a\ndate: [2026\n---\nbody\n",
            [
                "content/briefs/x.md:4:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3)"
            ]
        ),
        (
            "title as a list", "---\ntitle: [a, b]\ndate: 2026-01-01\n\(source)---\n",
            ["content/briefs/x.md:2:8: error: 'title' must be a string, found a list"]
        ),
        (
            "tags as a map", "---\ntitle: a\ndate: 2026-01-01\n\(source)tags:\n  a: b\n---\n",
            [
                "content/briefs/x.md:7:3: error: 'tags' must be a list of strings, found a mapping\n    hint: write tags: [OpenAI, 生成AI]"
            ]
        ),
        (
            "tags as one string with commas",
            "---\ntitle: a\ndate: 2026-01-01\n\(source)tags: OpenAI, Microsoft\n---\n",
            [
                "content/briefs/x.md:6:7: error: 'tags' is one string with a comma (',') in it: 'OpenAI, Microsoft'\n    hint: write a list: tags: [OpenAI, Microsoft]"
            ]
        ),
        (
            "tags as one string with Japanese commas",
            "---\ntitle: a\ndate: 2026-01-01\n\(source)tags: \"生成AI、提携\"\n---\n",
            [
                "content/briefs/x.md:6:7: error: 'tags' is one string with a comma ('、') in it: '生成AI、提携'\n    hint: write a list: tags: [生成AI, 提携]"
            ]
        ),
        (
            "date as a number", "---\ntitle: a\ndate: 20260101\n\(source)---\n",
            [
                "content/briefs/x.md:3:7: error: invalid date '20260101' in 'date'\n    hint: use 2026-04-28 or 2026-04-28T09:00:00+09:00"
            ]
        ),
        (
            "invalid date", "---\ntitle: a\ndate: 2026-02-30\n\(source)---\n",
            [
                "content/briefs/x.md:3:7: error: invalid date '2026-02-30' in 'date': day 30 of 2026-02 does not exist"
            ]
        ),
        (
            "missing title and date", "---\n\(source)---\n",
            [
                "content/briefs/x.md:1: error: missing required field 'title'",
                "content/briefs/x.md:1: error: missing required field 'date'",
            ]
        ),
        (
            "missing source", "---\ntitle: a\ndate: 2026-01-01\n---\n",
            [
                "content/briefs/x.md:1: error: missing required field 'source.url'\n    hint: add 'source:' with 'url:' (and optionally 'name:') of the article the brief summarises"
            ]
        ),
        (
            "source without url", "---\ntitle: a\ndate: 2026-01-01\nsource:\n  name: X\n---\n",
            ["content/briefs/x.md:4: error: missing required field 'source.url'"]
        ),
        (
            "relative source url",
            "---\ntitle: a\ndate: 2026-01-01\nsource:\n  url: /news/1\n---\n",
            [
                "content/briefs/x.md:5:8: error: 'source.url' must be an absolute http(s) URL, found '/news/1'\n    hint: e.g. https://openai.com/index/next-chapter-of-microsoft-and-openai/"
            ]
        ),
        (
            "javascript source url",
            "---\ntitle: a\ndate: 2026-01-01\nsource:\n  url: javascript:alert(1)\n---\n",
            [
                "content/briefs/x.md:5:8: error: 'source.url' must be an absolute http(s) URL, found 'javascript:alert(1)'\n    hint: e.g. https://openai.com/index/next-chapter-of-microsoft-and-openai/"
            ]
        ),
        (
            "slug with slash", "---\ntitle: a\ndate: 2026-01-01\n\(source)slug: a/b\n---\n",
            [
                "content/briefs/x.md:6:7: error: 'slug' contains '/': 'a/b'\n    hint: use letters, digits and '-', e.g. microsoft-openai-next-phase"
            ]
        ),
        (
            "slug with backslash", "---\ntitle: a\ndate: 2026-01-01\n\(source)slug: 'a\\b'\n---\n",
            [
                "content/briefs/x.md:6:7: error: 'slug' contains '\\': 'a\\b'\n    hint: use letters, digits and '-', e.g. microsoft-openai-next-phase"
            ]
        ),
        (
            "slug with dots", "---\ntitle: a\ndate: 2026-01-01\n\(source)slug: ../etc\n---\n",
            [
                "content/briefs/x.md:6:7: error: 'slug' contains '..': '../etc'\n    hint: use letters, digits and '-', e.g. microsoft-openai-next-phase"
            ]
        ),
        (
            "draft not a bool", "---\ntitle: a\ndate: 2026-01-01\n\(source)draft: maybe\n---\n",
            ["content/briefs/x.md:6:8: error: 'draft' must be true or false, found 'maybe'"]
        ),
        (
            "duplicate key", "---\ntitle: a\ntitle: b\ndate: 2026-01-01\n\(source)---\n",
            ["content/briefs/x.md:3:1: error: duplicate key 'title' (first set on line 2)"]
        ),
        (
            "front matter is a list", "---\n- a\n- b\n---\n",
            [
                "content/briefs/x.md:2:1: error: front matter must be a mapping of 'key: value' lines, found a list"
            ]
        ),
        (
            "unknown key", "---\ntitle: a\ndate: 2026-01-01\n\(source)titel: b\n---\n",
            [
                "content/briefs/x.md:6:1: warning: unknown key 'titel'\n    hint: did you mean 'title'?"
            ]
        ),
        (
            "unknown source key",
            "---\ntitle: a\ndate: 2026-01-01\nsource:\n  url: https://example.org/\n  nmae: X\n---\n",
            ["content/briefs/x.md:6:3: warning: unknown key 'nmae'\n    hint: did you mean 'name'?"]
        ),
    ]

    @Test(arguments: cases)
    func reportsBadInputExactly(name: String, input: String, expected: [String]) {
        #expect(Self.problems(input) == expected, "\(name)")
    }

    @Test func invalidUTF8IsReportedWithItsLine() {
        var bytes = Array("---\ntitle: a\n".utf8)
        bytes += [0x74, 0xFF, 0x0A]
        #expect(
            Self.problems(bytes: bytes) == [
                "content/briefs/x.md:3:2: error: file is not valid UTF-8: invalid byte sequence at byte 2 of the line\n    hint: save the file as UTF-8"
            ])
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let text =
            "\u{FEFF}---\r\ntitle: a\r\ndate: 2026-01-01\r\nsource:\r\n  url: https://example.org/\r\n---\r\nline one\r\n<!-- lang: en -->\r\nEnglish\r\n"
        let file = SourceFile(path: Self.path, bytes: Array(text.utf8))
        let (content, problems) = ContentParser.parse(file, isPage: false, config: .defaults)
        #expect(problems.isEmpty)
        guard case .brief(let brief)? = content else {
            Issue.record("no brief")
            return
        }
        #expect(brief.title == "a")
        #expect(
            brief.sections == [
                MarkdownSection(language: "ja", markdown: "line one\n"),
                MarkdownSection(language: "en", markdown: "English\n"),
            ])
    }

    @Test func defaultsAreApplied() throws {
        let text =
            "---\ntitle: タイトル\ndate: 2026-04-28\nsource:\n  url: https://Example.org/a?b=1\ntags: [生成AI, 生成ai, OpenAI]\n---\n本文\n"
        let (content, problems) = ContentParser.parse(
            SourceFile(path: Self.path, bytes: Array(text.utf8)), isPage: false, config: .defaults)
        #expect(problems.isEmpty)
        guard case .brief(let brief)? = content else {
            Issue.record("no brief")
            return
        }
        #expect(brief.slug == "x")
        #expect(brief.isGenerated)
        #expect(!brief.isDraft)
        #expect(brief.language == "ja")
        #expect(brief.source.name == "example.org")
        #expect(brief.date.rfc3339 == "2026-04-28T00:00:00+09:00")
        #expect(brief.tags.map(\.slug) == ["生成ai", "openai"])
    }

    @Test func pagesNeedOnlyATitle() {
        #expect(Self.problems("---\ntitle: About\n---\nbody\n", isPage: true).isEmpty)
        #expect(
            Self.problems("---\ntitle: About\ndate: 2026-01-01\n---\n", isPage: true) == [
                "content/pages/x.md:3:1: warning: unknown key 'date'"
            ])
    }

    @Test func sectionsSplitOnExactMarkersOnly() {
        let body =
            "ja text\n<!-- lang: en -->\nen text\n`<!-- lang: fr -->` inline\n<!-- lang: zh-Hant -->\nzh\n"
        let sections = ContentParser.sections(of: body, language: "ja")
        #expect(sections.map(\.language) == ["ja", "en", "zh-Hant"])
        #expect(sections[1].markdown == "en text\n`<!-- lang: fr -->` inline\n")
    }

    @Test(arguments: [
        ("https://openai.com/index/a/", "openai.com"), ("HTTP://Example.org", "Example.org"),
        ("https://user:pw@host.example:8443/x?q=1#f", "host.example"),
        ("http://[::1]:8080/", "[::1]"),
        ("https://news.example?x", "news.example"),
    ])
    func httpHosts(url: String, host: String) {
        #expect(ContentParser.httpHost(of: url) == host)
    }

    @Test(arguments: [
        "/news/1", "ftp://a.example/", "https://", "https:///path", "https://a b.example/",
        "javascript:alert(1)", "https://host:port/", "mailto:a@b.example",
        "https://a.example\u{0}/",
    ])
    func notHTTPURLs(url: String) {
        #expect(ContentParser.httpHost(of: url) == nil)
    }
}
