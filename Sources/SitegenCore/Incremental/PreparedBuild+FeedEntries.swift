import SitegenBase
import Synchronization

/// Keeping feed entries for the next build (`FeedEntryStore`).
extension PreparedBuild {
    /// The key of a brief's feed entry in this build.
    func feedEntryKey(_ article: Article) -> UInt64 {
        FeedEntryStore.key(
            settings: feedSettings, path: article.sourcePath,
            contentHash: contentHashes[article.sourcePath] ?? 0,
            tags: article.tags.map(\.name))
    }

    /// Before the pages render: brings `store` up to this build's feeds. Every brief a feed
    /// carries gets an entry: kept when the store has one with its key, rendered otherwise; the
    /// feeds' layouts are saved with them. Returns where the renderer reads entries from, or `nil`
    /// when the store could not be written (the renderer then renders every entry it needs).
    func saveFeedEntries(in store: FeedEntryStore) async -> FeedEntrySource? {
        let previous = store.load()
        let site = self.site
        let feeds = FeedWriter(site: site, context: feedContext())
        let positions = site.positions
        var layouts: [(file: String, layout: FeedWriter.Layout)] = []
        // Each brief any feed carries, and whether `feed.json` does.
        var carried: [Int: Bool] = [:]
        for page in pages {
            guard
                let layout = feeds.layout(of: page.kind, position: { positions[$0.slug] ?? 0 })
            else { continue }
            layouts.append((page.file, layout))
            for position in layout.positions {
                carried[position] = carried[position] == true || layout.format == .json
            }
        }
        let numbers = previous?.slotNumbers() ?? [:]
        let carriedPositions = carried.keys.sorted()
        var pending: [FeedEntryStore.Pending?] = []
        pending.reserveCapacity(carriedPositions.count)
        var slotNumber: [Int: Int] = [:]
        var missing: [(number: Int, position: Int, key: UInt64)] = []
        for position in carriedPositions {
            let key = feedEntryKey(site.articles[position])
            slotNumber[position] = pending.count
            if let number = numbers[key], let slot = previous?.slots[number],
                slot.json != nil || carried[position] != true
            {
                pending.append(.stored(slot))
            } else {
                missing.append((pending.count, position, key))
                pending.append(nil)
            }
        }
        let bodies = self.bodies
        let inJSON = carried
        let rendered = await ParallelMap.map(missing) { item in
            FeedEntryStore.Pending.fresh(
                key: item.key,
                entry: feeds.entry(
                    bodies?.article(site.articles[item.position]) ?? site.articles[item.position],
                    json: inJSON[item.position] == true))
        }
        for (item, entry) in zip(missing, rendered) { pending[item.number] = entry }
        let table = store.save(
            pending.compactMap { $0 },
            feeds: layouts.map { file, layout in
                FeedEntryStore.Layout(
                    file: file, format: layout.format, head: layout.head,
                    members: layout.positions.map { slotNumber[$0] ?? 0 })
            }, settings: feedSettings,
            site: FeedEntryStore.siteKey(
                siteFingerprint: siteFingerprint, otherInputs: otherInputsFingerprint,
                briefs: recordedBriefs().map { ($0.sourcePath, $0.frontMatterHash) }),
            previous: previous)
        guard let table, table.slots.count == carriedPositions.count else { return nil }
        var slots: [Int: FeedEntryStore.Slot] = [:]
        slots.reserveCapacity(carriedPositions.count)
        for (number, position) in carriedPositions.enumerated() {
            slots[position] = table.slots[number]
        }
        var fresh: [Int: FeedWriter.Entry] = [:]
        fresh.reserveCapacity(missing.count)
        for (item, entry) in zip(missing, rendered) {
            if case .fresh(_, let entry) = entry { fresh[item.position] = entry }
        }
        let supply = FeedEntrySupply(store: store, slots: slots, fresh: fresh)
        return { positions, json in supply.entries(positions, json: json) }
    }
}

/// The feed entries of one build for its renderer: those rendered before the pages are handed
/// over once (not read back from the store just written), the rest read from the store.
final class FeedEntrySupply: Sendable {
    let store: FeedEntryStore
    let slots: [Int: FeedEntryStore.Slot]
    private let fresh: Mutex<[Int: FeedWriter.Entry]>

    init(store: FeedEntryStore, slots: [Int: FeedEntryStore.Slot], fresh: [Int: FeedWriter.Entry]) {
        self.store = store
        self.slots = slots
        self.fresh = Mutex(fresh)
    }

    /// The entries of `positions` (with JSON items for those in `json`) that it has.
    func entries(_ positions: [Int], json: Set<Int>) -> [Int: FeedWriter.Entry] {
        var entries = fresh.withLock { fresh in
            var taken: [Int: FeedWriter.Entry] = [:]
            for position in positions {
                if let entry = fresh.removeValue(forKey: position) { taken[position] = entry }
            }
            return taken
        }
        let stored = store.entries(
            of: positions.compactMap { position in
                entries[position] == nil
                    ? slots[position].map { (position, $0, json.contains(position)) } : nil
            })
        entries.merge(stored) { first, _ in first }
        return entries.filter { !json.contains($0.key) || !$0.value.json.isEmpty }
    }
}

extension FeedEntryStore {
    /// The entries of slots (with their JSON items where asked), read in batches; an entry that
    /// cannot be read, or lacks a JSON item asked for, is left out (the renderer makes it).
    func entries(of slots: [(position: Int, slot: Slot, json: Bool)]) -> [Int: FeedWriter.Entry] {
        var entries: [Int: FeedWriter.Entry] = [:]
        entries.reserveCapacity(slots.count)
        var start = 0
        while start < slots.count {
            let batch = slots[start..<min(start + 256, slots.count)].filter {
                !$0.json || $0.slot.json != nil
            }
            start += 256
            var pieces: [Piece] = []
            for item in batch {
                pieces.append(item.slot.atom)
                if item.json, let json = item.slot.json { pieces.append(json) }
            }
            guard let bytes = read(pieces) else { continue }
            var index = 0
            for item in batch {
                let atom = bytes[index]
                index += 1
                var json: [UInt8] = []
                if item.json {
                    json = bytes[index]
                    index += 1
                }
                entries[item.position] = FeedWriter.Entry(atom: atom, json: json)
            }
        }
        return entries
    }
}
