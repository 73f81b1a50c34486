/// One brief: metadata from front matter and its body sections rendered to HTML.
public struct Article: Sendable, Equatable {
    /// The content file, relative to the site root.
    public let sourcePath: String
    /// The URL segment under `/briefs/`.
    public let slug: String
    /// The title in the brief's language (Japanese).
    public let title: String
    /// The English title, when given.
    public let titleEN: String?
    /// When the brief was published.
    public let date: Timestamp
    /// When it was last changed, when given.
    public let updated: Timestamp?
    /// The article the brief summarises.
    public let source: ArticleSource
    /// Tags in first-seen order, one per slug.
    public let tags: [Tag]
    /// Key points in the brief's language.
    public let summary: [String]
    /// Key points in English.
    public let summaryEN: [String]
    /// Whether the AI disclaimer is shown.
    public let isGenerated: Bool
    /// Drafts are built only with `--drafts`.
    public let isDraft: Bool
    /// The language of the title, summary and the body before the first marker.
    public let language: String
    /// The body, one entry per language section.
    public let sections: [Section]

    /// The same brief with its tags replaced (used to show every tag in its one spelling).
    func with(tags: [Tag]) -> Article {
        Article(
            sourcePath: sourcePath, slug: slug, title: title, titleEN: titleEN, date: date,
            updated: updated, source: source, tags: tags, summary: summary, summaryEN: summaryEN,
            isGenerated: isGenerated, isDraft: isDraft, language: language, sections: sections)
    }

    /// The publication date for ordering: newest first, then slug.
    static func isListedBefore(_ a: Article, _ b: Article) -> Bool {
        a.date.seconds != b.date.seconds ? a.date.seconds > b.date.seconds : a.slug < b.slug
    }
}

/// The original article a brief is tied to.
public struct ArticleSource: Sendable, Equatable {
    /// The absolute http(s) URL.
    public let url: String
    /// The label: the front matter's `name`, or the URL's host.
    public let name: String
    /// The URL's host, e.g. `openai.com`.
    public let host: String
}

/// A part of a body in one language, rendered to HTML.
public struct Section: Sendable, Equatable {
    /// The language code, e.g. `en`.
    public let language: String
    /// The rendered HTML (root-relative links already under the base path).
    public let html: String
}

/// A standalone page from `content/pages/`, such as the about page.
public struct StandalonePage: Sendable, Equatable {
    /// The content file, relative to the site root.
    public let sourcePath: String
    /// The URL segment: the page is served at `/<slug>/`.
    public let slug: String
    /// The page title.
    public let title: String
    /// An optional one-line description.
    public let description: String?
    /// Whether the page is a draft.
    public let isDraft: Bool
    /// The page language.
    public let language: String
    /// The body sections.
    public let sections: [Section]
}
