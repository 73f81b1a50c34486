import SitegenBase
import SitegenMustache

/// What the pages of phase 7 share, prepared once before they are rendered.
extension PreparedBuild {
    /// Feed entries kept from earlier builds: given briefs (positions in `site.articles`) and
    /// those whose JSON Feed item is wanted too, the entries it has. (The build cache's
    /// `FeedEntryStore` supplies them.)
    typealias FeedEntrySource =
        @Sendable (_ positions: [Int], _ json: Set<Int>) -> [Int: KeptEntry]

    /// Prepares what the pages to render share: cards for listings, entries for feeds (read
    /// from `stored` where it has them, rendered otherwise).
    func renderer(for dirty: [Page], stored: FeedEntrySource? = nil) async -> PageRenderer {
        let site = self.site
        let context = feedContext()
        let feeds = FeedWriter(site: site, context: context)
        // Briefs by slug (made for every call, on one core): only tag pages and feeds need it.
        let needsPositions = dirty.contains { page in
            if case .tag = page.kind { return true }
            return page.kind.isFeed
        }
        let positions = needsPositions ? site.positions : [:]
        var needsCards = false
        var briefPages = 0
        var inFeeds: Set<Int> = []
        var inJSON: Set<Int> = []
        var tagPositions: [[Int]] = []
        for page in dirty {
            switch page.kind {
            case .tag(let tagIndex, _, _):
                needsCards = true
                if tagPositions.isEmpty {
                    tagPositions = Array(repeating: [], count: site.tags.count)
                }
                if tagIndex < site.tags.count && tagPositions[tagIndex].isEmpty {
                    tagPositions[tagIndex] = site.tags[tagIndex].articles.map {
                        positions[$0.slug] ?? 0
                    }
                }
            case .home, .archive, .source: needsCards = true
            case .brief: briefPages += 1
            default:
                guard
                    let layout = feeds.layout(of: page.kind, position: { positions[$0.slug] ?? 0 })
                else { continue }
                inFeeds.formUnion(layout.positions)
                if layout.format == .json { inJSON.formUnion(layout.positions) }
            }
        }
        let templates = self.templates
        // Each brief page links about seven briefs and starts from its card's fields: with
        // many of them to render, links and card fields are made once for every brief.
        let manyBriefPages = briefPages * 8 > site.articles.count
        // A large site's cards keep only what listings show (`BuildOptions.largeSiteBriefs`).
        let keeping =
            site.articles.count > options.largeSiteBriefs ? templates.listingCardFields : nil
        // (A large site's brief pages do not start from cards: they need none.)
        let cards =
            needsCards || (manyBriefPages && keeping == nil)
            ? await ParallelMap.map(site.articles) { article in
                Self.card(
                    context.cardFields(article), context: context, templates: templates,
                    keeping: keeping)
            } : []
        var entries = stored?(inFeeds.sorted(), inJSON) ?? [:]
        let bodies = self.bodies
        let spool = bodies?.spool
        let json = inJSON
        // Each entry goes to the spool as soon as it is made (when the build has one), so the
        // entries of a large site's feeds do not pile up in memory.
        let rendered = await ParallelMap.map(inFeeds.filter { entries[$0] == nil }.sorted()) {
            index -> (Int, KeptEntry) in
            let entry = feeds.entry(
                bodies?.article(site.articles[index]) ?? site.articles[index],
                json: json.contains(index))
            return (index, spool?.append(entry) ?? .inMemory(entry))
        }
        for (index, entry) in rendered { entries[index] = entry }
        let links =
            manyBriefPages
            ? await ParallelMap.map(site.articles) { article in
                context.linkValue(BriefNeighbourhood.Link(article))
            } : []
        return PageRenderer(
            site: site, context: context, templates: templates, feeds: feeds, positions: positions,
            cards: cards, cardsAreWhole: keeping == nil, links: links, entries: entries,
            pages: pages, bodies: bodies,
            searchFiles: searchFiles, tagPositions: tagPositions)
    }

    /// The template context feeds are written with (their disclaimers and tag links).
    func feedContext() -> TemplateContext {
        TemplateContext(config: config, pages: site.pages).withRegistry(site.registry)
            .withTagLinks(for: site.tags.map(\.tag))
    }

    /// A brief's card for listings: its fields and, when the theme has `partials/brief-card`,
    /// that partial rendered once as `card_html`, so listing pages, where every brief appears
    /// several times (home, each of its tags), need not render it again. With `keeping`, the
    /// card has only those of its fields (and `card_html`); the partial still sees them all.
    static func card(
        _ fields: consuming TemplateFields, context: TemplateContext, templates: Templates,
        keeping: Set<String>? = nil
    ) -> TemplateValue {
        guard templates.contains("partials/brief-card") else {
            if let keeping { return .object(fields.keeping(keeping)) }
            return .object(fields)
        }
        var bytes: [UInt8] = []
        // The card's fields over the site's: the partial sees both, as within a listing.
        templates.render(
            "partials/brief-card", layers: [context.siteScope, .object(fields)], into: &bytes)
        // Every card is held until the pages are written: room for exactly one more field
        // (appending would double the fields' storage).
        var card = fields
        if let keeping { card = card.keeping(keeping) }
        card.reserveCapacity(adding: 1)
        card.append("card_html", .text(String(decoding: bytes, as: UTF8.self)))
        return .object(card)
    }
}
