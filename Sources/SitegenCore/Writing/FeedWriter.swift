/// Writes the Atom feeds (site-wide and per tag) and the JSON Feed.
///
/// SPEC §4: the newest `feed_limit` briefs, full content with absolute URLs, the source as
/// `<link rel="via">` (Atom) and `external_url` (JSON Feed). Feeds are built in code rather than
/// templates so every value is escaped for XML or JSON without relying on a template author.
public struct FeedWriter: Sendable {
    let site: Site
    let context: TemplateContext

    /// Creates a writer for a site.
    public init(site: Site) {
        self.site = site
        self.context = TemplateContext(config: site.config, pages: site.pages)
    }

    var base: BaseURL { site.config.baseURL }

    /// `feed.xml`, `feed.json` and `tags/<slug>/feed.xml` for every tag.
    public func files() -> [RenderedFile] {
        let limit = site.config.feedLimit
        var entries: [String: String] = [:]
        func entry(_ article: Article) -> String {
            if let cached = entries[article.slug] { return cached }
            let text = atomEntry(article)
            entries[article.slug] = text
            return text
        }
        var files: [RenderedFile] = []
        let newest = Array(site.articles.prefix(limit))
        files.append(RenderedFile(
            path: "feed.xml",
            text: atomFeed(title: site.config.title, sitePath: "", feedPath: "feed.xml",
                           entries: newest.map(entry), newest: newest.first)))
        files.append(RenderedFile(path: "feed.json", text: jsonFeed(newest)))
        for listing in site.tags {
            let tagged = Array(listing.articles.prefix(limit))
            files.append(RenderedFile(
                path: Permalinks.tagFeed(listing.tag.slug),
                text: atomFeed(
                    title: "\(site.config.title): \(listing.tag.name)",
                    sitePath: Permalinks.tag(listing.tag.slug),
                    feedPath: Permalinks.tagFeed(listing.tag.slug),
                    entries: tagged.map(entry), newest: tagged.first)))
        }
        return files
    }

    func url(_ sitePath: String) -> String { base.absolute(Permalinks.encoded(sitePath)) }

    private func atomFeed(title: String, sitePath: String, feedPath: String, entries: [String], newest: Article?) -> String {
        let x = Escaping.xml
        let updated = newest.map { ($0.updated ?? $0.date).rfc3339 } ?? site.now.rfc3339
        var text = """
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
        for entry in entries { text += entry }
        text += "</feed>\n"
        return text
    }

    private func atomEntry(_ article: Article) -> String {
        let x = Escaping.xml
        let link = url(Permalinks.brief(article.slug))
        var text = """
              <entry xml:lang="\(x(article.language))">
                <title>\(x(article.title))</title>
                <link href="\(x(link))" rel="alternate" type="text/html"/>
                <link href="\(x(article.source.url))" rel="via" title="\(x(article.source.name))"/>
                <id>\(x(link))</id>
                <published>\(article.date.rfc3339)</published>
                <updated>\((article.updated ?? article.date).rfc3339)</updated>

            """
        for tag in article.tags {
            text += "    <category term=\"\(x(tag.name))\" scheme=\"\(x(url(Permalinks.tag(tag.slug))))\"/>\n"
        }
        if let summary = article.summary.first ?? article.summaryEN.first {
            text += "    <summary type=\"text\">\(x(summary))</summary>\n"
        }
        text += "    <content type=\"html\">\(x(contentHTML(article)))</content>\n  </entry>\n"
        return text
    }

    /// The whole brief as an HTML fragment for feed readers, with every site link absolute.
    func contentHTML(_ article: Article) -> String {
        let h = Escaping.html
        var html = ""
        if let titleEN = article.titleEN { html += "<p lang=\"en\"><strong>\(h(titleEN))</strong></p>\n" }
        if !article.summary.isEmpty {
            html += "<ul lang=\"\(h(article.language))\">" + article.summary.map { "<li>\(h($0))</li>" }.joined() + "</ul>\n"
        }
        if !article.summaryEN.isEmpty {
            html += "<ul lang=\"en\">" + article.summaryEN.map { "<li>\(h($0))</li>" }.joined() + "</ul>\n"
        }
        for section in article.sections {
            html += "<div lang=\"\(h(section.language))\">\n\(absolutised(section.html))</div>\n"
        }
        if article.isGenerated {
            for line in context.disclaimerLines(for: article.source) {
                html += "<p lang=\"\(h(line.language))\"><small>\(line.html)</small></p>\n"
            }
        } else {
            html += "<p><a href=\"\(h(article.source.url))\">\(h(article.source.name))</a></p>\n"
        }
        return html
    }

    /// Turns root-relative `href`/`src` attributes (already under the base path) into absolute URLs.
    /// cmark escapes quotes in text, so `href="/` only occurs in real attributes.
    func absolutised(_ html: String) -> String {
        guard html.contains("=\"/") else { return html }
        var result = html
        for attribute in ["href", "src"] {
            result = result.replacingOccurrences(
                of: "\(attribute)=\"\(base.path)", with: "\(attribute)=\"\(base.origin)\(base.path)")
        }
        return result
    }

    private func jsonFeed(_ articles: [Article]) -> String {
        let s = Escaping.jsonString
        let items = articles.map { article -> String in
            let link = url(Permalinks.brief(article.slug))
            var fields = [
                "\"id\": " + s(link),
                "\"url\": " + s(link),
                "\"external_url\": " + s(article.source.url),
                "\"title\": " + s(article.title),
                "\"content_html\": " + s(contentHTML(article)),
            ]
            if let summary = article.summary.first ?? article.summaryEN.first {
                fields.append("\"summary\": " + s(summary))
            }
            fields.append("\"date_published\": " + s(article.date.rfc3339))
            fields.append("\"date_modified\": " + s((article.updated ?? article.date).rfc3339))
            if !article.tags.isEmpty {
                fields.append("\"tags\": [" + article.tags.map { s($0.name) }.joined(separator: ", ") + "]")
            }
            fields.append("\"language\": " + s(article.language))
            return "    {\n      " + fields.joined(separator: ",\n      ") + "\n    }"
        }
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
