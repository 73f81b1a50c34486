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

    /// A tag and the briefs that carry it.
    public struct TagListing: Sendable {
        /// The tag, spelled as in the newest brief that carries it.
        public let tag: Tag
        /// Briefs with the tag, newest first.
        public let articles: [Article]
    }
}
