import SitegenBase

/// Writes the Atom feeds (site-wide and per tag) and the JSON Feed.
///
/// SPEC §4: the newest `feed_limit` briefs, full content with absolute URLs, the source as
/// `<link rel="via">` (Atom) and `external_url` (JSON Feed). Feeds are built in code rather than
/// templates so every value is escaped for XML or JSON without relying on a template author.
public struct FeedWriter: Sendable {
    let site: Site
    let context: TemplateContext

    /// Creates a writer for a site.
    public init(site: Site, context: TemplateContext? = nil) {
        self.site = site
        self.context = context ?? TemplateContext(config: site.config, pages: site.pages)
    }

    var base: BaseURL { site.config.baseURL }

    /// One brief as feeds carry it: its Atom `<entry>` and its JSON Feed item, as UTF-8.
    public struct Entry: Sendable, Equatable {
        /// The `<entry>` element.
        public let atom: [UInt8]
        /// The JSON Feed item, indented as `feed.json` holds it; empty when not asked for.
        public let json: [UInt8]

        /// The bytes a feed of `format` carries.
        public func bytes(for format: Layout.Format) -> [UInt8] {
            format == .atom ? atom : json
        }
    }

    /// Renders a brief's feed entry; done once per brief, however many feeds carry it. Only
    /// the JSON Feed's briefs need `json`.
    public func entry(_ article: Article, json: Bool = true) -> Entry {
        // The key points are unpacked from the brief's packed texts on each read: read once.
        let keyPoints = TemplateContext.KeyPoints(article.fields)
        let content = contentHTML(article, keyPoints: keyPoints)
        return Entry(
            atom: atomEntry(article, content: content, summary: keyPoints.first),
            json: json
                ? Array(jsonItem(article, content: content, summary: keyPoints.first).utf8) : [])
    }

    /// A feed as it is put together: a head, the entries of its briefs (positions in
    /// `site.articles`, newest first) and a fixed tail. Nothing else is in a feed, so a build
    /// can make one again from entries kept in its cache (`FeedEntryStore`).
    public struct Layout: Sendable, Equatable {
        /// Atom or JSON Feed.
        public enum Format: UInt8, Sendable, Equatable {
            case atom = 0
            case json = 1
        }
        public let format: Format
        /// Everything before the first entry.
        public let head: [UInt8]
        /// The briefs whose entries follow, by position in `site.articles`.
        public let positions: [Int]
    }

    /// The layout of a feed page; `nil` for a page that is not a feed. `position` maps a brief
    /// to its index in `site.articles`.
    public func layout(of kind: Page.Kind, position: (Article) -> Int) -> Layout? {
        let limit = max(0, site.config.feedLimit)
        let newest = Array(0..<min(limit, site.articles.count))
        switch kind {
        case .siteFeed:
            return atomLayout(
                title: site.config.title, sitePath: "", feedPath: "feed.xml", positions: newest,
                newest: site.articles.first)
        case .jsonFeed:
            return Layout(format: .json, head: jsonHead(), positions: newest)
        case .tagFeed(let tagIndex):
            let listing = site.tags[tagIndex]
            return atomLayout(
                title: "\(site.config.title): \(listing.tag.name)",
                sitePath: Permalinks.tag(listing.tag.slug),
                feedPath: Permalinks.tagFeed(listing.tag.slug),
                positions: listing.articles.prefix(limit).map(position))
        case .sourceFeed(let index):
            let source = site.reading.sources.entries[index]
            return atomLayout(
                title: "\(site.config.title): \(source.name)",
                sitePath: Permalinks.source(source.key),
                feedPath: Permalinks.sourceFeed(source.key),
                positions: Array(source.positions.prefix(limit)))
        default:
            return nil
        }
    }

