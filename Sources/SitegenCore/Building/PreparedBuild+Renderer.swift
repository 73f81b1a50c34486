import SitegenBase
import SitegenMustache

/// What the pages of phase 7 share, prepared once before they are rendered.
extension PreparedBuild {
    /// Prepares what the pages to render share: cards for listings, entries for feeds.
    func renderer(for dirty: [Page]) async -> PageRenderer {
        let site = self.site
        let context = TemplateContext(config: config, pages: site.pages).withRegistry(
            site.registry
        ).withTagLinks(for: site.tags.map(\.tag))
        let feeds = FeedWriter(site: site, context: context)
        var positions: [String: Int] = [:]
        positions.reserveCapacity(site.articles.count)
        for (index, article) in site.articles.enumerated() { positions[article.slug] = index }
        var needsCards = false
        var briefPages = 0
        var inFeeds: Set<Int> = []
        let limit = max(0, config.feedLimit)
        for page in dirty {
            switch page.kind {
            case .home, .tag, .archive, .source: needsCards = true
            case .brief: briefPages += 1
            case .siteFeed, .jsonFeed: inFeeds.formUnion(0..<min(limit, site.articles.count))
            case .sourceFeed(let source):
                inFeeds.formUnion(site.reading.sources.entries[source].positions.prefix(limit))
            case .tagFeed(let tag):
                for article in site.tags[tag].articles.prefix(limit) {
                    inFeeds.insert(positions[article.slug] ?? 0)
                }
            default: break
            }
        }
        let templates = self.templates
        // Each brief page links about seven briefs and starts from its card's fields: with
        // many of them to render, links and card fields are made once for every brief.
        let manyBriefPages = briefPages * 8 > site.articles.count
        let cards =
            needsCards || manyBriefPages
            ? await ParallelMap.map(site.articles) { article in
                Self.card(context.cardFields(article), context: context, templates: templates)
            } : []
        // Only the JSON Feed shows entries' HTML apart from their Atom text: keep it for its briefs.
        let jsonCount = min(limit, site.articles.count)
        let rendered = await ParallelMap.map(inFeeds.sorted()) { index in
            let entry = feeds.entry(site.articles[index])
            return (
                index, index < jsonCount ? entry : FeedWriter.Entry(atom: entry.atom, content: "")
            )
        }
        var renderer = PageRenderer(
            site: site, context: context, templates: templates, feeds: feeds, positions: positions,
            cards: cards, entries: Dictionary(uniqueKeysWithValues: rendered), pages: pages)
        renderer.searchFiles = searchFiles
        if manyBriefPages {
            renderer.links = await ParallelMap.map(site.articles) { article in
                context.linkValue(BriefNeighbourhood.Link(article))
            }
        }
        return renderer
    }

    /// A brief's card for listings: its fields and, when the theme has `partials/brief-card`,
    /// that partial rendered once as `card_html`, so listing pages, where every brief appears
    /// several times (home, each of its tags), need not render it again.
    static func card(_ fields: TemplateFields, context: TemplateContext, templates: Templates)
        -> TemplateValue
    {
        let card = TemplateValue.object(fields)
        guard templates.contains("partials/brief-card") else { return card }
        var fields = fields
        var bytes: [UInt8] = []
        // The card's fields over the site's: the partial sees both, as within a listing.
        templates.render(
            "partials/brief-card", layers: [context.siteScope, card], into: &bytes)
        fields.append("card_html", .text(String(decoding: bytes, as: UTF8.self)))
        return .object(fields)
    }
}
