import SitegenBase

/// Decides every output file of the site and what each depends on: the fifth stage.
///
/// Planning builds no template context: it lists pages with a fingerprint of their inputs, so a
/// rebuild renders only pages whose fingerprint changed. No page's planning grows with the size
/// of the site; listing pages combine the card fingerprints of the briefs they show.
public struct PagePlanner: Sendable {
    let site: Site
    /// A hash of what every page depends on (version, configuration, templates, options).
    let siteFingerprint: Fingerprint
    /// The same without the templates: for the files made without them (feeds, the sitemap,
    /// robots.txt), which a template change leaves as they are.
    let contentFingerprint: Fingerprint
    /// Per brief (same order as `site.articles`): everything its page depends on.
    let articleFingerprints: [Fingerprint]
    /// Per brief: what its card in a listing depends on (no body).
    let cardFingerprints: [Fingerprint]
    /// Per standalone page: its content.
    let pageFingerprints: [Fingerprint]

    /// Creates a planner. Without fingerprints (a build that keeps no cache) every page gets the
    /// site fingerprint alone.
    public init(
        site: Site, siteFingerprint: Fingerprint = Fingerprint(),
        contentFingerprint: Fingerprint? = nil, articleFingerprints: [Fingerprint]? = nil,
        cardFingerprints: [Fingerprint]? = nil, pageFingerprints: [Fingerprint]? = nil
    ) {
        self.site = site
        self.siteFingerprint = siteFingerprint
        self.contentFingerprint = contentFingerprint ?? siteFingerprint
        self.articleFingerprints =
            articleFingerprints ?? Array(repeating: Fingerprint(), count: site.articles.count)
        self.cardFingerprints =
            cardFingerprints ?? Array(repeating: Fingerprint(), count: site.articles.count)
        self.pageFingerprints =
            pageFingerprints ?? Array(repeating: Fingerprint(), count: site.pages.count)
    }

    func fingerprint(_ label: String, _ parts: (inout Fingerprint) -> Void = { _ in })
        -> Fingerprint
    {
        Self.fingerprint(from: siteFingerprint, label, parts)
    }

    /// `fingerprint` for a file made without templates.
    func contentFingerprint(_ label: String, _ parts: (inout Fingerprint) -> Void = { _ in })
        -> Fingerprint
    {
        Self.fingerprint(from: contentFingerprint, label, parts)
    }

    private static func fingerprint(
        from base: Fingerprint, _ label: String, _ parts: (inout Fingerprint) -> Void
    ) -> Fingerprint {
        var fingerprint = base
        fingerprint.combine(label)
        parts(&fingerprint)
        return fingerprint
    }

