import Foundation
import SitegenCore
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Builds `Fixtures/reading` (14 briefs, `paginate: 2`, a tag registry, two spellings of one
/// source host, a brief on the Tokyo month edge) and checks the reading aids of issue #11.
@Suite struct ReadingSiteTests {
    let output: String

    init() async throws {
        output = try await Fixture.build(source: Fixture.path("reading")).output
    }

    func page(_ path: String) throws -> String { try Fixture.read(output + "/" + path) }

    /// The numbered row of a listing page, as `1 [2] 3 … 7`.
    func row(_ path: String) throws -> String {
        let html = try page(path)
        guard let list = Links.between(html, "<ol class=\"pages\">", "</ol>") else { return "" }
        return list.components(separatedBy: "<li>").dropFirst().map { item in
            if item.hasPrefix("…") { return "…" }
            let number = Links.between(item, "\">", "</a>") ?? "?"
            return item.contains("aria-current") ? "[\(number)]" : number
        }.joined(separator: " ")
    }

    @Test func matchesGoldenFiles() throws {
        try Golden.compare(output: output, expected: Fixture.path("reading/expected"))
    }

    /// A build that writes the site reads bodies back from its scratch file as bytes and hands
    /// the JSON-LD over as bytes; `render()` keeps bodies as text: the pages are the same bytes.
    @Test func writtenPagesMatchThoseRenderedInMemory() async throws {
        let options = BuildOptions(
            source: Fixture.path("reading"), output: output, now: Fixture.now)
        let files = try await SiteBuilder(options: options).render().files
        #expect(files.count > 40)
        for file in files {
            let written = try Data(contentsOf: URL(fileURLWithPath: output + "/" + file.path))
            #expect([UInt8](written) == file.bytes, "\(file.path)")
        }
    }

    @Test func aBriefIsFiledUnderTheMonthOfItsDateInTokyo() throws {
        // 20:00 UTC on 30 April is 05:00 on 1 May in Tokyo; 14:59:59 UTC is still April.
        let may = try page("archive/2026/05/page/2/index.html")
        #expect(may.contains("/briefs/b05/"))
        let april = try page("archive/2026/04/index.html")
        #expect(april.contains("/briefs/b06/") && !april.contains("/briefs/b05/"))
        // 16:00 UTC on 31 December 2025 is New Year's Day in Tokyo.
        #expect(try page("archive/2026/01/index.html").contains("/briefs/b13/"))
        let index = try page("archive/index.html")
        #expect(index.contains("<h2><a href=\"/archive/2026/\">2026</a> 13</h2>"))
        #expect(index.contains("<li><a href=\"/archive/2026/05/\">5 May</a> 4</li>"))
        #expect(index.contains("<h2><a href=\"/archive/2025/\">2025</a> 1</h2>"))
    }

    @Test func paginationAtOneTwoThreeAndManyPages() throws {
        // One page: no row at all.
        #expect(try page("tags/one/index.html").contains("class=\"pagination\"") == false)
        #expect(try row("tags/two/index.html") == "[1] 2")
        #expect(try row("tags/two/page/2/index.html") == "1 [2]")
        #expect(try row("tags/three/index.html") == "[1] 2 3")
        #expect(try row("tags/three/page/3/index.html") == "1 2 [3]")
        // Seven pages of the home listing: first, last, neighbours and gaps.
        #expect(try row("index.html") == "[1] 2 … 7")
        // A gap never stands for one page: that page is shown instead.
        #expect(try row("page/4/index.html") == "1 2 3 [4] 5 6 7")
        #expect(try row("page/6/index.html") == "1 … 5 [6] 7")
        #expect(try row("tags/共通/page/5/index.html") == "1 … 4 [5] 6 7")
        #expect(
            try page("page/4/index.html").contains(
                "<title>Reading Fixture (4/7 ページ) | Reading Fixture</title>"))
        #expect(
            try page("tags/three/page/2/index.html").contains(
                "<title>three (2/3 ページ) | Reading Fixture</title>"))
    }

    @Test func aliasesAreOneTagAtTheRegisteredSlugWithBothNames() throws {
        let files = Set(Fixture.files(under: output))
        #expect(files.contains("tags/generative-ai/index.html"))
        for alias in ["tags/genai/index.html", "tags/生成-ai/index.html", "tags/生成ai/index.html"] {
            #expect(!files.contains(alias), "a page was made for an alias: \(alias)")
        }
        let tag = try page("tags/generative-ai/index.html")
        // b03 (GenAI), b06 (生成 AI), b09 (生成AI) and b12 (GenAI) under the canonical name.
        #expect(tag.contains("<h1>生成AI / Generative AI (4)</h1>"))
        let feed = try page("tags/generative-ai/feed.xml")
        #expect(feed.contains("label=\"生成AI / Generative AI\""))
        #expect(
            try page("briefs/b03/index.html").contains(
                "<a href=\"/tags/generative-ai/\">生成AI</a> (Generative AI)"))
    }

    @Test func sourcesAreHostsWithoutWWW() throws {
        let sources = try page("sources/index.html")
        #expect(
            sources.contains("<a href=\"/sources/openai.com/\">openai.com</a> openai.com 9</li>"))
        #expect(
            sources.contains("<a href=\"/sources/example.org/\">example.org</a> example.org 5</li>")
        )
        #expect(!Set(Fixture.files(under: output)).contains("sources/www.openai.com/index.html"))
        #expect(try row("sources/openai.com/index.html") == "[1] 2 … 5")
        let feed = try Data(
            contentsOf: URL(fileURLWithPath: output + "/sources/openai.com/feed.xml"))
        #expect(XMLParser(data: feed).parse())
        #expect(
            try page("briefs/b03/index.html").contains("<a href=\"/sources/openai.com/\">more</a>"))
    }

    @Test func briefPagesLinkLanguagesNeighboursAndRelatedBriefs() throws {
        let html = try page("briefs/b06/index.html")
        #expect(html.contains("<a href=\"#en\">English</a>"))
        #expect(
            html.contains(
                "<div id=\"en\"><time datetime=\"2026-04-30T23:59:59+09:00\">30 April 2026</time>"))
        #expect(
            html.contains("<time datetime=\"2026-04-30T23:59:59+09:00\">2026年4月30日 23:59</time>"))
        #expect(html.contains("<a rel=\"next\" href=\"/briefs/b05/\">ブリーフ 5</a>"))
        #expect(html.contains("<a rel=\"prev\" href=\"/briefs/b07/\">ブリーフ 7</a>"))
        let related = try #require(Links.between(html, "<ul id=\"related\">", "</ul>"))
        #expect(related.components(separatedBy: "<li>").count - 1 == 5)
        #expect(!related.contains("/briefs/b06/"))
        // A brief with no English part has no #en link.
        #expect(!(try page("briefs/b14/index.html")).contains("href=\"#en\""))
    }

    @Test func tagsIndexPutsTheMostUsedFirstThenLatinKanaAndTheRest() throws {
        let html = try page("tags/index.html")
        let popular = try #require(Links.between(html, "<ol class=\"popular\">", "</ol>"))
        #expect(
            popular.hasPrefix(
                "<li class=\"level-4\"><a href=\"/tags/%E5%85%B1%E9%80%9A/\">共通</a> 14</li>"))
        let ids = html.components(separatedBy: "<section id=\"").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        #expect(ids == ["latin-o", "latin-t", "other"])
    }
}
