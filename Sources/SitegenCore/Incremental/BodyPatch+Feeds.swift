import SitegenBase

/// The feeds of a body patch, made again from the entries the cache keeps (`FeedEntryStore`).
extension BodyPatch {
    /// The feeds (`files`, as the edited briefs' records name them) made again with the edited
    /// briefs' new entries; the store gets those entries. `nil` when the store does not describe
    /// this site or disagrees with the records (the full path then runs).
    func patchFeeds(
        _ edited: [(record: BuildCache.BriefRecord, article: Article, contentHash: UInt64)],
        writer: FeedWriter, files: Set<String>
    ) -> [(file: String, bytes: [UInt8])]? {
        if files.isEmpty { return [] }
        guard let directory = builder.options.cacheDirectory else { return nil }
        let store = FeedEntryStore(directory: directory, fileSystem: builder.fileSystem)
        let settings = scan.feedSettings(baseURL: builder.options.baseURL)
        let site = FeedEntryStore.siteKey(
            siteFingerprint: index.siteFingerprint, otherInputs: index.otherInputs,
            briefs: index.records.map { ($0.path, $0.frontMatterHash) })
        guard let table = store.load(), table.settings == settings.value, table.site == site
        else { return nil }
        // Each edited brief's slot (found by its old key) gets its new entry.
        let numbers = table.slotNumbers()
        var replaced: [Int: (key: UInt64, entry: FeedWriter.Entry)] = [:]
        for (record, article, contentHash) in edited {
            let old = FeedEntryStore.key(
                settings: settings, path: record.path, contentHash: record.contentHash,
                tags: record.shownTags)
            guard let number = numbers[old] else { continue }
            replaced[number] = (
                FeedEntryStore.key(
                    settings: settings, path: record.path, contentHash: contentHash,
                    tags: record.shownTags),
                writer.entry(article, json: table.slots[number].json != nil)
            )
        }
        let affected = table.feeds.filter { feed in
            feed.members.contains { replaced[$0] != nil }
        }
        // The records and the store must name the same feeds.
        guard Set(affected.map(\.file)) == files else { return nil }
        var patched: [(file: String, bytes: [UInt8])] = []
        for feed in affected {
            let kept = feed.members.filter { replaced[$0] == nil }
            guard let read = store.entries(kept.map { table.slots[$0] }, format: feed.format)
            else { return nil }
            var stored = Dictionary(zip(kept, read), uniquingKeysWith: { first, _ in first })
            for (number, new) in replaced { stored[number] = new.entry.bytes(for: feed.format) }
            patched.append(
                (
                    feed.file,
                    FeedWriter.assemble(
                        FeedWriter.Layout(format: feed.format, head: feed.head, positions: []),
                        entries: feed.members.map { stored[$0] ?? [] })
                ))
        }
        // Written ahead of the output: entries are right under their keys whatever happens to
        // the output, and the layouts are those of the same site.
        let pending = table.slots.enumerated().map { number, slot -> FeedEntryStore.Pending in
            replaced[number].map { .fresh(key: $0.key, entry: $0.entry) } ?? .stored(slot)
        }
        guard
            store.save(
                pending, feeds: table.feeds, settings: settings, site: site, previous: table)
                != nil
        else { return nil }
        return patched
    }
}