    /// Every output file, in a fixed order: HTML pages, then feeds, the sitemap and robots.txt.
    public func plan() -> [Page] {
        var pages: [Page] = []
        // Clamped: a SiteConfig made in code is not range-checked as site.yml is.
        let perPage = min(max(site.config.paginate, 1), SiteConfigLoader.paginateRange.upperBound)
        let newest = site.articles.first.map { $0.updated ?? $0.date }
        let index = Dictionary(
            uniqueKeysWithValues: site.articles.enumerated().map { ($1.slug, $0) })

        let homeCount = Pagination.pageCount(itemCount: site.articles.count, perPage: perPage)
        for number in 1...homeCount {
            let range = (number - 1) * perPage..<min(number * perPage, site.articles.count)
            pages.append(
                Page(
                    sitePath: Permalinks.index(page: number),
                    kind: .home(page: number, pageCount: homeCount),
                    fingerprint: fingerprint("home \(number)/\(homeCount)") { f in
                        for position in range { f.combine(cardFingerprints[position]) }
                    },
                    isInSitemap: true, lastModified: number == 1 ? newest : nil))
        }
        // A brief page's fingerprint looks at its neighbours' and related briefs' fields: the
        // largest part of planning, and independent per brief (so is the rest of its page).
        let articles = site.articles
        pages += ChunkedMap.map(count: articles.count) { range in
            range.map { position in
                let article = articles[position]
                return Page(
                    sitePath: Permalinks.brief(article.slug), kind: .brief(position),
                    fingerprint: fingerprint("brief") { f in
                        f.combine(articleFingerprints[position])
                        neighbourhoodFingerprint(position, into: &f)
                    },
                    isInSitemap: true, lastModified: article.updated ?? article.date)
            }
        }
        pages.append(
            Page(
                sitePath: Permalinks.tags, kind: .tagIndex,
                fingerprint: fingerprint("tags") { f in
                    for listing in site.tags {
                        f.combine(listing.tag.name)
                        f.combine(site.registry.entry(slug: listing.tag.slug)?.en ?? "")
                        f.combine(listing.tag.slug)
                        f.combine(Int64(listing.articles.count))
                    }
                },
                isInSitemap: true, lastModified: newest))
        // Each tag's briefs by position, for its pages and its feed.
        let taggedPositions = site.tags.map { listing in
            listing.articles.map { index[$0.slug] ?? 0 }
        }
        for (tagIndex, listing) in site.tags.enumerated() {
            let tagged = taggedPositions[tagIndex]
            let count = max(1, (tagged.count + perPage - 1) / perPage)
            for number in 1...count {
                let range = (number - 1) * perPage..<min(number * perPage, tagged.count)
                pages.append(
                    Page(
                        sitePath: Permalinks.tag(listing.tag.slug, page: number),
                        kind: .tag(tagIndex, page: number, pageCount: count),
                        fingerprint: fingerprint("tag \(number)/\(count)") { f in
                            f.combine(listing.tag.name)
                            f.combine(Int64(tagged.count))
                            for position in range { f.combine(cardFingerprints[tagged[position]]) }
                        },
                        isInSitemap: true,
                        lastModified: number == 1
                            ? listing.articles.first.map { $0.updated ?? $0.date } : nil))
            }
        }
        pages += readingPages(newest: newest)
        for (position, page) in site.pages.enumerated() {
            pages.append(
                Page(
                    sitePath: Permalinks.page(page.slug), kind: .standalone(position),
                    fingerprint: fingerprint("page") { $0.combine(pageFingerprints[position]) },
                    isInSitemap: true, lastModified: nil))
        }
        pages.append(
            Page(
                sitePath: "404.html", kind: .notFound, fingerprint: fingerprint("404"),
                isInSitemap: false, lastModified: nil))
        pages += feeds(taggedPositions: taggedPositions)
        pages.append(
            Page(
                sitePath: "sitemap.xml", kind: .sitemap,
                fingerprint: contentFingerprint("sitemap") { f in
                    for page in pages where page.isInSitemap {
                        f.combine(page.sitePath)
                        f.combine(page.lastModified?.seconds ?? 0)
                    }
                },
                isInSitemap: false, lastModified: nil))
        return pages
    }

    /// `taggedPositions` are each tag's briefs, by position in `site.articles`.
    private func feeds(taggedPositions: [[Int]]) -> [Page] {
        let limit = max(0, site.config.feedLimit)
        func entries(_ positions: [Int]) -> (inout Fingerprint) -> Void {
            { f in
                for position in positions { f.combine(articleFingerprints[position]) }
                // An empty feed is dated "now".
                if positions.isEmpty { f.combine(site.now.seconds) }
            }
        }
        let newest = Array(0..<min(limit, site.articles.count))
        var pages = [
            Page(
                sitePath: "feed.xml", kind: .siteFeed,
                fingerprint: contentFingerprint("atom", entries(newest)),
                isInSitemap: false, lastModified: nil),
            Page(
                sitePath: "feed.json", kind: .jsonFeed,
                fingerprint: contentFingerprint("json", entries(newest)),
                isInSitemap: false, lastModified: nil),
        ]
        for (tagIndex, listing) in site.tags.enumerated() {
            let positions = Array(taggedPositions[tagIndex].prefix(limit))
            pages.append(
                Page(
                    sitePath: Permalinks.tagFeed(listing.tag.slug), kind: .tagFeed(tagIndex),
                    fingerprint: contentFingerprint("tag atom") { f in
                        f.combine(listing.tag.name)
                        entries(positions)(&f)
                    },
                    isInSitemap: false, lastModified: nil))
        }
        pages += sourceFeeds(entries: entries)
        pages.append(
            Page(
                sitePath: "robots.txt", kind: .robots, fingerprint: contentFingerprint("robots"),
                isInSitemap: false, lastModified: nil))
        return pages
    }
}
