/// One page to index, as the site describes it: the search engine knows nothing of sites.
public struct SearchDocument: Sendable, Equatable {
    /// A piece of text in one language.
    public struct Text: Sendable, Equatable {
        /// The language code (`ja`, `en`).
        public var language: String
        /// Plain text (no markup).
        public var text: String

        /// Creates a piece of text.
        public init(language: String, text: String) {
            self.language = language
            self.text = text
        }
    }

    /// A stable key (the slug): orders documents of the same date.
    public var key: String
    /// Where the result links to (root-relative).
    public var url: String
    /// The title in the document's language.
    public var title: String
    /// The English title, when there is one.
    public var titleEN: String?
    /// The date as shown in results (`2026-04-28`).
    public var shownDate: String
    /// The date for ordering: newer documents win ties.
    public var dateValue: Int64
    /// The source's name (filters and results), empty for pages without one.
    public var source: String
    /// Tags as shown.
    public var tags: [String]
    /// Key points, each in its language.
    public var summaries: [Text]
    /// The body, one entry per language section.
    public var sections: [Text]

    /// Creates a document.
    public init(
        key: String, url: String, title: String, titleEN: String?, shownDate: String,
        dateValue: Int64, source: String, tags: [String], summaries: [Text], sections: [Text]
    ) {
        self.key = key
        self.url = url
        self.title = title
        self.titleEN = titleEN
        self.shownDate = shownDate
        self.dateValue = dateValue
        self.source = source
        self.tags = tags
        self.summaries = summaries
        self.sections = sections
    }

    /// How much an occurrence counts, by field.
    public enum Weight {
        public static let title = 12
        public static let tag = 10
        public static let summary = 6
        public static let body = 1
        /// Body occurrences of one term count at most this much together.
        public static let bodyCap = 5
        /// A document's score for one term is at most this.
        public static let cap = 250
    }
}

/// A file of the index: its path inside the index folder and its bytes.
public struct SearchIndexFile: Sendable, Equatable {
    /// Relative path: `meta.json`, `t/12.bin`, `d/3.json`.
    public var path: String
    /// The contents.
    public var bytes: [UInt8]
}
