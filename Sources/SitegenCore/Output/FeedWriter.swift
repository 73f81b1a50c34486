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

    /// One brief as feeds carry it: its Atom `<entry>` and its HTML content (for JSON Feed).
    public struct Entry: Sendable {
        /// The `<entry>` element, as UTF-8.
        public let atom: [UInt8]
        public let content: String
    }

    /// Renders a brief's feed entry; done once per brief, however many feeds carry it.
    public func entry(_ article: Article) -> Entry {
        let content = contentHTML(article)
        return Entry(atom: atomEntry(article, content: content), content: content)
    }

    /// `feed.xml`: the newest briefs of the whole site.
    public func siteFeed(entry: (Int) -> Entry) -> [UInt8] {
        let count = min(max(0, site.config.feedLimit), site.articles.count)
        return atomFeed(
            title: site.config.title, sitePath: "", feedPath: "feed.xml",
            entries: (0..<count).map { entry($0).atom }, newest: site.articles.first)
    }

    /// `tags/<slug>/feed.xml`: the newest briefs with a tag; `position` maps a brief to its index.
    public func tagFeed(_ tagIndex: Int, position: (Article) -> Int, entry: (Int) -> Entry)
        -> [UInt8]
    {
        let listing = site.tags[tagIndex]
        let tagged = listing.articles.prefix(max(0, site.config.feedLimit))
        return atomFeed(
            title: "\(site.config.title): \(listing.tag.name)",
            sitePath: Permalinks.tag(listing.tag.slug),
            feedPath: Permalinks.tagFeed(listing.tag.slug),
            entries: tagged.map { entry(position($0)).atom }, newest: tagged.first)
    }

    /// `sources/<host>/feed.xml`: the newest briefs from one source site (`positions`, newest
    /// first, already cut to the feed's length).
    public func sourceFeed(
        name: String, key: String, positions: [Int], entry: (Int) -> Entry
    ) -> [UInt8] {
        atomFeed(
            title: "\(site.config.title): \(name)", sitePath: Permalinks.source(key),
            feedPath: Permalinks.sourceFeed(key), entries: positions.map { entry($0).atom },
            newest: positions.first.map { site.articles[$0] })
    }

    /// `feed.json`: JSON Feed 1.1 of the newest briefs.
    public func jsonFeed(entry: (Int) -> Entry) -> String {
        let count = min(max(0, site.config.feedLimit), site.articles.count)
        return jsonFeed(
            Array(site.articles.prefix(count)), contents: (0..<count).map { entry($0).content })
    }

    func url(_ sitePath: String) -> String { base.absolute(Permalinks.encoded(sitePath)) }

    /// One brief as a JSON Feed item, indented as `feed.json` holds it.
    func jsonItem(_ article: Article, content: String) -> String {
        let s = Escaping.jsonString
        let link = url(Permalinks.brief(article.slug))
        var fields = [
            "\"id\": " + s(link),
            "\"url\": " + s(link),
            "\"external_url\": " + s(article.source.url),
            "\"title\": " + s(article.title),
            "\"content_html\": " + s(content),
        ]
        if let summary = article.summary.first ?? article.summaryEN.first {
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

    private func atomFeed(
        title: String, sitePath: String, feedPath: String, entries: [[UInt8]], newest: Article?
    ) -> [UInt8] {
        let x = Escaping.xml
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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.reduce(head.utf8.count + 8) { $0 + $1.count })
        bytes += head.utf8
        for entry in entries { bytes += entry }
        bytes += "</feed>\n".utf8
        return bytes
    }

    private func atomEntry(_ article: Article, content: String) -> [UInt8] {
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
        if let summary = article.summary.first ?? article.summaryEN.first {
            text += "    <summary type=\"text\">\(x(summary))</summary>\n"
        }
        var bytes = Array(text.utf8)
        bytes.reserveCapacity(bytes.count + content.utf8.count + 256)
        bytes += "    <content type=\"html\">".utf8
        Escaping.appendXML(content, to: &bytes)
        bytes += "</content>\n  </entry>\n".utf8
        return bytes
    }

    /// The whole brief as an HTML fragment for feed readers, with every site link absolute.
    func contentHTML(_ article: Article) -> String {
        let h = Escaping.html
        let sections = article.sections
        var html = ""
        html.reserveCapacity(sections.reduce(1024) { $0 + $1.html.utf8.count })
        if let titleEN = article.titleEN {
            html += "<p lang=\"en\"><strong>"
            html += h(titleEN)
            html += "</strong></p>\n"
        }
        for (language, items) in [(article.language, article.summary), ("en", article.summaryEN)]
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

    private func jsonFeed(_ articles: [Article], contents: [String]) -> String {
        let s = Escaping.jsonString
        let items = zip(articles, contents).map(jsonItem)
        let head = [
            "\"version\": \"https://jsonfeed.org/version/1.1\"",
            "\"title\": " + s(site.config.title),
            "\"home_page_url\": " + s(base.description),
            "\"feed_url\": " + s(url("feed.json")),
            "\"description\": " + s(site.config.description),
            "\"language\": " + s(site.config.language),
            "\"authors\": [{\"name\": " + s(site.config.author) + "}]",
        ]
        return "{\n  " + head.joined(separator: ",\n  ") + ",\n  \"items\": [\n"
            + items.joined(separator: ",\n") + (items.isEmpty ? "" : "\n") + "  ]\n}\n"
    }
}
