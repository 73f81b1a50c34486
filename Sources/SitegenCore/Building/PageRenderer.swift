import SitegenMustache
import SitegenSearch

/// Turns one planned page into bytes: the sixth stage, run for many pages at once.
///
/// Each page's template context is built here, on the core that renders it, and dropped as soon
/// as the page is written, so contexts never pile up in memory. Values several pages share are
/// prepared once beforehand: brief cards (for listings) and feed entries (for feeds).
///
/// A final class: the renderer is shared by every render task, and the closures that use it
/// (`map(card)`, a task's body) then retain one reference rather than copying a dozen fields.
final class PageRenderer: Sendable {
    let site: Site
    let context: TemplateContext
    let templates: Templates
    let feeds: FeedWriter
    /// Index in `site.articles` by slug.
    let positions: [String: Int]
    /// Cards by article index, prepared when listing pages or many brief pages are rendered.
    let cards: [TemplateValue]
    /// Whether the cards have every field, for brief pages to start from.
    let cardsAreWhole: Bool
    /// Links to briefs (related, older, newer) by article index, prepared when brief pages are
    /// rendered: each brief is linked from about seven pages.
    let links: [TemplateValue]
    /// Feed entries by article index, for the briefs in feeds being rendered (in memory, or in
    /// the build's spool).
    let entries: [Int: KeptEntry]
    /// Every planned page, for the sitemap.
    let pages: [Page]
    /// Renders the bodies of briefs taken from the build cache.
    let bodies: BodyStore?
    /// The search index's files, when search is on.
    let searchFiles: [KeptSearchFile]
    /// The positions in `site.articles` of each tag's briefs, by tag index, for the tags whose
    /// pages are rendered (empty for the others): a tag page's cards without a lookup by slug.
    let tagPositions: [[Int]]

    init(
        site: Site, context: TemplateContext, templates: Templates, feeds: FeedWriter,
        positions: [String: Int], cards: [TemplateValue], cardsAreWhole: Bool = true,
        links: [TemplateValue] = [],
        entries: [Int: KeptEntry], pages: [Page], bodies: BodyStore?,
        searchFiles: [KeptSearchFile] = [], tagPositions: [[Int]] = []
    ) {
        self.site = site
        self.context = context
        self.templates = templates
        self.feeds = feeds
        self.positions = positions
        self.cards = cards
        self.cardsAreWhole = cardsAreWhole
        self.links = links
        self.entries = entries
        self.pages = pages
        self.bodies = bodies
        self.searchFiles = searchFiles
        self.tagPositions = tagPositions
    }

    /// Appends the page's bytes to `output`.
    func render(_ page: Page, into output: inout [UInt8]) {
        switch page.kind {
        case .home(let number, let count):
            // Clamped: a SiteConfig made in code is not range-checked as site.yml is.
            let perPage = min(
                max(site.config.paginate, 1), SiteConfigLoader.paginateRange.upperBound)
            let range = (number - 1) * perPage..<min(number * perPage, site.articles.count)
            templates.render(
                "index",
                context: context.listing(
                    cards: range.map(card)[...], page: number, pageCount: count,
                    sitePath: page.sitePath,
                    pathForPage: { Permalinks.index(page: $0) }, title: nil, description: nil),
                into: &output)
        case .brief(let index):
            let linked = BriefNeighbourhood.positions(site: site, position: index)
            let article = site.articles[index]
            templates.render(
                "brief",
                context: context.briefPage(
                    article, card: cardFields(index),
                    neighbours: context.neighbourhoodFields(
                        related: linked.related.map(link), older: linked.older.map(link),
                        newer: linked.newer.map(link)),
                    sections: bodies?.pageSections(article)),
                into: &output)
        case .tagIndex:
            templates.render("tags", context: context.tagIndex(site.tags), into: &output)
        case .tag(let tagIndex, let number, let count):
            renderTag(
                tagIndex, page: number, pageCount: count, sitePath: page.sitePath, into: &output)
        case .standalone(let index):
            templates.render(
                "page", context: context.standalonePage(site.pages[index]), into: &output)
        case .notFound:
            templates.render("404", context: context.notFound(), into: &output)
        case .siteFeed, .jsonFeed, .tagFeed, .sourceFeed:
            if let layout = feeds.layout(of: page.kind, position: position) {
                output.append(
                    contentsOf: FeedWriter.assemble(
                        layout,
                        entries: layout.positions.map { entry($0).bytes(for: layout.format) }))
            }
        case .archiveIndex, .archive, .sourceIndex, .source:
            renderReading(page, into: &output)
        case .sitemap:
            output.append(
                contentsOf: SitemapWriter.sitemap(pages: pages, base: site.config.baseURL).bytes)
        case .robots:
            output.append(contentsOf: SitemapWriter.robots(base: site.config.baseURL).bytes)
        case .builtInStatic(let name):
            output.append(contentsOf: (DefaultTheme.staticFiles[name] ?? "").utf8)
        case .search(let layout):
            templates.render("search", context: context.searchPage(layout), into: &output)
        case .searchScript:
            output.append(contentsOf: DefaultTheme.searchScript.utf8)
        case .searchFile(let index):
            if searchFiles.indices.contains(index) {
                if let bytes = searchFiles[index].bytes(from: bodies?.spool) {
                    output.append(contentsOf: bytes)
                } else {
                    bodies?.noteUnreadable(page.file)
                }
            }
        }
    }

