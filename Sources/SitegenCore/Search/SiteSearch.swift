import SitegenBase
import SitegenMustache
import SitegenSearch

/// The site's side of search: briefs and standalone pages as `SearchDocument`s, and the files
/// `SitegenSearch` makes of them as planned pages.
///
/// Runs in the plan stage when `site.yml` leaves `search` on. Listings are never indexed. The
/// index files get the fingerprint of their bytes, so a rebuild rewrites only the shards and
/// result chunks whose briefs changed, and hard-links the others from the last build.
enum SiteSearch {
    /// The folder of the search page, its script and its index.
    static let folder = "search/"
    /// Where the archives are, for the search page's message to readers without JavaScript.
    static let archivePath: String? = "archive/"

    /// Where a document of the index comes from: a brief or a standalone page (positions in
    /// `site.articles` and `site.pages`).
    enum Origin: Sendable {
        case brief(Int)
        case page(Int)
    }

    /// Every brief and standalone page, in the order the index numbers them, worked out from
    /// their dates and slugs alone: no body is read.
    static func numbered(_ site: Site) -> [(key: String, origin: Origin)] {
        var items: [(date: Int64, key: String, origin: Origin)] = []
        items.reserveCapacity(site.articles.count + site.pages.count)
        for (index, article) in site.articles.enumerated() {
            items.append((article.date.seconds, "b " + article.slug, .brief(index)))
        }
        // Pages have no date: they sort before every brief, and rank below them on ties.
        for (index, page) in site.pages.enumerated() {
            items.append((Int64.min, "p " + page.slug, .page(index)))
        }
        items.sort { SearchIndexBuilder.precedes(($0.date, $0.key), ($1.date, $1.key)) }
        return items.map { ($0.key, $0.origin) }
    }

    /// The document of a brief or page, with its text per language. `withBody` gives a brief
    /// with its body (the build's `BodyStore`: read back from the spool, or rendered from its
    /// file when the brief came from the cache).
    static func document(
        _ origin: Origin, site: Site, withBody: (Article) -> Article = { $0 }
    ) -> SearchDocument {
        let base = site.config.baseURL
        switch origin {
        case .brief(let index):
            let article = site.articles[index]
            return document(withBody(article), tagNames: article.tags.map(\.name), base: base)
        case .page(let index):
            let page = site.pages[index]
            return SearchDocument(
                key: "p " + page.slug,
                url: base.link(Permalinks.encoded(Permalinks.page(page.slug))),
                title: page.title, titleEN: nil, shownDate: "", dateValue: Int64.min,
                source: "", tags: [],
                summaries: page.description.map { [.init(language: page.language, text: $0)] }
                    ?? [],
                sections: page.sections.map {
                    .init(language: $0.language, text: plainText($0.html))
                })
        }
    }

    /// A brief as the index sees it, with its tags as the site shows them.
    static func document(_ article: Article, tagNames: [String], base: BaseURL) -> SearchDocument {
        SearchDocument(
            key: "b " + article.slug,
            url: base.link(Permalinks.encoded(Permalinks.brief(article.slug))),
            title: article.title, titleEN: article.titleEN,
            shownDate: article.date.dateString, dateValue: article.date.seconds,
            source: article.source.name, tags: tagNames,
            summaries: article.summary.map { .init(language: article.language, text: $0) }
                + article.summaryEN.map { .init(language: "en", text: $0) },
            sections: article.sections.map {
                .init(language: $0.language, text: plainText($0.html))
            })
    }

