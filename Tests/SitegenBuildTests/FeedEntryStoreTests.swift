import Foundation
import Testing

@testable import SitegenCore

/// Feeds on rebuilds come from the entries the cache keeps (`.sitegen/feeds`), never from the
/// written feeds: whatever happens to either, every rebuild equals a build from scratch.
@Suite struct FeedEntryStoreTests {
    /// Builds with the cache, then from scratch, and compares; after the first build each step
    /// also edits the newest brief's body, which a body patch takes.
    private func build(_ site: TemporarySite, step: String) async throws -> BuildReport {
        let root = (site.root as NSString).deletingLastPathComponent
        let (report, incremental, fresh) = try await IncrementalBuildTests().buildBoth(
            site, output: root + "/public", cache: root + "/cache")
        #expect(incremental.keys.sorted() == fresh.keys.sorted(), "\(step): file lists differ")
        for (path, bytes) in fresh where incremental[path] != bytes {
            Issue.record("\(step): \(path) differs from a build from scratch")
        }
        return report
    }

    private func editNewest(_ site: TemporarySite, _ body: String) throws {
        try site.write(
            IncrementalBuildTests.brief(
                11, tags: IncrementalBuildTests.tags(for: 11), day: 12, body: body),
            to: "content/briefs/b11.md")
    }

    /// Each setting that shows in entries (base URL, disclaimer, language, tags' English names,
    /// feed length) makes the kept entries stale; the body patch that follows uses the new ones.
    @Test func settingsThatShowInEntriesReplaceThem() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        _ = try await build(site, step: "first")
        let base = "title: T\ntimezone: Asia/Tokyo\npaginate: 3\n"
        let variants: [(file: String, text: String)] = [
            ("site.yml", base + "base_url: https://example.org/sub/\n"),
            (
                "site.yml",
                base + "base_url: https://example.org/sub/\ndisclaimer: '{source} を AI が要約'\n"
            ),
            ("site.yml", base + "base_url: https://example.org/sub/\nlanguage: en\n"),
            ("tags.yml", "t1:\n  en: Tee one\n"),
            ("site.yml", base + "base_url: https://example.org/sub/\nfeed_limit: 2\n"),
        ]
        for (step, variant) in variants.enumerated() {
            try site.write(variant.text, to: variant.file)
            let full = try await build(site, step: "\(variant.file) \(step)")
            #expect(!full.isBodyPatch)
            try editNewest(site, "設定 \(step) の後の本文。")
            let patched = try await build(site, step: "body edit after \(variant.file) \(step)")
            #expect(patched.isBodyPatch, "step \(step)")
        }
    }

    /// `site.yml` settings that do not show in entries (title, description, author, pagination,
    /// feed length) keep every entry: the rebuild's feeds are made from the entries the last
    /// build stored, none rendered again; a disclaimer change renders each again.
    @Test func settingsThatDoNotShowInEntriesKeepThem() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        let root = (site.root as NSString).deletingLastPathComponent
        let store = FeedEntryStore(directory: root + "/cache", fileSystem: .disk)
        _ = try await build(site, step: "first")
        let first = try #require(store.load())
        let config = IncrementalBuildTests.siteConfig(title: "Other", paginate: 4, search: false)
        try site.write(config + "description: D\nauthor: A\nfeed_limit: 7\n", to: "site.yml")
        let report = try await build(site, step: "title")
        #expect(!report.isBodyPatch)
        let kept = try #require(store.load())
        let pieces = Dictionary(
            first.slots.map { ($0.key, $0.atom) }, uniquingKeysWith: { a, _ in a })
        #expect(!kept.slots.isEmpty)
        #expect(kept.slots.allSatisfy { pieces[$0.key] == $0.atom })

        try site.write(config + "disclaimer: '{source} を AI が要約'\n", to: "site.yml")
        _ = try await build(site, step: "disclaimer")
        let redone = try #require(store.load())
        #expect(!redone.slots.isEmpty)
        #expect(redone.slots.allSatisfy { pieces[$0.key] == nil })
    }

    /// A body patch makes each feed that carries the brief whole from kept entries: a live feed
    /// that is not what the last build wrote does not leak into the new one.
    @Test func aBodyPatchDoesNotReadTheWrittenFeeds() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        let root = (site.root as NSString).deletingLastPathComponent
        _ = try await build(site, step: "first")
        _ = try await build(site, step: "second")
        // Replaced, not rewritten in place: the kept folder may share the file.
        let feed = root + "/public/feed.xml"
        try FileManager.default.removeItem(atPath: feed)
        try Data("<feed>not what sitegen wrote</feed>\n".utf8).write(
            to: URL(fileURLWithPath: feed))
        try editNewest(site, "新しい本文。")
        let report = try await build(site, step: "body edit")
        #expect(report.isBodyPatch)
    }

    /// Flipped bytes or a cut anywhere in the store cost entries rendered again (or a full
    /// build), never a wrong feed; a missing store is made again.
    @Test func aDamagedOrMissingStoreNeverGivesAWrongFeed() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        let root = (site.root as NSString).deletingLastPathComponent
        let store = root + "/cache/feeds"
        _ = try await build(site, step: "first")
        _ = try await build(site, step: "second")
        var runs = 0
        for part in 0...12 {
            for truncate in [false, true] {
                // The store as the last build left it, damaged at one of thirteen places.
                let good = try #require(FileManager.default.contents(atPath: store))
                let offset = min(part * good.count / 12, good.count - 1)
                var damaged = good
                if truncate {
                    damaged = damaged.prefix(offset)
                } else {
                    damaged[offset] ^= 0x5A
                }
                try damaged.write(to: URL(fileURLWithPath: store))
                try editNewest(site, "壊れた保存の後 \(offset) \(truncate)。")
                _ = try await build(site, step: "\(truncate ? "cut" : "flipped") at \(offset)")
                // A front matter edit: a full build, whose feeds carry kept entries.
                try site.write(
                    IncrementalBuildTests.brief(
                        10, tags: IncrementalBuildTests.tags(for: 10), day: 11,
                        extra: "title_en: Run \(runs)"), to: "content/briefs/b10.md")
                _ = try await build(site, step: "front matter after damage at \(offset)")
                runs += 1
            }
        }
        try FileManager.default.removeItem(atPath: store)
        try editNewest(site, "保存なし。")
        _ = try await build(site, step: "without the store")
        #expect(FileManager.default.fileExists(atPath: store))
        #expect(runs >= 20)
    }
}