    private func position(_ article: Article) -> Int { positions[article.slug] ?? 0 }

    /// A brief's card: prepared once for all listings, or made here if it was not.
    func card(_ index: Int) -> TemplateValue {
        index < cards.count ? cards[index] : context.brief(site.articles[index], full: false)
    }

    /// A brief's prepared card as fields, for its page to start from; `nil` when cards were not
    /// prepared.
    func cardFields(_ index: Int) -> TemplateFields? {
        guard cardsAreWhole, index < cards.count, case .object(let fields) = cards[index] else {
            return nil
        }
        return fields
    }

    /// A brief as other pages link it: prepared once, or made here if it was not.
    func link(_ index: Int) -> TemplateValue {
        index < links.count
            ? links[index] : context.linkValue(BriefNeighbourhood.Link(site.articles[index]))
    }

    /// A brief's feed entry: prepared once for all feeds, or made here if it was not.
    func entry(_ index: Int) -> FeedWriter.Entry {
        entries[index]?.entry(from: bodies?.spool)
            ?? feeds.entry(bodies?.article(site.articles[index]) ?? site.articles[index])
    }

    private func renderTag(
        _ tagIndex: Int, page number: Int, pageCount: Int, sitePath: String,
        into output: inout [UInt8]
    ) {
        let listing = site.tags[tagIndex]
        let tag = listing.tag
        // Clamped: a SiteConfig made in code is not range-checked as site.yml is.
        let perPage = min(max(site.config.paginate, 1), SiteConfigLoader.paginateRange.upperBound)
        let start = (number - 1) * perPage
        let end = min(start + perPage, listing.articles.count)
        let slice =
            tagIndex < tagPositions.count && tagPositions[tagIndex].count == listing.articles.count
            ? tagPositions[tagIndex][start..<end].map(card)
            : listing.articles[start..<end].map { card(position($0)) }
        let tagValue: TemplateValue = [
            "name": .text(tag.name),
            "name_en": .optional(site.registry.entry(slug: tag.slug)?.en),
            "href": .text(context.href(Permalinks.tag(tag.slug))),
            "count": .text(String(listing.articles.count)),
            "feed_href": .text(context.href(Permalinks.tagFeed(tag.slug))),
            "feed_url": .text(context.url(Permalinks.tagFeed(tag.slug))),
        ]
        let value = context.listing(
            cards: slice[...], page: number, pageCount: pageCount, sitePath: sitePath,
            pathForPage: { Permalinks.tag(tag.slug, page: $0) }, title: tag.name,
            description: "\(tag.name) のブリーフ一覧 / Briefs tagged \(tag.name)",
            extra: ["tag": tagValue],
            pageExtra: [
                "feed_href": .text(context.href(Permalinks.tagFeed(tag.slug))),
                "feed_title": .text("\(site.config.title): \(tag.name)"),
            ])
        templates.render("tag", context: value, into: &output)
    }
}