    /// What an index file's page is made from: its bytes alone (given as their
    /// `Fingerprint.ofContents`), so a change to the templates or to anything the index does
    /// not hold leaves the file as it is (hard-linked from the live site, not written again).
    static func fingerprint(ofContents contents: UInt64) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine("search file")
        fingerprint.combine(Int64(bitPattern: contents))
        return fingerprint
    }

    /// The search page, its script and every index file (`files`, sorted by path), each
    /// fingerprinted by what it holds. The page carries the index's layout (`documents`
    /// numbered), so it changes with the set of index files.
    static func pages(
        files: [(path: String, kept: KeptSearchFile)], documents: Int,
        siteFingerprint: Fingerprint
    ) -> [Page] {
        let layout = SearchIndexLayout(
            documents: documents, chunk: SearchIndexBuilder().documentsPerChunk,
            paths: files.map(\.path))
        var pageFingerprint = siteFingerprint
        pageFingerprint.combine("search page")
        pageFingerprint.combine(Int64(layout.documents))
        pageFingerprint.combine(Int64(layout.shards))
        pageFingerprint.combine(Int64(layout.chunk))
        pageFingerprint.combine(layout.ownTerms)
        var pages = [
            Page(
                sitePath: folder, kind: .search(layout), fingerprint: pageFingerprint,
                isInSitemap: false, lastModified: nil),
            // The script is the built-in one whatever the site's templates: its own bytes.
            Page(
                sitePath: folder + "search.js", kind: .searchScript,
                fingerprint: fingerprint(
                    ofContents: Fingerprint.ofContents(Array(DefaultTheme.searchScript.utf8))),
                isInSitemap: false, lastModified: nil),
        ]
        for (index, file) in files.enumerated() {
            pages.append(
                Page(
                    sitePath: folder + file.path, kind: .searchFile(index),
                    fingerprint: fingerprint(ofContents: file.kept.contents),
                    isInSitemap: false, lastModified: nil))
        }
        return pages
    }

    /// The text of rendered HTML: tags dropped (block ends become spaces), entities decoded.
    static func plainText(_ html: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(html.utf8.count)
        var inTag = false
        var entity: [UInt8]?
        var html = html
        html.withUTF8 { bytes in
            for byte in bytes {
                if inTag {
                    if byte == UInt8(ascii: ">") { inTag = false }
                    continue
                }
                if var name = entity {
                    if byte == UInt8(ascii: ";") {
                        output += decode(entity: name)
                        entity = nil
                    } else if name.count < 10 {
                        name.append(byte)
                        entity = name
                    } else {
                        output += [UInt8(ascii: "&")] + name + [byte]
                        entity = nil
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "<"):
                    inTag = true
                    output.append(UInt8(ascii: " "))
                case UInt8(ascii: "&"): entity = []
                case UInt8(ascii: "\n"): output.append(UInt8(ascii: " "))
                default: output.append(byte)
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func decode(entity name: [UInt8]) -> [UInt8] {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return Array("&".utf8)
        case "lt": return Array("<".utf8)
        case "gt": return Array(">".utf8)
        case "quot": return Array("\"".utf8)
        case "apos", "#39": return Array("'".utf8)
        case let text where text.hasPrefix("#"):
            let digits = text.dropFirst()
            let value =
                digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            if let value, let scalar = Unicode.Scalar(value) { return Array(String(scalar).utf8) }
            return Array(" ".utf8)
        default: return Array(" ".utf8)
        }
    }
}

extension TemplateContext {
    /// The context of the search page.
    func searchPage(_ layout: SearchIndexLayout) -> TemplateValue {
        let base = config.baseURL
        return [
            "site": siteValue,
            "page": pageValue(
                title: "検索 Search", description: nil, sitePath: SiteSearch.folder),
            "search": [
                "href": .text(base.link(SiteSearch.folder)),
                "index_href": .text(base.link(SiteSearch.folder)),
                "script_href": .text(base.link(SiteSearch.folder + "search.js")),
                "archive_href": .optional(SiteSearch.archivePath.map(base.link)),
                "documents": .text(String(layout.documents)),
                "shards": .text(String(layout.shards)),
                "chunk": .text(String(layout.chunk)),
                "own_terms": .text(layout.ownTerms),
            ],
        ]
    }
}
