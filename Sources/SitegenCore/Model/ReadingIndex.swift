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
    public let related: [[Int]]

    /// Works out the index of `articles` with `tags` (each listing's briefs newest first).
    public init(config: SiteConfig, articles: [Article], tags: [Site.TagListing]) {
        archive = Archive(dates: articles.map(\.date.seconds), timeZone: config.timeZone)
        sources = SourceDirectory(sources: articles.map { ($0.source.host, $0.source.name) })
        let sourceOfBrief = sources.entryIndices(count: articles.count)
        self.sourceOfBrief = sourceOfBrief
        var tagNumbers: [String: Int] = [:]
        for (index, listing) in tags.enumerated() { tagNumbers[listing.tag.slug] = index }
        related =
            RelatedBriefs(
                briefs: articles.enumerated().map { position, article in
                    RelatedBriefs.Brief(
                        tags: article.tags.compactMap { tagNumbers[$0.slug] },
                        source: sourceOfBrief[position], seconds: article.date.seconds)
                }
            ).positions
    }
}
