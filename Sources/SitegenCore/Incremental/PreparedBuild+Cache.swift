import SitegenBase

/// What a finished build leaves in the cache for the next one.
extension PreparedBuild {
    /// What the next build needs to know.
    func cacheRecord(output: String, report: BuildReport, manifests: OutputWriter.Manifests)
        -> BuildCache
    {
        return BuildCache(
            siteFingerprint: siteFingerprint, output: output, entries: [:],
            manifest: manifests.live,
            keptManifest: manifests.kept,
            inputs: inputsFingerprint, nextRelease: heldBack.map(\.date.seconds).min(),
            builtAt: startedAt,
            summary: BuildCache.Summary(
                briefs: report.briefCount, tags: report.tagCount, pages: report.pageCount,
                files: report.fileCount,
                heldBack: report.heldBack, drafts: report.draftsSkipped),
            warnings: warnings, otherInputs: otherInputsFingerprint
        ).with(records: briefRecords)
    }

    /// Every brief's front matter for the next build's cache (the `briefs` file).
    func cacheEntries() -> [String: BuildCache.Entry] {
        var entries: [String: BuildCache.Entry] = [:]
        entries.reserveCapacity(selection.briefs.count + selection.heldBack.count)
        for brief in selection.briefs + selection.heldBack + selection.drafts {
            guard let stamp = stamps[brief.sourcePath],
                let contentHash = contentHashes[brief.sourcePath]
            else { continue }
            entries[brief.sourcePath] = BuildCache.Entry(
                stamp: stamp, contentHash: contentHash, brief: brief.withoutMarkdown,
                warnings: freshWarnings[brief.sourcePath] ?? cached[brief.sourcePath]?.warnings
                    ?? [])
        }
        return entries
    }

    /// The briefs the cache keeps a record of (drafts and held-back ones included), sorted by
    /// path as the records are.
    func recordedBriefs() -> [ParsedBrief] {
        (selection.briefs + selection.heldBack + selection.drafts).filter {
            stamps[$0.sourcePath] != nil && contentHashes[$0.sourcePath] != nil
        }.sorted { $0.sourcePath < $1.sourcePath }
    }

    /// Every brief's record for the quick path of the next build: the pages and feeds that carry
    /// its body, and its tags as shown.
    func briefRecords(rows: [String: Int]) -> [BuildCache.BriefRecord] {
        var carriers = [[Int]](repeating: [], count: site.articles.count)
        var positions: [String: Int] = [:]
        positions.reserveCapacity(site.articles.count)
        for (index, article) in site.articles.enumerated() { positions[article.slug] = index }
        let limit = min(max(0, config.feedLimit), site.articles.count)
        for page in pages {
            switch page.kind {
            case .brief(let index): carriers[index].append(rows[page.file] ?? -1)
            case .siteFeed, .jsonFeed:
                let row = rows[page.file] ?? -1
                for index in 0..<limit { carriers[index].append(row) }
            case .tagFeed(let tag):
                let row = rows[page.file] ?? -1
                for article in site.tags[tag].articles.prefix(max(0, config.feedLimit)) {
                    if let index = positions[article.slug] { carriers[index].append(row) }
                }
            case .sourceFeed(let source):
                let row = rows[page.file] ?? -1
                for index in site.reading.sources.entries[source].positions.prefix(limit) {
                    carriers[index].append(row)
                }
            default: break
            }
        }
        var shown: [String: Int] = [:]
        for (index, article) in site.articles.enumerated() { shown[article.sourcePath] = index }
        // Records are numbered in path order; a brief page's neighbours are kept as numbers.
        let kept = recordedBriefs()
        var numberOfPosition = [Int](repeating: 0, count: site.articles.count)
        for (number, brief) in kept.enumerated() {
            if let position = shown[brief.sourcePath] { numberOfPosition[position] = number }
        }
        var records: [BuildCache.BriefRecord] = []
        records.reserveCapacity(kept.count)
        for brief in kept {
            guard let stamp = stamps[brief.sourcePath],
                let contentHash = contentHashes[brief.sourcePath]
            else { continue }
            let index = shown[brief.sourcePath]
            let neighbours = index.map { position -> [Int] in
                let linked = BriefNeighbourhood.positions(site: site, position: position)
                return BriefNeighbourhood.encoded(
                    related: linked.related, older: linked.older, newer: linked.newer,
                    number: { numberOfPosition[$0] })
            }
            records.append(
                BuildCache.BriefRecord(
                    path: brief.sourcePath, stamp: stamp, contentHash: contentHash,
                    frontMatterHash: brief.frontMatterHash,
                    shownTags: index.map { site.articles[$0].tags.map(\.name) } ?? [],
                    carriers: index.map { carriers[$0] } ?? [],
                    link: index.map { BriefNeighbourhood.Link(site.articles[$0]).encoded } ?? [],
                    neighbours: neighbours ?? []))
        }
        return records
    }
}
