import SitegenBase

/// Writes `sitemap.xml` and `robots.txt`.
public enum SitemapWriter {
    /// The sitemap of every page that asks to be listed, with absolute, percent-encoded URLs.
    public static func sitemap(pages: [Page], base: BaseURL) -> RenderedFile {
        var text = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in pages where page.isInSitemap {
            text +=
                "  <url><loc>\(Escaping.xml(base.absolute(Permalinks.encoded(page.sitePath))))</loc>"
            if let modified = page.lastModified { text += "<lastmod>\(modified.rfc3339)</lastmod>" }
            text += "</url>\n"
        }
        text += "</urlset>\n"
        return RenderedFile(path: "sitemap.xml", text: text)
    }

    /// `robots.txt` allowing everything and naming the sitemap.
    public static func robots(base: BaseURL) -> RenderedFile {
        RenderedFile(
            path: "robots.txt",
            text: "User-agent: *\nAllow: /\n\nSitemap: \(base.absolute("sitemap.xml"))\n")
    }
}
