import Foundation
import Testing

@testable import SitegenCore

/// Feeds, the sitemap, robots.txt and the search index are made without templates, and briefs
/// are parsed without them: a template change re-renders the HTML pages and keeps the rest (hard
/// links to the live site's files), while a `site.yml` change redoes everything.
@Suite struct TemplateChangeTests {
    /// Every file of a folder that is not an HTML page, with its inode.
    static func nonHTMLInodes(_ directory: String) throws -> [String: UInt64] {
        var inodes: [String: UInt64] = [:]
        for file in Fixture.files(under: directory) where !file.hasSuffix(".html") {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: directory + "/" + file)
            inodes[file] = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
        }
        return inodes
    }

    @Test(arguments: [false, true])
    func aTemplateChangeKeepsTheFilesMadeWithoutTemplates(search: Bool) async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12, search: search)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = root + "/cache"
        let test = IncrementalBuildTests()
        _ = try await test.buildBoth(site, output: output, cache: cache)
        let before = try Self.nonHTMLInodes(output)
        #expect(before.keys.contains("feed.xml") && before.keys.contains("sitemap.xml"))
        #expect(before.keys.contains { $0.hasPrefix("tags/") && $0.hasSuffix("/feed.xml") })
        #expect(before.keys.contains { $0.hasPrefix("search/t/") } == search)

        let card = try Fixture.read(Fixture.path("basic/templates/partials/card.mustache"))
        try site.write(card + "<!-- changed -->\n", to: "templates/partials/card.mustache")
        let (report, incremental, fresh) = try await test.buildBoth(
            site, output: output, cache: cache)
        #expect(incremental == fresh)
        #expect(incremental.contains { $0.value.range(of: Data("<!-- changed -->".utf8)) != nil })
        // Every feed, the sitemap and robots.txt are the live site's files, linked, not written.
        let after = try Self.nonHTMLInodes(output)
        let rewritten = after.keys.filter { !$0.hasPrefix(".") && after[$0] != before[$0] }
        #expect(rewritten.sorted() == [])
        let htmlPages = incremental.keys.count { $0.hasSuffix(".html") }
        #expect(report.filesWritten <= htmlPages + 1)

        // A site.yml change redoes the feeds.
        try site.write(
            IncrementalBuildTests.siteConfig(title: "T2", paginate: 3, search: search),
            to: "site.yml")
        let (titleReport, second, secondFresh) = try await test.buildBoth(
            site, output: output, cache: cache)
        #expect(second == secondFresh)
        let last = try Self.nonHTMLInodes(output)
        #expect(last["feed.xml"] != after["feed.xml"])
        // The title is not read by the parser: every brief came from the cache.
        #expect(titleReport.briefsParsed == 0)
    }

    /// The briefs are parsed again when a `site.yml` setting the parser reads changes (the time
    /// zone dates are read in, the default language), and kept when any other setting changes.
    @Test func aSiteConfigChangeReparsesOnlyWhenParsingDependsOnIt() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 6)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = root + "/cache"
        let test = IncrementalBuildTests()
        let (first, _, _) = try await test.buildBoth(site, output: output, cache: cache)
        #expect(first.briefsParsed == 6)
        let paginated = IncrementalBuildTests.siteConfig(title: "T", paginate: 2, search: false)
        let inUTC = paginated.replacingOccurrences(of: "Asia/Tokyo", with: "UTC")
        let changes = [
            ("pagination", paginated, 0),
            ("time zone", inUTC, 6),
            ("language", inUTC + "language: en\n", 6),
            ("description", inUTC + "language: en\ndescription: D\n", 0),
        ]
        var previous: [String: Data] = [:]
        for (what, config, parsed) in changes {
            try site.write(config, to: "site.yml")
            let (report, incremental, fresh) = try await test.buildBoth(
                site, output: output, cache: cache)
            #expect(incremental == fresh, "\(what)")
            #expect(incremental != previous, "\(what)")
            #expect(report.briefsParsed == parsed, "\(what)")
            previous = incremental
        }
    }
}
