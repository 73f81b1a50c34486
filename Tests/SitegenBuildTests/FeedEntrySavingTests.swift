import Foundation
import SitegenBase
import Synchronization
import Testing

@testable import SitegenCore

/// The feed entry store written batch by batch (`FeedEntryStore.Saving`) and read back while
/// pages render (`FeedEntryReader`), and builds whose store cannot be written.
@Suite struct FeedEntrySavingTests {
    private static func entry(_ number: Int, json: Bool) -> FeedWriter.Entry {
        FeedWriter.Entry(
            atom: Array("<entry>\(number) \(String(repeating: "本文", count: number))</entry>".utf8),
            json: json ? Array("{\"id\": \(number)}".utf8) : [])
    }

    /// Entries added in several batches are saved as one save of them all would save them;
    /// the next save appends, and the reader gives back every entry, kept or new.
    @Test func batchesSaveWhatOneSaveWould() throws {
        let directory = try Fixture.temporaryDirectory("sitegen-feeds")
        let store = FeedEntryStore(directory: directory, fileSystem: .disk)
        let settings = Fingerprint()
        let layout = FeedEntryStore.Layout(
            file: "feed.xml", format: .atom, head: Array("<feed>".utf8), members: [0, 2, 4])
        let pending = (0..<1100).map { number in
            FeedEntryStore.Pending.fresh(
                key: UInt64(number), entry: Self.entry(number, json: number % 3 == 0))
        }
        let saving = try #require(store.beginSave(previous: nil, freshBytes: 0))
        for start in stride(from: 0, to: pending.count, by: 300) {
            saving.add(pending[start..<min(start + 300, pending.count)])
        }
        let batched = try #require(saving.finish(feeds: [layout], settings: settings, site: 7))
        let batchedBytes = try #require(FileManager.default.contents(atPath: store.path))
        let whole = try #require(
            store.save(pending, feeds: [layout], settings: settings, site: 7, previous: nil))
        #expect(FileManager.default.contents(atPath: store.path) == batchedBytes)
        #expect(batched.slots == whole.slots && batched.feeds == whole.feeds)

        // The next build keeps every other entry and makes the rest again.
        let previous = try #require(store.load())
        let next = previous.slots.enumerated().map { number, slot in
            number % 2 == 0
                ? FeedEntryStore.Pending.stored(slot)
                : .fresh(key: slot.key, entry: Self.entry(number + 5000, json: slot.json != nil))
        }
        let appending = try #require(store.beginSave(previous: previous, freshBytes: 100_000))
        #expect(appending.appendsAt == previous.fileSize)
        appending.add(next[...])
        let table = try #require(
            appending.finish(feeds: [layout], settings: settings, site: 8))
        #expect(store.load()?.slots == table.slots)
        let reader = try #require(
            FeedEntryReader(store: store, table: table, keptBelow: previous.fileSize))
        for number in table.slots.indices {
            let expected = Self.entry(
                number % 2 == 0 ? number : number + 5000, json: number % 3 == 0)
            #expect(reader.entry(number) == expected, "slot \(number)")
            #expect(reader.hasJSON(number) == (number % 3 == 0))
        }
    }

    /// A kept entry whose bytes were damaged after the save is not given out (the renderer
    /// makes it); one this build wrote is read as written.
    @Test func damagedKeptEntriesAreNotGivenOut() throws {
        let directory = try Fixture.temporaryDirectory("sitegen-feeds")
        let store = FeedEntryStore(directory: directory, fileSystem: .disk)
        let pending = (0..<4).map {
            FeedEntryStore.Pending.fresh(key: UInt64($0), entry: Self.entry($0, json: false))
        }
        let table = try #require(
            store.save(pending, feeds: [], settings: Fingerprint(), site: 1, previous: nil))
        var bytes = try #require(FileManager.default.contents(atPath: store.path))
        bytes[table.slots[1].atom.offset + 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: store.path))
        let kept = try #require(
            FeedEntryReader(store: store, table: table, keptBelow: table.fileSize))
        #expect(kept.entry(0) == Self.entry(0, json: false))
        #expect(kept.entry(1) == nil)
    }

    /// A file system on which the store's new file fails after `limit` bytes (0: at once).
    private static func failingStore(after limit: Int) -> FileSystem {
        final class Count: Sendable { let bytes = Mutex(0) }
        var fileSystem = FileSystem.disk
        fileSystem.create = { path in
            guard path.hasSuffix("/feeds.tmp") else { return try FileSystem.disk.create(path) }
            if limit == 0 { throw CocoaError(.fileWriteOutOfSpace) }
            let write = try FileSystem.disk.create(path)
            let count = Count()
            return { bytes in
                let total = count.bytes.withLock { total in
                    total += bytes?.count ?? 0
                    return total
                }
                if total > limit { throw CocoaError(.fileWriteOutOfSpace) }
                try write(bytes)
            }
        }
        return fileSystem
    }

    /// When the store cannot be written (at once, or part way through), the build still
    /// succeeds, equal to one from scratch, and leaves no store; the next build makes it.
    @Test(arguments: [0, 40])
    func aStoreThatCannotBeWrittenCostsOnlyRendering(limit: Int) async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        let root = (site.root as NSString).deletingLastPathComponent
        let cache = root + "/cache"
        let options = BuildOptions(
            source: site.root, output: root + "/public", now: Fixture.now, cacheDirectory: cache)
        _ = try await SiteBuilder(options: options, fileSystem: Self.failingStore(after: limit))
            .build()
        #expect(!FileManager.default.fileExists(atPath: cache + "/feeds"))
        #expect(!FileManager.default.fileExists(atPath: cache + "/feeds.tmp"))
        let fresh = try Fixture.temporaryDirectory("sitegen-fresh") + "/public"
        _ = try await SiteBuilder(
            options: BuildOptions(source: site.root, output: fresh, now: Fixture.now)
        ).build()
        let expected = IncrementalBuildTests.snapshot(fresh)
        #expect(IncrementalBuildTests.snapshot(root + "/public") == expected)
        try site.write(
            IncrementalBuildTests.brief(
                3, tags: IncrementalBuildTests.tags(for: 3), day: 4, extra: "title_en: Again"),
            to: "content/briefs/b3.md")
        _ = try await SiteBuilder(options: options).build()
        #expect(FileManager.default.fileExists(atPath: cache + "/feeds"))
        let again = try Fixture.temporaryDirectory("sitegen-fresh") + "/public"
        _ = try await SiteBuilder(
            options: BuildOptions(source: site.root, output: again, now: Fixture.now)
        ).build()
        #expect(
            IncrementalBuildTests.snapshot(root + "/public")
                == IncrementalBuildTests.snapshot(again))
    }
}
