import SitegenBase

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
    /// feeds' layouts are saved with them. New entries are rendered and appended a batch at a
    /// time, so at most a batch is held in memory. Returns where the renderer reads entries from
    /// (the store, just written), or `nil` when the store could not be written (the renderer
    /// then renders every entry it needs).
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
        // The size of the new entries, guessed from the kept ones', decides whether the file
        // is appended to or written again.
        let averageSize = previous.map { $0.liveBytes / max($0.slots.count, 1) } ?? 0
        guard
            let saving = store.beginSave(
                previous: previous, freshBytes: missing.count * averageSize)
        else { return nil }
        let bodies = self.bodies
        let inJSON = carried
        var start = 0
        var nextMissing = 0
        while start < pending.count {
            let end = min(start + Self.feedEntryBatch, pending.count)
            var batchEnd = nextMissing
            while batchEnd < missing.count, missing[batchEnd].number < end { batchEnd += 1 }
            let batch = Array(missing[nextMissing..<batchEnd])
            let rendered = await ParallelMap.mapChunks(count: batch.count, chunkSize: 16) {
                range in
                batch[range].map { item in
                    FeedEntryStore.Pending.fresh(
                        key: item.key,
                        entry: feeds.entry(
                            bodies?.article(site.articles[item.position])
                                ?? site.articles[item.position],
                            json: inJSON[item.position] == true))
                }
            }.flatMap { $0 }
            for (item, entry) in zip(missing[nextMissing..<batchEnd], rendered) {
                pending[item.number] = entry
            }
            saving.add(pending[start..<end].compactMap { $0 }[...])
            // Written: only the slot is kept.
            for number in start..<end { pending[number] = nil }
            nextMissing = batchEnd
            start = end
        }
        let table = saving.finish(
            feeds: layouts.map { file, layout in
                FeedEntryStore.Layout(
                    file: file, format: layout.format, head: layout.head,
                    members: layout.positions.map { slotNumber[$0] ?? 0 })
            }, settings: feedSettings,
            site: FeedEntryStore.siteKey(
                siteFingerprint: siteFingerprint, otherInputs: otherInputsFingerprint,
                briefs: recordedBriefs().map { ($0.sourcePath, $0.frontMatterHash) }))
        guard let table, table.slots.count == carriedPositions.count,
            let reader = FeedEntryReader(
                store: store, table: table, keptBelow: saving.appendsAt ?? 0)
        else { return nil }
        var slots: [Int: Int] = [:]
        slots.reserveCapacity(carriedPositions.count)
        for (number, position) in carriedPositions.enumerated() { slots[position] = number }
        return { [slots] positions, json in
            var entries: [Int: KeptEntry] = [:]
            entries.reserveCapacity(positions.count)
            for position in positions {
                // One without the JSON item asked for is left to the renderer.
                guard let number = slots[position],
                    !json.contains(position) || reader.hasJSON(number)
                else { continue }
                entries[position] = .stored(reader, slot: number)
            }
            return entries
        }
    }

    /// How many entries are rendered and written at a time: a few megabytes.
    static let feedEntryBatch = 512
}

/// The store's entries while the pages render, read through one open descriptor (so a later
/// build's rename cannot swap the file underneath). Entries written by this build are read back
/// as written; those kept from an earlier build are checked against their checksums.
final class FeedEntryReader: Sendable {
    private let descriptor: Int32
    private let slots: [FeedEntryStore.Slot]
    /// Slots whose bytes this build did not write (checked when read).
    private let isKept: [Bool]

    /// A reader of the store `table` describes, whose bytes before `keptBelow` an earlier build
    /// wrote; `nil` when the file cannot be opened.
    init?(store: FeedEntryStore, table: FeedEntryStore.Table, keptBelow: Int) {
        guard let descriptor = Platform.openForReading(store.path) else { return nil }
        self.descriptor = descriptor
        slots = table.slots
        isKept = table.slots.map { $0.atom.offset < keptBelow }
    }

    deinit { Platform.close(descriptor) }

    func hasJSON(_ slot: Int) -> Bool { slots[slot].json != nil }

    /// A slot's entry; `nil` when it cannot be read or fails its check.
    func entry(_ slot: Int) -> FeedWriter.Entry? {
        let pieces = slots[slot]
        guard let atom = read(pieces.atom, check: isKept[slot]) else { return nil }
        guard let json = pieces.json else { return FeedWriter.Entry(atom: atom, json: []) }
        return read(json, check: isKept[slot]).map { FeedWriter.Entry(atom: atom, json: $0) }
    }

    private func read(_ piece: FeedEntryStore.Piece, check: Bool) -> [UInt8]? {
        guard let bytes = Platform.read(piece.count, from: descriptor, at: piece.offset),
            !check || Fingerprint.ofContents(bytes) == piece.checksum
        else { return nil }
        return bytes
    }
}
