/// What the reading aids of a site need beside its briefs and tags: archive months, sources, and
/// each brief's related briefs.
///
/// Made once per build when the site is assembled, from values only (no disk, no templates).
/// Positions are indices in `Site.articles` (newest first).
public struct ReadingIndex: Sendable {
    /// Briefs by month in the site's timezone.
    public let archive: Archive
    /// Briefs by source host.
    public let sources: SourceDirectory
    /// Per brief, the index of its source in `sources.entries` (`nil` for a host with no key).
    public let sourceOfBrief: [Int?]
    /// Per brief, its related briefs, best first.
    public let related: RelatedTable

    /// Works out the index of `articles` with `tags` (each listing's briefs newest first).
    public init(config: SiteConfig, articles: [Article], tags: [Site.TagListing]) {
        archive = Archive(dates: articles.map(\.date.seconds), timeZone: config.timeZone)
        sources = SourceDirectory(sources: articles.map { ($0.source.host, $0.source.name) })
        let sourceOfBrief = sources.entryIndices(count: articles.count)
        self.sourceOfBrief = sourceOfBrief
        var tagNumbers: [String: Int] = [:]
        for (index, listing) in tags.enumerated() { tagNumbers[listing.tag.slug] = index }
        related = RelatedTable(
            RelatedBriefs(
                briefs: articles.enumerated().map { position, article in
                    RelatedBriefs.Brief(
                        tags: article.tags.compactMap { tagNumbers[$0.slug] },
                        source: sourceOfBrief[position], seconds: article.date.seconds)
                }
            ).positions)
    }
}

/// Every brief's related briefs in one flat list, `RelatedBriefs.limit` slots a brief: a list
/// of its own for each of 100,000 briefs would be 8 MB of small arrays, held to the last page.
public struct RelatedTable: Sendable {
    /// Positions, a brief's slots in a row; -1 fills an unused slot.
    private let slots: [Int32]
    /// How many briefs there are.
    public let count: Int

    /// Packs each brief's related positions (at most `RelatedBriefs.limit` each).
    init(_ lists: [[Int]]) {
        var slots = [Int32](repeating: -1, count: lists.count * RelatedBriefs.limit)
        for (row, list) in lists.enumerated() {
            for (column, position) in list.prefix(RelatedBriefs.limit).enumerated() {
                slots[row * RelatedBriefs.limit + column] = Int32(truncatingIfNeeded: position)
            }
        }
        self.slots = slots
        count = lists.count
    }

    /// The related briefs of the brief at `position`, best first.
    public subscript(position: Int) -> [Int] {
        let row = slots[position * RelatedBriefs.limit..<(position + 1) * RelatedBriefs.limit]
        return row.prefix { $0 >= 0 }.map(Int.init)
    }
}