    /// A whole feed: its head, its entries in order and its tail.
    public static func assemble(_ layout: Layout, entries: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.reduce(layout.head.count + 16) { $0 + $1.count + 2 })
        bytes += layout.head
        switch layout.format {
        case .atom:
            for entry in entries { bytes += entry }
            bytes += "</feed>\n".utf8
        case .json:
            for (index, entry) in entries.enumerated() {
                if index > 0 { bytes += ",\n".utf8 }
                bytes += entry
            }
            if !entries.isEmpty { bytes.append(UInt8(ascii: "\n")) }
            bytes += "  ]\n}\n".utf8
        }
        return bytes
    }

    func url(_ sitePath: String) -> String { base.absolute(Permalinks.encoded(sitePath)) }

    /// One brief as a JSON Feed item, indented as `feed.json` holds it.
    func jsonItem(_ article: Article, content: String, summary: String?) -> String {
        let s = Escaping.jsonString
        let link = url(Permalinks.brief(article.slug))
        var fields = [
            "\"id\": " + s(link),
            "\"url\": " + s(link),
            "\"external_url\": " + s(article.source.url),
            "\"title\": " + s(article.title),
            "\"content_html\": " + s(content),
        ]
        if let summary {
            fields.append("\"summary\": " + s(summary))
        }
        fields.append("\"date_published\": " + s(article.date.rfc3339))
        fields.append(
            "\"date_modified\": " + s((article.fields.lastChanged ?? article.date).rfc3339))
        if !article.tags.isEmpty {
            fields.append(
                "\"tags\": [" + article.tags.map { s($0.name) }.joined(separator: ", ") + "]")
        }
        fields.append("\"language\": " + s(article.language))
        return "    {\n      " + fields.joined(separator: ",\n      ") + "\n    }"
    }

    private func atomLayout(
        title: String, sitePath: String, feedPath: String, positions: [Int],
        newest: Article? = nil
    ) -> Layout {
        let x = Escaping.xml
        let newest = newest ?? positions.first.map { site.articles[$0] }
        let updated = newest.map { ($0.fields.lastChanged ?? $0.date).rfc3339 } ?? site.now.rfc3339
        let head = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(x(site.config.language))">
              <title>\(x(title))</title>
              <subtitle>\(x(site.config.description))</subtitle>
              <link href="\(x(url(feedPath)))" rel="self" type="application/atom+xml"/>
              <link href="\(x(url(sitePath)))" rel="alternate" type="text/html"/>
              <id>\(x(url(sitePath)))</id>
              <updated>\(updated)</updated>
              <author><name>\(x(site.config.author))</name></author>
              <generator>sitegen</generator>

            """
        return Layout(format: .atom, head: Array(head.utf8), positions: positions)
    }

    /// `summary` is the brief's first key point (`TemplateContext.KeyPoints.first`).
    private func atomEntry(_ article: Article, content: String, summary: String?) -> [UInt8] {
        let x = Escaping.xml
        let link = url(Permalinks.brief(article.slug))
        var text = """
              <entry xml:lang="\(x(article.language))">
                <title>\(x(article.title))</title>
                <link href="\(x(link))" rel="alternate" type="text/html"/>
                <link href="\(x(article.source.url))" rel="via" title="\(x(article.source.name))"/>
                <id>\(x(link))</id>
                <published>\(article.date.rfc3339)</published>
                <updated>\((article.fields.lastChanged ?? article.date).rfc3339)</updated>

            """
        for tag in article.tags {
            // A registered tag's English name is the category's label (both names shown).
            let label = site.registry.entry(slug: tag.slug)?.en.map {
                " label=\"\(x(tag.name)) / \(x($0))\""
            }
            text +=
                "    <category term=\"\(x(tag.name))\" scheme=\"\(x(url(Permalinks.tag(tag.slug))))\"\(label ?? "")/>\n"
        }
        if let summary {
            text += "    <summary type=\"text\">\(x(summary))</summary>\n"
        }
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(bytes.count + content.utf8.count + 256)
        // The HTML as a CDATA section rather than escaped: a feed reader reads the same text,
        // and an entry is made by copying the body rather than escaping every tag in it.
        bytes += "    <content type=\"html\">".utf8
        Escaping.appendCDATA(content, to: &bytes)
        bytes += "</content>\n  </entry>\n".utf8
        return bytes
    }

    /// The whole brief as an HTML fragment for feed readers, with every site link absolute.
    func contentHTML(_ article: Article, keyPoints: TemplateContext.KeyPoints) -> String {
        let h = Escaping.html
        let sections = article.sections
        var html = ""
        html.reserveCapacity(sections.reduce(1024) { $0 + $1.html.utf8.count })
        if let titleEN = article.titleEN {
            html += "<p lang=\"en\"><strong>"
            html += h(titleEN)
            html += "</strong></p>\n"
        }
        for (language, items) in [(article.language, keyPoints.main), ("en", keyPoints.english)]
        where !items.isEmpty {
            html += "<ul lang=\""
            html += h(language)
            html += "\">"
            for item in items {
                html += "<li>"
                html += h(item)
                html += "</li>"
            }
            html += "</ul>\n"
        }
        for section in sections {
            html += "<div lang=\""
            html += h(section.language)
            html += "\">\n"
            html += absolutised(section.html)
            html += "</div>\n"
        }
        if article.isGenerated {
            for line in context.disclaimerLines(for: article.source) {
                html += "<p lang=\""
                html += h(line.language)
                html += "\"><small>"
                html += line.html
                html += "</small></p>\n"
            }
        } else {
            html += "<p><a href=\"\(h(article.source.url))\">\(h(article.source.name))</a></p>\n"
        }
        return html
    }

    /// Turns root-relative `href`/`src` attributes (already under the base path) into absolute URLs.
    /// cmark escapes quotes in text, so `="/` only occurs in real attributes.
    func absolutised(_ html: String) -> String {
        var html = html
        let hasRootRelative = html.withUTF8 { bytes in
            // Each `=` (found with the C library's byte search) followed by `"/`.
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index + 2 < bytes.count,
                let offset = Platform.firstIndex(
                    of: UInt8(ascii: "="), in: base + index, count: bytes.count - index - 2)
            {
                let at = index + offset
                if bytes[at + 1] == UInt8(ascii: "\"") && bytes[at + 2] == UInt8(ascii: "/") {
                    return true
                }
                index = at + 1
            }
            return false
        }
        guard hasRootRelative else { return html }
        let bytes = Array(html.utf8)
        let origin = Array(base.origin.utf8)
        let path = Array(base.path.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\""), index >= 5,
                bytes[index - 1] == UInt8(ascii: "="),
                bytes[index - 5..<index - 1].elementsEqual("href".utf8)
                    || bytes[index - 4..<index - 1].elementsEqual("src".utf8),
                bytes[(index + 1)...].starts(with: path)
            {
                out.append(bytes[index])
                out.append(contentsOf: origin)
                index += 1
                continue
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `feed.json` up to its first item.
    private func jsonHead() -> [UInt8] {
        let s = Escaping.jsonString
        let head = [
            "\"version\": \"https://jsonfeed.org/version/1.1\"",
            "\"title\": " + s(site.config.title),
            "\"home_page_url\": " + s(base.description),
            "\"feed_url\": " + s(url("feed.json")),
            "\"description\": " + s(site.config.description),
            "\"language\": " + s(site.config.language),
            "\"authors\": [{\"name\": " + s(site.config.author) + "}]",
        ]
        return Array(("{\n  " + head.joined(separator: ",\n  ") + ",\n  \"items\": [\n").utf8)
    }
}
