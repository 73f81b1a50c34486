/// Decides every HTML page of the site: the fifth stage of the pipeline.
///
/// Listing pages slice precomputed brief cards, so a brief's card is built once however many
/// listings show it, and no page's work grows with the size of the site.
public struct PagePlanner: Sendable {
    let site: Site
    let context: TemplateContext

    /// Creates a planner for a site.
    public init(site: Site) {
        self.site = site
        self.context = TemplateContext(config: site.config, pages: site.pages)
    }

    /// Every HTML page, in a fixed order.
    public func plan() -> [Page] {
        var pages: [Page] = []
        let cards = Dictionary(
            uniqueKeysWithValues: site.articles.map { ($0.slug, context.brief($0, full: false)) })
        let newest = site.articles.first.map { $0.updated ?? $0.date }
        pages += listingPages(
            articles: site.articles, cards: cards, basePath: { Permalinks.index(page: $0) },
            title: nil, description: nil, template: "index", lastModified: newest)
        for article in site.articles {
            pages.append(
                Page(
                    sitePath: Permalinks.brief(article.slug), template: "brief",
                    context: context.briefPage(article), isInSitemap: true,
                    lastModified: article.updated ?? article.date))
        }
        pages.append(
            Page(sitePath: Permalinks.tags, template: "tags", context: context.tagIndex(site.tags),
                 isInSitemap: true, lastModified: newest))
        for listing in site.tags {
            let tag = listing.tag
            let tagValue: TemplateValue = [
                "name": .text(tag.name),
                "href": .text(context.href(Permalinks.tag(tag.slug))),
                "count": .text(String(listing.articles.count)),
                "feed_href": .text(context.href(Permalinks.tagFeed(tag.slug))),
                "feed_url": .text(context.url(Permalinks.tagFeed(tag.slug))),
            ]
            pages += listingPages(
                articles: listing.articles, cards: cards, basePath: { Permalinks.tag(tag.slug, page: $0) },
                title: "\(tag.name)", description: "Briefs tagged \(tag.name)", template: "tag",
                lastModified: listing.articles.first.map { $0.updated ?? $0.date },
                extra: ["tag": tagValue],
                pageExtra: [
                    "feed_href": .text(context.href(Permalinks.tagFeed(tag.slug))),
                    "feed_title": .text("\(site.config.title): \(tag.name)"),
                ])
        }
        for page in site.pages {
            pages.append(
                Page(sitePath: Permalinks.page(page.slug), template: "page",
                     context: context.standalonePage(page), isInSitemap: true, lastModified: nil))
        }
        pages.append(
            Page(sitePath: "404.html", template: "404", context: context.notFound(),
                 isInSitemap: false, lastModified: nil))
        return pages
    }

    private func listingPages(
        articles: [Article], cards: [String: TemplateValue], basePath: @escaping (Int) -> String,
        title: String?, description: String?, template: String, lastModified: Timestamp?,
        extra: [String: TemplateValue] = [:], pageExtra: [String: TemplateValue] = [:]
    ) -> [Page] {
        let perPage = site.config.paginate
        let pageCount = max(1, (articles.count + perPage - 1) / perPage)
        let listed = articles.map { cards[$0.slug] ?? .none }
        return (1...pageCount).map { number in
            let start = (number - 1) * perPage
            let slice = listed[start..<min(start + perPage, listed.count)]
            return Page(
                sitePath: basePath(number), template: template,
                context: context.listing(
                    cards: slice, page: number, pageCount: pageCount, sitePath: basePath(number),
                    pathForPage: basePath, title: title, description: description, extra: extra,
                    pageExtra: pageExtra),
                isInSitemap: true, lastModified: number == 1 ? lastModified : nil)
        }
    }
}
