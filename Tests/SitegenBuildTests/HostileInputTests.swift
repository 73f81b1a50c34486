import Foundation
import Testing

@testable import SitegenCore

/// Hostile content: everything lands escaped for where it goes, and nothing leaves the output.
@Suite struct HostileInputTests {
    static let hostileTitle = "</script><script>alert(\"t\")</script> & <b>'q'</b>"
    static let longTag = String(repeating: "長い", count: 100)

    static func site() throws -> TemporarySite {
        let tags = ["../../escape", "/etc", "a\\\\b", "%2e%2e", "what?#", "🤖 ロボット", longTag, "x:y"]
        let tagList = tags.map { "\"\($0)\"" }.joined(separator: ", ")
        let brief = """
            ---
            title: '\(hostileTitle.replacingOccurrences(of: "'", with: "''"))'
            title_en: "\\u003c/title>"
            date: 2026-04-01
            source:
              url: "https://evil.example/a?x=1&y=\\"2\\"<>"
              name: "<img src=x onerror=alert(1)>"
            tags: [\(tagList)]
            summary: ["</script>", "]]> & <!-- -->"]
            ---
            Raw <script>alert(1)</script> and [link](javascript:alert(1)) and <iframe src="x"></iframe>.

            <div onclick="x">block</div>
            """
        return try TemporarySite(["content/briefs/hostile.md": brief])
    }

    @Test func everythingIsEscapedAndNothingLeavesTheOutput() async throws {
        let site = try Self.site()
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/out/public"
        let (_, report) = try await Fixture.build(source: site.root, output: output)
        #expect(report.briefCount == 1)
        // Nothing written beside the output or the site.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["out", "site"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/out") == ["public"])
        for file in Fixture.files(under: output) {
            #expect(OutputWriter.isSafe(file), "\(file)")
            for segment in file.split(separator: "/") { #expect(segment.utf8.count <= 255) }
        }
        let html = try Fixture.read(output + "/briefs/hostile/index.html")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<iframe"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<img src=x"))
        #expect(
            html.contains(
                "&lt;/script&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &lt;b&gt;&#39;q&#39;&lt;/b&gt;"
            ))
        // Exactly one script element, the JSON-LD, and it parses to the original title.
        #expect(html.components(separatedBy: "<script").count == 2)
        let json = try #require(
            Links.between(html, "<script type=\"application/ld+json\">", "</script>"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["headline"] as? String == Self.hostileTitle)
        #expect(object["isBasedOn"] as? String == "https://evil.example/a?x=1&y=\"2\"<>")
        // Feeds and the sitemap stay well-formed XML and JSON.
        let feed = try XMLTree.parse(try Fixture.read(output + "/feed.xml"))
        #expect(feed.child("entry")?.child("title")?.text == Self.hostileTitle)
        _ = try XMLTree.parse(try Fixture.read(output + "/sitemap.xml"))
        _ = try JSONSerialization.jsonObject(
            with: Data(try Fixture.read(output + "/feed.json").utf8))
        for file in Fixture.files(under: output) where file.hasSuffix("feed.xml") {
            _ = try XMLTree.parse(try Fixture.read(output + "/" + file))
        }
    }

    @Test func unusableTagsAreErrorsAndUnsafeCharactersAreDropped() async throws {
        let site = try Self.site()
        let (output, _) = try await Fixture.build(source: site.root)
        let tagFolders = try FileManager.default.contentsOfDirectory(atPath: output + "/tags")
            .sorted()
        // Leading dots are dropped: no published folder starts with a dot.
        #expect(tagFolders.contains("escape"))
        #expect(!tagFolders.contains { $0.hasPrefix(".") })
        #expect(tagFolders.contains("etc"))
        #expect(tagFolders.contains("ab"))
        #expect(tagFolders.contains("2e2e"))
        #expect(tagFolders.contains("what"))
        #expect(tagFolders.contains("🤖-ロボット"))
        #expect(tagFolders.contains("xy"))
        #expect(tagFolders.contains { $0.hasPrefix("長い") && $0.utf8.count <= 200 })
    }

    @Test func dotTagsAreErrorsNamingTheItem() async throws {
        let brief = TemporarySite.brief(tags: ["ok", ".", ".."])
        let site = try TemporarySite(["content/briefs/dots.md": brief])
        let problems = try await Fixture.failures(source: site.root)
        let hint =
            "\n    hint: tags need a letter, digit or symbol other than / \\ ? # % : and dots alone"
        #expect(
            problems == [
                "content/briefs/dots.md:6:14: error: tag '.' has no characters usable in a URL"
                    + hint,
                "content/briefs/dots.md:6:19: error: tag '..' has no characters usable in a URL"
                    + hint,
            ])
    }

    @Test func aSixMegabyteBriefBuilds() async throws {
        let paragraph = String(repeating: "生成AIの長い段落です。", count: 40) + "\n\n"
        let body = String(repeating: paragraph, count: 6_000_000 / paragraph.utf8.count + 1)
        let site = try TemporarySite(["content/briefs/huge.md": TemporarySite.brief(body: body)])
        let (output, _) = try await Fixture.build(source: site.root)
        let size =
            try FileManager.default.attributesOfItem(atPath: output + "/briefs/huge/index.html")[
                .size] as? Int
        #expect((size ?? 0) > 6_000_000)
    }
}
