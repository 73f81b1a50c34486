/// Everything the planner needs: the configuration, the briefs in listing order, the tags and pages.
public struct Site: Sendable {
    /// The settings.
    public let config: SiteConfig
    /// The briefs that are published, newest first, then by slug.
    public let articles: [Article]
    /// Every tag with its briefs (in listing order), sorted by slug.
    public let tags: [TagListing]
    /// Standalone pages, sorted by slug.
    public let pages: [StandalonePage]
    /// The build's "now", which also dates the site-wide feeds when they are empty.
    public let now: Timestamp
    /// The tag registry from `tags.yml` (English names of registered tags).
    public let registry: TagRegistry
    /// Archive months, sources and related briefs (see `ReadingIndex`).
    public let reading: ReadingIndex

    /// Creates a site and works out its archive, sources and related briefs.
    public init(
        config: SiteConfig, articles: [Article], tags: [TagListing], pages: [StandalonePage],
        now: Timestamp, registry: TagRegistry = .empty
    ) {
        self.config = config
        self.articles = articles
        self.tags = tags
        self.pages = pages
        self.now = now
        self.registry = registry
        reading = ReadingIndex(config: config, articles: articles, tags: tags)
    }

    private init(_ site: Site, articles: [Article]) {
        config = site.config
        self.articles = articles
        tags = site.tags
        pages = site.pages
        now = site.now
        registry = site.registry
        reading = site.reading
    }

    /// The same site with each brief replaced by a version of itself in the same place (its
    /// body rendered, say); tags and reading aids are kept as they are.
    func replacing(articles: [Article]) -> Site {
        precondition(articles.count == self.articles.count, "the same briefs, in the same order")
        return Site(self, articles: articles)
    }

    /// Each brief's index in `articles`, by slug.
    var positions: [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(articles.count)
        for (index, article) in articles.enumerated() { positions[article.slug] = index }
        return positions
    }

    /// A tag and the briefs that carry it.
    public struct TagListing: Sendable {
        /// The tag, spelled as in the newest brief that carries it.
        public let tag: Tag
        /// Briefs with the tag, newest first.
        public let articles: [Article]
    }
}
