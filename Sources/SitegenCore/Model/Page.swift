import SitegenBase
import SitegenSearch

/// One output file to produce: where it goes, what it is, and what it depends on.
///
/// Pages are planned cheaply (no template context yet) so that rendering can build each page's
/// context on whichever core renders it, and a rebuild can skip pages whose inputs are unchanged.
public struct Page: Sendable {
    /// What the page shows; indices refer to `Site.articles`, `Site.tags` and `Site.pages`.
    public enum Kind: Sendable, Equatable {
        /// `/` and `/page/N/`.
        case home(page: Int, pageCount: Int)
        /// `/briefs/<slug>/`.
        case brief(Int)
        /// `/tags/`.
        case tagIndex
        /// `/tags/<slug>/` and `/tags/<slug>/page/N/`.
        case tag(Int, page: Int, pageCount: Int)
        /// `/<slug>/`.
        case standalone(Int)
        /// `/archive/`.
        case archiveIndex
        /// `/archive/YYYY/` (no month) and `/archive/YYYY/MM/`, paginated; the indices refer to
        /// `Site.reading.archive.years` and that year's months.
        case archive(yearIndex: Int, monthIndex: Int?, page: Int, pageCount: Int)
        /// `/sources/`.
        case sourceIndex
        /// `/sources/<host>/`, paginated; the index refers to `Site.reading.sources.entries`.
        case source(Int, page: Int, pageCount: Int)
        /// `/sources/<host>/feed.xml`.
        case sourceFeed(Int)
        /// `/404.html`.
        case notFound
        /// `/feed.xml`.
        case siteFeed
        /// `/feed.json`.
        case jsonFeed
        /// `/tags/<slug>/feed.xml`.
        case tagFeed(Int)
        /// `/sitemap.xml`.
        case sitemap
        /// `/robots.txt`.
        case robots
        /// A file of the built-in theme's `static/` folder.
        case builtInStatic(String)
        /// `/search/`, with what its script needs to know of the index.
        case search(SearchIndexLayout)
        /// `/search/search.js`.
        case searchScript
        /// A file of the search index (`search/meta.json`, `search/t/3.bin`), by index.
        case searchFile(Int)

        /// Whether the page is a feed (Atom or JSON), made of feed entries.
        var isFeed: Bool {
            switch self {
            case .siteFeed, .jsonFeed, .tagFeed, .sourceFeed: return true
            default: return false
            }
        }
    }

    /// The site path (`briefs/a/`, `404.html`, `feed.xml`).
    public let sitePath: String
    /// What the page shows.
    public let kind: Kind
    /// A hash of everything the page's bytes depend on.
    public let fingerprint: Fingerprint
    /// Whether the sitemap lists the page.
    public let isInSitemap: Bool
    /// The sitemap's `lastmod`, when known.
    public let lastModified: Timestamp?

    /// The file inside the output folder: folders get `index.html`.
    public var file: String { Permalinks.file(for: sitePath) }

    /// Pages that share prepared values are rendered together, a group at a time, so that the
    /// values one group needs are let go before the next is prepared: listings and brief pages
    /// (brief cards, which a brief's page starts from, and links), then feeds (feed entries),
    /// then the rest. A large site holds only one of these at once.
    ///
    /// With `separatingBriefs` (a large site, whose brief pages do not start from the cards),
    /// brief pages are a group of their own after the listings, so the cards of every brief and
    /// the links to every brief are never held together.
    func renderGroup(separatingBriefs: Bool = false) -> Int {
        if kind.isFeed { return 2 }
        switch kind {
        case .home, .tag, .archive, .source: return 0
        case .brief: return separatingBriefs ? 1 : 0
        default: return 3
        }
    }

    /// How many render groups there are (`renderGroup(separatingBriefs:)`).
    static let renderGroupCount = 4

    /// Whether the page is HTML made from a template (counted as a page in the summary).
    public var isHTML: Bool {
        switch kind {
        case .home, .brief, .tagIndex, .tag, .standalone, .notFound, .archiveIndex, .archive,
            .sourceIndex, .source, .search:
            return true
        default: return false
        }
    }
}

/// A finished output file: its path inside the output folder and its bytes.
public struct RenderedFile: Sendable, Equatable {
    /// Relative to the output folder: `briefs/a/index.html`.
    public let path: String
    /// The contents.
    public let bytes: [UInt8]

    /// Creates a file from text.
    public init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }

    /// Creates a file from bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
