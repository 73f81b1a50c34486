import SitegenBase

/// Where each kind of page lives, as site paths without a leading slash (`tags/ai/`).
///
/// SPEC §4. Every HTML page is `dir/index.html`; links are the base path plus the
/// percent-encoded site path. One place decides these so links and files always agree.
public enum Permalinks {
    /// `""` for the first page, `page/N/` after it.
    public static func index(page: Int) -> String { page <= 1 ? "" : "page/\(page)/" }
    /// `briefs/<slug>/`.
    public static func brief(_ slug: String) -> String { "briefs/\(slug)/" }
    /// `tags/`.
    public static let tags = "tags/"
    /// `tags/<slug>/`, then `tags/<slug>/page/N/`.
    public static func tag(_ slug: String, page: Int = 1) -> String {
        page <= 1 ? "tags/\(slug)/" : "tags/\(slug)/page/\(page)/"
    }
    /// `tags/<slug>/feed.xml`.
    public static func tagFeed(_ slug: String) -> String { "tags/\(slug)/feed.xml" }
    /// `<slug>/` for a standalone page.
    public static func page(_ slug: String) -> String { "\(slug)/" }

    /// First path segments that generated pages use; standalone pages may not take them.
    public static let reservedSegments: Set<String> = [
        "briefs", "tags", "page", "feed.xml", "feed.json", "sitemap.xml", "robots.txt", "404.html",
        "index.html", "search",
    ]

    /// The file a site path is written to: folders get `index.html`.
    public static func file(for sitePath: String) -> String {
        sitePath.isEmpty || sitePath.hasSuffix("/") ? sitePath + "index.html" : sitePath
    }

    /// A site path with each segment percent-encoded, for `href`s and feed URLs.
    public static func encoded(_ sitePath: String) -> String {
        var sitePath = sitePath
        if sitePath.withUTF8({ $0.allSatisfy(Slug.isUnreservedOrSlash) }) { return sitePath }
        // Each segment percent-encoded; the slashes between them kept.
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sitePath.utf8.count * 3)
        for byte in sitePath.utf8 {
            if Slug.isUnreservedOrSlash(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
