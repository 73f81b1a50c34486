import Synchronization

/// One brief: metadata from front matter and its body sections rendered to HTML.
///
/// The fields live in one shared, immutable box: briefs are sorted, listed under every tag and
/// carried through every stage, and copying a box is one reference count instead of one per field.
public struct Article: Sendable, Equatable {
    private final class Storage: Sendable {
        let sourcePath: String
        let fields: BriefFields
        let sections: SectionList

        init(sourcePath: String, fields: BriefFields, sections: SectionList) {
            self.sourcePath = sourcePath
            self.fields = fields
            self.sections = sections
        }
    }

    private let storage: Storage

    /// Creates a brief.
    public init(
        sourcePath: String, slug: String, title: String, titleEN: String?, date: Timestamp,
        updated: Timestamp?, source: ArticleSource, tags: [Tag], summary: [String],
        summaryEN: [String],
        isGenerated: Bool, isDraft: Bool, language: String, sections: [Section]
    ) {
        self.init(
            sourcePath: sourcePath,
            fields: BriefFields(
                title: title, titleEN: titleEN, date: date, updated: updated, source: source,
                tags: tags, summary: summary, summaryEN: summaryEN, isGenerated: isGenerated,
                isDraft: isDraft, slug: slug, language: language),
            sectionList: SectionList(sections))
    }

    /// Creates a brief whose sections may still be encoded in the build cache.
    init(sourcePath: String, fields: BriefFields, sectionList sections: SectionList) {
        storage = Storage(sourcePath: sourcePath, fields: fields, sections: sections)
    }

    /// The content file, relative to the site root.
    public var sourcePath: String { storage.sourcePath }
    /// The front-matter fields.
    public var fields: BriefFields { storage.fields }
    /// The URL segment under `/briefs/`.
    public var slug: String { storage.fields.slug }
    /// The title in the brief's language (Japanese).
    public var title: String { storage.fields.title }
    /// The English title, when given.
    public var titleEN: String? { storage.fields.titleEN }
    /// When the brief was published.
    public var date: Timestamp { storage.fields.date }
    /// When it was last changed, when given.
    public var updated: Timestamp? { storage.fields.updated }
    /// The article the brief summarises.
    public var source: ArticleSource { storage.fields.source }
    /// Tags in first-seen order, one per slug.
    public var tags: [Tag] { storage.fields.tags }
    /// Key points in the brief's language.
    public var summary: [String] { storage.fields.summary }
    /// Key points in English.
    public var summaryEN: [String] { storage.fields.summaryEN }
    /// Whether the AI disclaimer is shown.
    public var isGenerated: Bool { storage.fields.isGenerated }
    /// Drafts are built only with `--drafts`.
    public var isDraft: Bool { storage.fields.isDraft }
    /// The language of the title, summary and the body before the first marker.
    public var language: String { storage.fields.language }
    /// The body, one entry per language section.
    public var sections: [Section] { storage.sections.sections }

    /// The body as stored: decoded only when a page that shows it is rendered.
    var sectionList: SectionList { storage.sections }

    public static func == (a: Article, b: Article) -> Bool {
        a.storage === b.storage
            || (a.sourcePath == b.sourcePath && a.fields == b.fields
                && a.sectionList == b.sectionList)
    }

    /// The same brief with its body rendered.
    func with(sections: [Section]) -> Article {
        Article(sourcePath: sourcePath, fields: fields, sectionList: SectionList(sections))
    }

    /// The same brief with its tags replaced (used to show every tag in its one spelling).
    func with(tags: [Tag]) -> Article {
        var fields = self.fields
        fields.tags = tags
        return Article(sourcePath: sourcePath, fields: fields, sectionList: sectionList)
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

/// A brief's rendered sections: in hand, or still in its file.
///
/// The build cache keeps no bodies: a rebuild takes thousands of briefs from the cache but shows
/// the bodies of only a few (the changed briefs' pages and the feed entries made again), which
/// the renderer's `BodyStore` reads and renders from their (unchanged) files when a page needs
/// them. A model value never reads the disk: until then the sections are empty.
///
/// A body can also be on its way (`PendingBodies`): rendered by the markdown phase while the
/// build assembles and plans, and read only after the build has waited for that phase.
struct SectionList: Sendable, Equatable {
    enum Source: Sendable, Equatable {
        case rendered([Section])
        case deferred(BodyReference)
        case spooled(SpooledBody)
    }

    private enum Stored: Sendable {
        case settled(Source)
        case pending(PendingBodies, Int)
    }

    private let stored: Stored

    init(_ sections: [Section]) { stored = .settled(.rendered(sections)) }
    init(deferred body: BodyReference) { stored = .settled(.deferred(body)) }
    init(spooled body: SpooledBody) { stored = .settled(.spooled(body)) }
    /// The `index`th body of `bodies`.
    init(pending bodies: PendingBodies, index: Int) { stored = .pending(bodies, index) }

    /// Where the sections are; a body on its way counts as what it became (no sections while it
    /// is not there yet).
    var source: Source {
        switch stored {
        case .settled(let source): return source
        case .pending(let bodies, let index): return bodies.list(index)?.source ?? .rendered([])
        }
    }

    /// The sections; empty while deferred (see `BodyStore`).
    var sections: [Section] {
        switch source {
        case .rendered(let sections): return sections
        case .deferred, .spooled: return []
        }
    }

    /// Where the body is, while it is not rendered.
    var deferred: BodyReference? {
        if case .deferred(let reference) = source { return reference }
        return nil
    }

    static func == (a: SectionList, b: SectionList) -> Bool { a.source == b.source }
}

/// The bodies of the briefs parsed for a build, while the markdown phase renders them beside the
/// phases that need only metadata: set all at once when they are rendered, read once the build
/// has waited for them (`PreparedBuild.startMarkdown`).
final class PendingBodies: Sendable {
    private let lists = Mutex<[SectionList]>([])

    init() {}

    /// The `index`th body, once the bodies are rendered.
    func list(_ index: Int) -> SectionList? {
        lists.withLock { index < $0.count ? $0[index] : nil }
    }

    func settle(_ rendered: [SectionList]) { lists.withLock { $0 = rendered } }
}

/// The body of a brief taken from the build cache: which file holds it and the content the cache
/// checked, for the `BodyStore` to render it from.
struct BodyReference: Sendable, Equatable {
    /// The file relative to the site root.
    let sourcePath: String
    /// `Fingerprint.ofContents` of the file as the cache knows it.
    let contentHash: UInt64
    /// The brief's language (the language of the body before the first marker).
    let language: String
}
