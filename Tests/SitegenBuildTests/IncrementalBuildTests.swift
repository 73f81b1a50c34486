import Foundation
import Testing

@testable import SitegenCore

/// A build with a cache gives byte-for-byte the site a build from scratch gives, after any edit.
@Suite struct IncrementalBuildTests {
    /// A site with the basic fixture's templates and `count` generated briefs. Search is off
    /// unless asked for.
    static func makeSite(count: Int, search: Bool = false) throws -> TemporarySite {
        var files: [String: String] = [:]
        files["site.yml"] = siteConfig(title: "T", paginate: 3, search: search)
        for index in 0..<count {
            files["content/briefs/b\(index).md"] = brief(
                index, tags: tags(for: index), day: index % 27 + 1)
        }
        files["content/pages/about.md"] = "---\ntitle: About\n---\nAbout.\n"
        let site = try TemporarySite(files, paginate: 3)
        let templates = Fixture.path("basic/templates")
        for name in Fixture.files(under: templates) {
            try site.write(try Fixture.read(templates + "/" + name), to: "templates/" + name)
        }
        return site
    }

    static func siteConfig(title: String, paginate: Int, search: Bool) -> String {
        "title: \(title)\nbase_url: https://example.com/\ntimezone: Asia/Tokyo\n"
            + "paginate: \(paginate)\nsearch: \(search)\n"
    }

    static func tags(for index: Int) -> [String] {
        ["t\(index % 5)", index % 3 == 0 ? "生成AI" : "共通"]
    }

    static func brief(
        _ index: Int, tags: [String], day: Int, body: String = "本文。", extra: String = "",
        source: Int? = nil
    ) -> String {
        // Three source sites, one with `www.`: sources pages and feeds change with the briefs.
        TemporarySite.brief(
            title: "ブリーフ \(index)", date: "2026-03-\(day < 10 ? "0" : "")\(day)T09:00:00+09:00",
            tags: tags,
            extra: extra, body: "\(body)\n\n<!-- lang: en -->\nEnglish \(index).\n",
            source:
                "https://\((source ?? index) % 3 == 0 ? "www." : "")site\((source ?? index) % 3).example/b\(index)"
        )
    }

    static func snapshot(_ directory: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for file in Fixture.files(under: directory) {
            result[file] = FileManager.default.contents(atPath: directory + "/" + file)
        }
        return result
    }

    func buildBoth(_ site: TemporarySite, output: String, cache: String) async throws -> (
        BuildReport, [String: Data], [String: Data]
    ) {
        let incremental = BuildOptions(
            source: site.root, output: output, now: Fixture.now, cacheDirectory: cache)
        let report = try await SiteBuilder(options: incremental).build()
        let fresh = try Fixture.temporaryDirectory("sitegen-fresh") + "/public"
        _ = try await SiteBuilder(
            options: BuildOptions(source: site.root, output: fresh, now: Fixture.now)
        ).build()
        return (report, Self.snapshot(output), Self.snapshot(fresh))
    }

