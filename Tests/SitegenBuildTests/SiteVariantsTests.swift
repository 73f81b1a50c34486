import Foundation
import SitegenCore
import Testing

/// Builds small variations of a site: pagination edges, base URLs, drafts, future briefs,
/// determinism and the built-in theme.
@Suite struct SiteVariantsTests {
    static func briefs(_ count: Int) -> [String: String] {
        var files: [String: String] = [:]
        for index in 1...count {
            files["content/briefs/b\(index).md"] = TemporarySite.brief(
                title: "ブリーフ \(index)", date: "2026-03-\(10 + index)T09:00:00+09:00", tags: ["AI"])
        }
        return files
    }

    @Test(arguments: [(count: 3, pages: 1), (count: 4, pages: 2)])
    func paginationEdges(count: Int, pages: Int) async throws {
        let site = try TemporarySite(Self.briefs(count), paginate: 3)
        let (output, _) = try await Fixture.build(source: site.root)
        let files = Set(Fixture.files(under: output))
        #expect(files.contains("page/2/index.html") == (pages == 2))
        #expect(files.contains("tags/ai/page/2/index.html") == (pages == 2))
        #expect(!files.contains("page/3/index.html"))
        let first = try Fixture.read(output + "/index.html")
        let listed = first.components(separatedBy: "class=\"card-title\"").count - 1
        #expect(listed == 3)
        if pages == 2 {
            let second = try Fixture.read(output + "/page/2/index.html")
            #expect(second.contains("/briefs/b1/"))
            #expect(second.contains("rel=\"prev\" href=\"/\""))
        }
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let (first, _) = try await Fixture.build(source: Fixture.path("basic"))
        let (second, _) = try await Fixture.build(source: Fixture.path("basic"))
        let files = Fixture.files(under: first)
        #expect(files == Fixture.files(under: second))
        for file in files {
            #expect(
                FileManager.default.contents(atPath: first + "/" + file)
                    == FileManager.default.contents(atPath: second + "/" + file), "\(file) differs")
        }
    }

    @Test func baseURLOverrideMovesEveryLink() async throws {
        let (output, _) = try await Fixture.build(
            source: Fixture.path("basic"), baseURL: "https://preview.example.org/pr-7")
        let html = try Fixture.read(output + "/briefs/gemini-update/index.html")
        #expect(html.contains("href=\"/pr-7/tags/google/\""))
        #expect(
            html.contains(
                "<link rel=\"canonical\" href=\"https://preview.example.org/pr-7/briefs/gemini-update/\">"
            ))
        #expect(!html.contains("href=\"/briefs/"))
        #expect(
            try Fixture.read(output + "/feed.xml").contains(
                "<id>https://preview.example.org/pr-7/briefs/gemini-update/</id>"))
    }

    @Test func draftsOnlyWithDraftsFlag() async throws {
        var files = Self.briefs(1)
        files["content/briefs/wip.md"] = TemporarySite.brief(title: "下書き", extra: "draft: true")
        let site = try TemporarySite(files)
        let (without, report) = try await Fixture.build(source: site.root)
        #expect(report.briefCount == 1)
        #expect(report.draftsSkipped == 1)
        #expect(!FileManager.default.fileExists(atPath: without + "/briefs/wip/index.html"))
        let (with, _) = try await Fixture.build(source: site.root, drafts: true)
        #expect(FileManager.default.fileExists(atPath: with + "/briefs/wip/index.html"))
    }

    @Test func futureBriefsAreHeldBackAndCounted() async throws {
        var files = Self.briefs(1)
        // Now is 2026-11-20T02:33:20+09:00: a brief at 09:00 JST that day is still in the future.
        files["content/briefs/later.md"] = TemporarySite.brief(
            title: "未来", date: "2026-11-20T09:00:00+09:00")
        let site = try TemporarySite(files)
        let (output, report) = try await Fixture.build(source: site.root)
        #expect(report.heldBack == 1)
        #expect(report.nextRelease?.rfc3339 == "2026-11-20T09:00:00+09:00")
        #expect(!FileManager.default.fileExists(atPath: output + "/briefs/later/index.html"))
        let (future, futureReport) = try await Fixture.build(source: site.root, future: true)
        #expect(futureReport.heldBack == 0)
        #expect(FileManager.default.fileExists(atPath: future + "/briefs/later/index.html"))
    }

    @Test func siteWithoutTemplatesUsesTheBuiltInTheme() async throws {
        let site = try TemporarySite(Self.briefs(2))
        let (output, _) = try await Fixture.build(source: site.root)
        let html = try Fixture.read(output + "/briefs/b1/index.html")
        #expect(html.contains("<!DOCTYPE html>"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.contains("application/ld+json"))
        #expect(html.contains("class=\"disclaimer\""))
        #expect(FileManager.default.fileExists(atPath: output + "/style.css"))
    }

    @Test func emptySiteStillBuildsAHomePageAndFeeds() async throws {
        let site = try TemporarySite([:])
        let (output, report) = try await Fixture.build(source: site.root)
        #expect(report.briefCount == 0)
        for path in [
            "index.html", "feed.xml", "feed.json", "sitemap.xml", "tags/index.html", "404.html",
        ] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + path), "missing \(path)")
        }
        _ = try XMLTree.parse(try Fixture.read(output + "/feed.xml"))
    }
}
