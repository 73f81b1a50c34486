/// What a brief's page shows of other briefs: its related briefs and the older and newer ones.
///
/// The full build takes it from the site (`init(site:position:)`); the quick path for body edits,
/// which reads no other brief, takes it from the cache, where each brief's record keeps it as
/// strings (`encoded`), so both paths render the same page.
public struct BriefNeighbourhood: Sendable, Equatable {
    /// Another brief as a link.
    public struct Link: Sendable, Equatable {
        public let slug: String
        public let title: String
        public let titleEN: String?
        public let date: Timestamp
        public let sourceName: String

        init(_ article: Article) {
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
        let related = position < site.reading.related.count ? site.reading.related[position] : []
        self.related = related.map { Link(articles[$0]) }
        older = position + 1 < articles.count ? Link(articles[position + 1]) : nil
        newer = position > 0 && position <= articles.count ? Link(articles[position - 1]) : nil
    }

    /// The neighbourhood as strings, for the cache: per link its slug, title, English title
    /// (empty for none), date seconds and offset and source name; older and newer after the
    /// related ones, each behind a `-` for none.
    public var encoded: [String] {
        var strings = [String(related.count)]
        func add(_ link: Link) {
            strings += [
                link.slug, link.title, link.titleEN ?? "", String(link.date.seconds),
                String(link.date.offset), link.sourceName,
            ]
        }
        related.forEach(add)
        for link in [older, newer] {
            if let link {
                strings.append("+")
                add(link)
            } else {
                strings.append("-")
            }
        }
        return strings
    }

    /// Reads `encoded` back; `nil` when the strings are not in that form.
    public init?(encoded strings: [String]) {
        var index = 0
        func next() -> String? {
            guard index < strings.count else { return nil }
            defer { index += 1 }
            return strings[index]
        }
        func link() -> Link? {
            guard let slug = next(), let title = next(), let titleEN = next(),
                let seconds = next().flatMap({ Int64($0) }),
                let offset = next().flatMap({ Int($0) }),
                let sourceName = next()
            else { return nil }
            return Link(
                slug: slug, title: title, titleEN: titleEN.isEmpty ? nil : titleEN,
                date: Timestamp(seconds: seconds, offset: offset), sourceName: sourceName)
        }
        guard let count = next().flatMap({ Int($0) }), count >= 0, count <= 64 else { return nil }
        var related: [Link] = []
        for _ in 0..<count {
            guard let link = link() else { return nil }
            related.append(link)
        }
        var ends: [Link?] = []
        for _ in 0..<2 {
            switch next() {
            case "+":
                guard let link = link() else { return nil }
                ends.append(link)
            case "-": ends.append(nil)
            default: return nil
            }
        }
        guard index == strings.count else { return nil }
        self.init(related: related, older: ends[0], newer: ends[1])
    }
}
