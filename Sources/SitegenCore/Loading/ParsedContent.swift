/// A content file as read from disk: its path relative to the site root, and its bytes.
public struct SourceFile: Sendable, Equatable {
    /// Relative to the site root, with `/` separators: `content/briefs/2026/a.md`.
    public let path: String
    /// The raw bytes.
    public let bytes: [UInt8]

    /// Creates a source file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// A body section before Markdown rendering.
public struct MarkdownSection: Sendable, Equatable {
    /// The language code.
    public let language: String
    /// The Markdown text.
    public let markdown: String
}

/// What a content file says, checked and typed, with its body still in Markdown.
public enum ParsedContent: Sendable {
    /// A brief from `content/briefs/`.
    case brief(ParsedBrief)
    /// A standalone page from `content/pages/`.
    case page(ParsedPage)
}

/// A brief's checked front matter and its Markdown sections.
///
/// A class, immutable: a brief passes through several arrays on its way to the site, and a
/// reference is copied with one retain where a struct of many strings and arrays takes many.
public final class ParsedBrief: Sendable {
    public let sourcePath: String
    /// The front-matter fields.
    public let fields: BriefFields
    /// The line of the `slug` key, or of the opening fence when the slug comes from the file name.
    public let slugLine: Int
    public let sections: [MarkdownSection]
    /// A hash of the front matter text and where it starts: every field is read from it, so two
    /// versions of a file with equal hashes differ at most in their bodies.
    public let frontMatterHash: UInt64

    public var slug: String { fields.slug }
    public var title: String { fields.title }
    public var titleEN: String? { fields.titleEN }
    public var date: Timestamp { fields.date }
    public var updated: Timestamp? { fields.updated }
    public var source: ArticleSource { fields.source }
    public var tags: [Tag] { fields.tags }
    public var summary: [String] { fields.summary }
    public var summaryEN: [String] { fields.summaryEN }
    public var isGenerated: Bool { fields.isGenerated }
    public var isDraft: Bool { fields.isDraft }
    public var language: String { fields.language }

    public convenience init(
        sourcePath: String, slug: String, slugLine: Int, title: String, titleEN: String?,
        date: Timestamp, updated: Timestamp?, source: ArticleSource, tags: [Tag],
        summary: [String], summaryEN: [String], isGenerated: Bool, isDraft: Bool,
        language: String, sections: [MarkdownSection], frontMatterHash: UInt64 = 0
    ) {
        self.init(
            sourcePath: sourcePath,
            fields: BriefFields(
                title: title, titleEN: titleEN, date: date, updated: updated, source: source,
                tags: tags, summary: summary, summaryEN: summaryEN, isGenerated: isGenerated,
                isDraft: isDraft, slug: slug, language: language),
            slugLine: slugLine, sections: sections, frontMatterHash: frontMatterHash)
    }

    /// Creates a brief from its fields.
    public init(
        sourcePath: String, fields: BriefFields, slugLine: Int, sections: [MarkdownSection],
        frontMatterHash: UInt64 = 0
    ) {
        self.sourcePath = sourcePath
        self.fields = fields
        self.slugLine = slugLine
        self.sections = sections
        self.frontMatterHash = frontMatterHash
    }

    /// The same brief without its Markdown, as the cache keeps it.
    var withoutMarkdown: ParsedBrief {
        if sections.isEmpty { return self }
        return ParsedBrief(
            sourcePath: sourcePath, fields: fields, slugLine: slugLine, sections: [],
            frontMatterHash: frontMatterHash)
    }

    /// The brief with sections that may still be encoded in the build cache.
    func article(sectionList: SectionList) -> Article {
        Article(sourcePath: sourcePath, fields: fields, sectionList: sectionList)
    }

    /// The brief with its sections rendered.
    func article(sections rendered: [Section]) -> Article {
        Article(sourcePath: sourcePath, fields: fields, sectionList: SectionList(rendered))
    }
}

/// A standalone page's checked front matter and its Markdown sections.
public struct ParsedPage: Sendable {
    public let sourcePath: String
    public let slug: String
    public let slugLine: Int
    public let title: String
    public let description: String?
    public let isDraft: Bool
    public let language: String
    public let sections: [MarkdownSection]

    func page(sections rendered: [Section]) -> StandalonePage {
        StandalonePage(
            sourcePath: sourcePath, slug: slug, title: title, description: description,
            isDraft: isDraft, language: language, sections: rendered)
    }
}