    /// With search on, every step also compares the index files (`search/`).
    @Test(arguments: [false, true])
    func randomEditSequencesMatchFullBuilds(search: Bool) async throws {
        var generator = SeededGenerator(seed: 20_261_126)
        let site = try Self.makeSite(count: 24, search: search)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = root + "/cache"
        var next = 24
        var live = Array(0..<24)
        let (_, first, firstFresh) = try await buildBoth(site, output: output, cache: cache)
        #expect(first == firstFresh)
        var patched = 0
        for step in 0..<40 {
            let action = Int.random(in: 0..<13, using: &generator)
            let pick = live[Int.random(in: 0..<live.count, using: &generator)]
            let description: String
            switch action {
            case 0, 9:
                try site.write(
                    Self.brief(
                        pick, tags: Self.tags(for: pick), day: pick % 27 + 1,
                        body: Self.editedBodies[step % Self.editedBodies.count] + " \(step)"),
                    to: "content/briefs/b\(pick).md")
                description = "edit body of b\(pick)"
            case 10:
                let other = live[(live.firstIndex(of: pick)! + 1) % live.count]
                for index in Set([pick, other]) {
                    try site.write(
                        Self.brief(
                            index, tags: Self.tags(for: index), day: index % 27 + 1,
                            body: "二つ目の編集 \(step)。"),
                        to: "content/briefs/b\(index).md")
                }
                description = "edit bodies of b\(pick) and b\(other)"
            case 1:
                try site.write(
                    Self.brief(next, tags: ["新規", "t\(step % 5)"], day: step % 27 + 1),
                    to: "content/briefs/b\(next).md")
                live.append(next)
                description = "add b\(next)"
                next += 1
            case 2 where live.count > 3:
                try FileManager.default.removeItem(
                    atPath: site.root + "/content/briefs/b\(pick).md")
                live.removeAll { $0 == pick }
                description = "delete b\(pick)"
            case 3:
                try site.write(
                    Self.brief(pick, tags: ["retag\(step % 3)"], day: pick % 27 + 1),
                    to: "content/briefs/b\(pick).md")
                description = "retag b\(pick)"
            case 4:
                try site.write(
                    Self.brief(pick, tags: Self.tags(for: pick), day: (pick + step) % 27 + 1),
                    to: "content/briefs/b\(pick).md")
                description = "redate b\(pick)"
            case 5:
                let text = try Fixture.read(Fixture.path("basic/templates/partials/card.mustache"))
                try site.write(text + "<!-- \(step) -->\n", to: "templates/partials/card.mustache")
                description = "change a template"
            case 6:
                try site.write(
                    Self.siteConfig(title: "T\(step)", paginate: 2 + step % 3, search: search),
                    to: "site.yml")
                description = "change site.yml"
            case 11:
                // The registry merges t1 into t2 (or names t0 in English): tag pages, cards,
                // feeds and related lists change.
                let entries = [
                    "t2:\n  en: Tee two\n  slug: tee-two\n  aliases: [t1]\n",
                    "t0:\n  en: Tee zero\n", "",
                ]
                try site.write(entries[step % 3], to: "tags.yml")
                description = "change tags.yml"
            case 12:
                try site.write(
                    Self.brief(
                        pick, tags: Self.tags(for: pick), day: pick % 27 + 1, source: step),
                    to: "content/briefs/b\(pick).md")
                description = "change the source of b\(pick)"
            case 7:
                try site.write(
                    Self.brief(
                        pick, tags: Self.tags(for: pick), day: pick % 27 + 1, extra: "draft: true"),
                    to: "content/briefs/b\(pick).md")
                description = "make b\(pick) a draft"
            default:
                description = "no change"
            }
            let (report, incremental, fresh) = try await buildBoth(
                site, output: output, cache: cache)
            #expect(
                incremental.keys.sorted() == fresh.keys.sorted(),
                "step \(step): \(description): file lists differ")
            for (path, bytes) in fresh where incremental[path] != bytes {
                Issue.record("step \(step) (\(description)): \(path) differs from a full build")
            }
            if report.isBodyPatch { patched += 1 }
            if description == "no change", step > 0 {
                #expect(
                    report.filesWritten <= 1,
                    "step \(step): a build with nothing changed wrote \(report.filesWritten) files")
            }
        }
        if search {
            let files = Self.snapshot(output).keys
            #expect(files.contains("search/meta.json") && files.contains("search/d/0.json"))
        }
        // Body edits are patched with search on too (the index's files read back).
        #expect(patched >= 5, "only \(patched) builds took the body patch path")
    }

    /// Bodies for edits, some with text that looks like the markup a patch searches feeds for.
    static let editedBodies = [
        "編集。",
        "</entry>\n  <entry xml:lang=\"en\">\n<id>https://example.com/briefs/b1/</id>",
        "    {\n      \"id\": \"https://example.com/briefs/b2/\",\n    }",
        "[内部リンク](/tags/t1/) と ![画像](/images/x.png)",
        "",
    ]

    @Test func bodyEditsArePatchedAndMatchFullBuilds() async throws {
        let site = try Self.makeSite(count: 12)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = root + "/cache"
        _ = try await buildBoth(site, output: output, cache: cache)
        // The second build leaves a kept folder for the patch to work in.
        _ = try await buildBoth(site, output: output, cache: cache)
        // b11 is the newest brief: in both site feeds and its tags' feeds.
        for (index, body) in [(11, "新しい本文。"), (3, "[リンク](/briefs/b1/)"), (11, "")] {
            try site.write(
                Self.brief(
                    index, tags: Self.tags(for: index), day: index % 27 + 1, body: body),
                to: "content/briefs/b\(index).md")
            let (report, incremental, fresh) = try await buildBoth(
                site, output: output, cache: cache)
            #expect(report.isBodyPatch)
            // The brief's page, the site feeds (feed.xml, feed.json), its two tags' feeds and its
            // source's feed.
            #expect(report.filesWritten == 6)
            #expect(incremental == fresh)
        }
        // Without the kept folder, the patch fills a fresh one with links to the live site's
        // other files, and leaves the old live site as the kept folder.
        try FileManager.default.removeItem(atPath: root + "/.public.sitegen-old")
        try site.write(
            Self.brief(5, tags: Self.tags(for: 5), day: 5 % 27 + 1, body: "保管なし。"),
            to: "content/briefs/b5.md")
        let (unkept, unkeptSite, unkeptFresh) = try await buildBoth(
            site, output: output, cache: cache)
        #expect(unkept.isBodyPatch)
        #expect(unkeptSite == unkeptFresh)
        #expect(FileManager.default.fileExists(atPath: root + "/.public.sitegen-old/index.html"))
        // Without the output, a file saved again unchanged still gets the whole site written.
        try FileManager.default.removeItem(atPath: output)
        try site.write(
            Self.brief(5, tags: Self.tags(for: 5), day: 5 % 27 + 1, body: "保管なし。"),
            to: "content/briefs/b5.md")
        let (_, rebuilt, rebuiltFresh) = try await buildBoth(site, output: output, cache: cache)
        #expect(rebuilt == rebuiltFresh)
        // That build went into an empty folder and kept none; the next body edit is a patch.
        #expect(!FileManager.default.fileExists(atPath: root + "/.public.sitegen-old"))
        for body in ["最初の編集。", "二度目の編集。"] {
            try site.write(
                Self.brief(5, tags: Self.tags(for: 5), day: 5 % 27 + 1, body: body),
                to: "content/briefs/b5.md")
            let (first, edited, editedFresh) = try await buildBoth(
                site, output: output, cache: cache)
            #expect(first.isBodyPatch, "\(body)")
            #expect(edited == editedFresh, "\(body)")
        }
        // A front matter edit takes the full path.
        try site.write(
            Self.brief(3, tags: Self.tags(for: 3), day: 3 % 27 + 1, extra: "title_en: New"),
            to: "content/briefs/b3.md")
        let (report, incremental, fresh) = try await buildBoth(site, output: output, cache: cache)
        #expect(!report.isBodyPatch)
        #expect(incremental == fresh)
    }

    @Test func aRetagRewritesOnlyThePagesThatShowIt() async throws {
        let site = try Self.makeSite(count: 24)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let options = BuildOptions(
            source: site.root, output: output, now: Fixture.now, cacheDirectory: root + "/cache")
        let first = try await SiteBuilder(options: options).build()
        let before = Self.snapshot(output)
        func modified(_ file: String) throws -> Date? {
            try FileManager.default.attributesOfItem(atPath: output + "/" + file)[.modificationDate]
                as? Date
        }
        var stamps: [String: Date] = [:]
        for file in before.keys { stamps[file] = try modified(file) }
        // Files keep their times only when not rewritten: wait for the clock to move on.
        try await Task.sleep(for: .milliseconds(20))
        try site.write(
            Self.brief(7, tags: ["retagged"], day: 7 % 27 + 1), to: "content/briefs/b7.md")
        let second = try await SiteBuilder(options: options).build()
        let after = Self.snapshot(output)
        var rewrittenBriefs = 0
        for (file, bytes) in after where before[file] == bytes && file != OutputWriter.marker {
            // The same bytes: a page that does not show the retag is left as it was.
            #expect(try modified(file) == stamps[file], "\(file) was rewritten unchanged")
        }
        for file in after.keys where file.hasPrefix("briefs/") && before[file] != after[file] {
            rewrittenBriefs += 1
        }
        // b7's page and the pages that list it as related or as a neighbour, not all 24.
        #expect(rewrittenBriefs > 1 && rewrittenBriefs < 24, "\(rewrittenBriefs) brief pages")
        #expect(second.filesWritten < first.fileCount / 2)
    }

    @Test func aBuildWithNothingChangedWritesNothing() async throws {
        let site = try Self.makeSite(count: 6)
        let root = (site.root as NSString).deletingLastPathComponent
        // Age the inputs so their stamps are trusted without reading them.
        let old = Date(timeIntervalSinceNow: -3600)
        for file in Fixture.files(under: site.root) {
            try FileManager.default.setAttributes(
                [.modificationDate: old], ofItemAtPath: site.root + "/" + file)
        }
        let options = BuildOptions(
            source: site.root, output: root + "/public", now: Fixture.now,
            cacheDirectory: root + "/cache")
        let first = try await SiteBuilder(options: options).build()
        #expect(!first.isUpToDate)
        let index = root + "/public/index.html"
        let before =
            try FileManager.default.attributesOfItem(atPath: index)[.modificationDate] as? Date
        let second = try await SiteBuilder(options: options).build()
        #expect(second.isUpToDate)
        #expect(second.filesWritten == 0)
        #expect(second.briefCount == first.briefCount && second.pageCount == first.pageCount)
        #expect(
            try FileManager.default.attributesOfItem(atPath: index)[.modificationDate] as? Date
                == before)
    }

    @Test func aBodyEditRewritesOnlyTheSearchFilesOfItsTerms() async throws {
        let site = try Self.makeSite(count: 40, search: true)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = root + "/cache"
        _ = try await buildBoth(site, output: output, cache: cache)
        // The second build leaves a kept folder for the patch to work in.
        _ = try await buildBoth(site, output: output, cache: cache)
        let before = Self.snapshot(output)
        try site.write(
            Self.brief(7, tags: Self.tags(for: 7), day: 8, body: "量子コンピュータの新しい本文。"),
            to: "content/briefs/b7.md")
        let (report, incremental, fresh) = try await buildBoth(
            site, output: output, cache: cache)
        #expect(incremental == fresh)
        // Patched: the index's files read back, not every brief tokenised again.
        #expect(report.isBodyPatch)
        let searchFiles = before.keys.filter { $0.hasPrefix("search/") }
        let changed = searchFiles.filter { before[$0] != incremental[$0] }
        #expect(changed.contains { $0.hasPrefix("search/d/") })
        #expect(changed.contains { $0.hasPrefix("search/t/") })
        #expect(!changed.contains("search/meta.json") && !changed.contains("search/index.html"))
        // The brief's page, its feeds (the site's two, its tags' and its source's), its result
        // chunk and the shards of the terms it gained or lost; nothing else.
        #expect(report.filesWritten == 6 + changed.count)
        #expect(changed.count < searchFiles.count / 2, "\(changed.count) of \(searchFiles.count)")
    }

    @Test func oneBodyChangeRewritesOnlyWhatShowsIt() async throws {
        let site = try Self.makeSite(count: 12)
        let root = (site.root as NSString).deletingLastPathComponent
        let options = BuildOptions(
            source: site.root, output: root + "/public", now: Fixture.now,
            cacheDirectory: root + "/cache")
        let first = try await SiteBuilder(options: options).build()
        try site.write(
            Self.brief(3, tags: Self.tags(for: 3), day: 4, body: "新しい本文。"),
            to: "content/briefs/b3.md")
        let second = try await SiteBuilder(options: options).build()
        // The brief's page, the site feeds (feed.xml, feed.json), its two tags' feeds and its
        // source's feed.
        #expect(
            second.filesWritten == 6, "rewrote \(second.filesWritten) of \(first.fileCount) files")
        #expect(try Fixture.read(root + "/public/briefs/b3/index.html").contains("新しい本文。"))
    }

    @Test func aFailedBodyPatchLeavesTheLiveSiteAndTheNextBuildRecovers() async throws {
        let site = try Self.makeSite(count: 8)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = root + "/cache"
        _ = try await buildBoth(site, output: output, cache: cache)
        _ = try await buildBoth(site, output: output, cache: cache)
        let before = Self.snapshot(output)
        try site.write(
            Self.brief(7, tags: Self.tags(for: 7), day: 8, body: "書けない本文。"),
            to: "content/briefs/b7.md")
        // Writing the brief's new page fails, after the kept folder has been partly updated.
        var failing = FileSystem.disk
        failing.write = { bytes, path in
            if path.hasSuffix("briefs/b7/index.html") {
                throw CocoaError(.fileWriteOutOfSpace)
            }
            try FileSystem.disk.write(bytes, path)
        }
        let options = BuildOptions(
            source: site.root, output: output, now: Fixture.now, cacheDirectory: cache)
        await #expect(throws: BuildFailure.self) {
            try await SiteBuilder(options: options, fileSystem: failing).build()
        }
        #expect(Self.snapshot(output) == before)
        let (_, incremental, fresh) = try await buildBoth(site, output: output, cache: cache)
        #expect(incremental == fresh)
        #expect(
            String(decoding: incremental["briefs/b7/index.html"] ?? Data(), as: UTF8.self)
                .contains("書けない本文。"))
    }

    @Test func aBodyEditThatBreaksTheFileIsReportedAndWritesNothing() async throws {
        let site = try Self.makeSite(count: 6)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = root + "/cache"
        _ = try await buildBoth(site, output: output, cache: cache)
        _ = try await buildBoth(site, output: output, cache: cache)
        let before = Self.snapshot(output)
        // The same front matter, and a body with a byte that is not UTF-8 on its third line.
        var bytes = Array(Self.brief(2, tags: Self.tags(for: 2), day: 3).utf8)
        bytes += Array("段落。\n\n壊れた".utf8) + [0xFF] + Array("行\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: site.root + "/content/briefs/b2.md"))
        let options = BuildOptions(
            source: site.root, output: output, now: Fixture.now, cacheDirectory: cache)
        do {
            _ = try await SiteBuilder(options: options).build()
            Issue.record("a brief that is not UTF-8 was built")
        } catch {
            let messages = error.errors.map(\.description)
            #expect(messages.count == 1)
            #expect(
                messages.first?.hasPrefix("content/briefs/b2.md:") == true
                    && messages.first?.contains(": error: file is not valid UTF-8") == true,
                "\(messages)")
            // path:line:column: the line and column are numbers.
            let parts = (messages.first ?? "").split(separator: ":")
            #expect(parts.count > 3 && Int(parts[1]) != nil && Int(parts[2]) != nil)
        }
        #expect(Self.snapshot(output) == before)
    }

    @Test func aDeletedOutputFolderIsRebuiltWhole() async throws {
        let site = try Self.makeSite(count: 8)
        let root = (site.root as NSString).deletingLastPathComponent
        _ = try await buildBoth(site, output: root + "/public", cache: root + "/cache")
        try FileManager.default.removeItem(atPath: root + "/public")
        try site.write(Self.brief(2, tags: ["別"], day: 3), to: "content/briefs/b2.md")
        let (_, incremental, fresh) = try await buildBoth(
            site, output: root + "/public", cache: root + "/cache")
        #expect(incremental == fresh)
    }

    @Test func aCorruptCacheIsIgnored() async throws {
        let site = try Self.makeSite(count: 4)
        let root = (site.root as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: root + "/cache", withIntermediateDirectories: true)
        try Data("SITEGEN-CACHE\ngarbage".utf8).write(
            to: URL(fileURLWithPath: root + "/cache/cache"))
        let options = BuildOptions(
            source: site.root, output: root + "/public", now: Fixture.now,
            cacheDirectory: root + "/cache")
        let (report, incremental, fresh) = try await buildBoth(
            site, output: root + "/public", cache: root + "/cache")
        _ = options
        #expect(report.briefCount == 4)
        #expect(incremental == fresh)
    }
}
