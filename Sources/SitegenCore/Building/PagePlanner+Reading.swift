import SitegenBase

/// The pages of the reading aids: the archive by year and month, and the sources.
///
/// Listing pages combine the card fingerprints of the briefs they show, as tag pages do, so a
/// retag or a new brief rewrites only the listings it changes.
extension PagePlanner {
    /// `/archive/`, each year's and each month's listing, `/sources/` and each source's listing.
    func readingPages(newest: Timestamp?) -> [Page] {
        var pages: [Page] = []
        let archive = site.reading.archive
        pages.append(
            Page(
                sitePath: Permalinks.archive, kind: .archiveIndex,
                fingerprint: fingerprint("archive") { f in
                    for year in archive.years {
                        for month in year.months {
                            f.combine(Int64(year.year * 100 + month.month))
                            f.combine(Int64(month.count))
                        }
                    }
                },
                isInSitemap: true, lastModified: newest))
        for (yearIndex, year) in archive.years.enumerated() {
            pages += listingPages(
                year.positions, label: "archive \(year.year)",
                kind: { .archive(yearIndex: yearIndex, monthIndex: nil, page: $0, pageCount: $1) },
                path: { Permalinks.archive(year: year.year, page: $0) })
            for (monthIndex, month) in year.months.enumerated() {
                pages += listingPages(
                    month.positions, label: "archive \(year.year)-\(month.month)",
                    kind: {
                        .archive(
                            yearIndex: yearIndex, monthIndex: monthIndex, page: $0, pageCount: $1)
                    },
                    path: { Permalinks.archive(year: year.year, month: month.month, page: $0) })
            }
        }
        let sources = site.reading.sources
        pages.append(
            Page(
                sitePath: Permalinks.sources, kind: .sourceIndex,
                fingerprint: fingerprint("sources") { f in
                    for entry in sources.entries {
                        f.combine(entry.key)
                        f.combine(entry.name)
                        f.combine(Int64(entry.count))
                    }
                },
                isInSitemap: true, lastModified: newest))
        for (index, entry) in sources.entries.enumerated() {
            pages += listingPages(
                entry.positions, label: "source \(entry.name)",
                kind: { .source(index, page: $0, pageCount: $1) },
                path: { Permalinks.source(entry.key, page: $0) })
        }
        return pages
    }

    /// The pages of one paginated listing of the briefs at `positions`.
    private func listingPages(
        _ positions: [Int], label: String, kind: (Int, Int) -> Page.Kind, path: (Int) -> String
    ) -> [Page] {
        let perPage = site.config.paginate
        let count = Pagination.pageCount(itemCount: positions.count, perPage: perPage)
        return (1...count).map { number in
            let range = Pagination.range(page: number, perPage: perPage, itemCount: positions.count)
            return Page(
                sitePath: path(number), kind: kind(number, count),
                fingerprint: fingerprint("\(label) \(number)/\(count)") { f in
                    f.combine(Int64(positions.count))
                    for position in positions[range] { f.combine(cardFingerprints[position]) }
                },
                isInSitemap: true,
                lastModified: number == 1
                    ? positions.first.map { site.articles[$0].updated ?? site.articles[$0].date }
                    : nil)
        }
    }

    /// Each source's Atom feed.
    func sourceFeeds(entries: ([Int]) -> (inout Fingerprint) -> Void) -> [Page] {
        site.reading.sources.entries.enumerated().map { index, entry in
            Page(
                sitePath: Permalinks.sourceFeed(entry.key), kind: .sourceFeed(index),
                fingerprint: contentFingerprint("source atom") { f in
                    f.combine(entry.name)
                    entries(Array(entry.positions.prefix(site.config.feedLimit)))(&f)
                },
                isInSitemap: false, lastModified: nil)
        }
    }

    /// What a brief's page shows of other briefs: the links to its related briefs and to its
    /// older and newer neighbours (what `BriefNeighbourhood.Link` holds, no more, so a retag
    /// rewrites a neighbour's page only when its related list changes), and its source's key.
    func neighbourhoodFingerprint(_ position: Int, into f: inout Fingerprint) {
        let articles = site.articles
        func combine(_ other: Int) {
            let article = articles[other]
            f.combine(article.slug)
            f.combine(article.title)
            f.combine(article.titleEN ?? "")
            f.combine(article.date.seconds)
            f.combine(article.source.name)
        }
        let related = site.reading.related
        if position < related.count { related[position].forEach(combine) }
        f.combine("|")
        if position + 1 < articles.count { combine(position + 1) }
        f.combine("|")
        if position > 0 { combine(position - 1) }
        if position < site.reading.sourceOfBrief.count,
            let source = site.reading.sourceOfBrief[position]
        {
            f.combine(site.reading.sources.entries[source].key)
        }
    }
}
