/// What a brief's page shows of other briefs: its related briefs and the older and newer ones.
///
/// The full build takes it from the site (`init(site:position:)`); the quick path for body edits,
/// which reads no other brief, takes it from the cache, where each brief's record keeps its own
/// link and the numbers of the records its page links (`encoded`), so both paths render the
/// same page.
public struct BriefNeighbourhood: Sendable, Equatable {
    /// Another brief as a link.
    public struct Link: Sendable, Equatable {
        /// The brief's slug, for its `href`.
        public let slug: String
        /// Its title.
        public let title: String
        /// Its English title, when it has one.
        public let titleEN: String?
        /// When it was published.
        public let date: Timestamp
        /// The name of its source.
        public let sourceName: String

        /// The link to `article`.
        public init(_ article: Article) {
            slug = article.slug
            title = article.title
            titleEN = article.titleEN
            date = article.date
            sourceName = article.source.name
        }

        init(slug: String, title: String, titleEN: String?, date: Timestamp, sourceName: String) {
            self.slug = slug
            self.title = title
            self.titleEN = titleEN
            self.date = date
            self.sourceName = sourceName
        }
    }

    /// Related briefs, best first.
    public let related: [Link]
    /// The brief published just before (the next one down the listing).
    public let older: Link?
    /// The brief published just after.
    public let newer: Link?

    /// No neighbours (a site of one brief).
    public static let none = BriefNeighbourhood(related: [], older: nil, newer: nil)

    init(related: [Link], older: Link?, newer: Link?) {
        self.related = related
        self.older = older
        self.newer = newer
    }

    /// The neighbourhood of the brief at `position` in `site.articles`.
    public init(site: Site, position: Int) {
        let articles = site.articles
        let linked = Self.positions(site: site, position: position)
        related = linked.related.map { Link(articles[$0]) }
        older = linked.older.map { Link(articles[$0]) }
        newer = linked.newer.map { Link(articles[$0]) }
    }

    /// The positions in `site.articles` of the briefs the page at `position` links: related
    /// ones (best first), then the older and newer neighbours.
    public static func positions(site: Site, position: Int) -> (
        related: [Int], older: Int?, newer: Int?
    ) {
        let count = site.articles.count
        let related = position < site.reading.related.count ? site.reading.related[position] : []
        return (
            related, position + 1 < count ? position + 1 : nil,
            position > 0 && position <= count ? position - 1 : nil
        )
    }

    /// The numbers the cache keeps for a page's neighbours, given each brief's number there:
    /// the count of related briefs, their numbers, then the older and newer neighbour's number
    /// plus one (0 for none).
    public static func encoded(
        related: [Int], older: Int?, newer: Int?, number: (Int) -> Int
    ) -> [Int] {
        [related.count] + related.map(number) + [older.map { number($0) + 1 } ?? 0]
            + [newer.map { number($0) + 1 } ?? 0]
    }

    /// The neighbourhood from the cache's numbers (`encoded`), with each brief's link looked up
    /// by its number; `nil` when the numbers are not in that form or a link is missing.
    public init?(encoded numbers: [Int], link: (Int) -> Link?) {
        guard let count = numbers.first, count >= 0, numbers.count == count + 3 else { return nil }
        var related: [Link] = []
        for number in numbers[1..<(1 + count)] {
            guard let found = link(number) else { return nil }
            related.append(found)
        }
        func end(_ value: Int) -> Link?? {
            if value == 0 { return .some(nil) }
            guard let found = link(value - 1) else { return nil }
            return .some(found)
        }
        guard let older = end(numbers[count + 1]), let newer = end(numbers[count + 2]) else {
            return nil
        }
        self.init(related: related, older: older, newer: newer)
    }
}

extension BriefNeighbourhood.Link {
    /// The link as the cache keeps it with its brief's record: slug, title, English title
    /// (empty for none), date seconds and offset, source name.
    public var encoded: [String] {
        [slug, title, titleEN ?? "", String(date.seconds), String(date.offset), sourceName]
    }

    /// Reads `encoded` back; `nil` when the strings are not in that form.
    public init?(encoded strings: [String]) {
        guard strings.count == 6, let seconds = Int64(strings[3]), let offset = Int(strings[4])
        else { return nil }
        self.init(
            slug: strings[0], title: strings[1], titleEN: strings[2].isEmpty ? nil : strings[2],
            date: Timestamp(seconds: seconds, offset: offset), sourceName: strings[5])
    }
}
