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

    /// The document of a brief or page, with its text per language. `body` gives a brief's
    /// body sections (from the build's `BodyStore`: read back from the spool as bytes, or
    /// rendered from its file when the brief came from the cache).
    static func document(
        _ origin: Origin, site: Site,
        body: (Article) -> [TemplateContext.SectionValue] = {
            $0.sections.map(TemplateContext.SectionValue.init)
        }
    ) -> SearchDocument {
        let base = site.config.baseURL
        switch origin {
        case .brief(let index):
            let article = site.articles[index]
            return document(
                article, sections: body(article), tagNames: article.tags.map(\.name), base: base)
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
        document(
            article, sections: article.sections.map(TemplateContext.SectionValue.init),
            tagNames: tagNames, base: base)
    }

    /// A brief with the given body sections.
    static func document(
        _ article: Article, sections: [TemplateContext.SectionValue], tagNames: [String],
        base: BaseURL
    ) -> SearchDocument {
        SearchDocument(
            key: "b " + article.slug,
            url: base.link(Permalinks.encoded(Permalinks.brief(article.slug))),
            title: article.title, titleEN: article.titleEN,
            shownDate: article.date.dateString, dateValue: article.date.seconds,
            source: article.source.name, tags: tagNames,
            summaries: article.summary.map { .init(language: article.language, text: $0) }
                + article.summaryEN.map { .init(language: "en", text: $0) },
            sections: sections.map { .init(language: $0.language, text: plainText($0.html)) })
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
        var html = html
        return html.withUTF8 { plainText($0) }
    }

    /// The same for HTML given as a template value (text or UTF-8 bytes).
    static func plainText(_ html: TemplateValue) -> String {
        switch html {
        case .text(let text): return plainText(text)
        case .utf8(let bytes): return bytes.withUnsafeBufferPointer { plainText($0) }
        default: return ""
        }
    }

    /// The same for HTML as UTF-8 bytes: runs of text are copied at once.
    static func plainText(_ html: UnsafeBufferPointer<UInt8>) -> String {
        let space = UInt8(ascii: " ")
        var output: [UInt8] = []
        output.reserveCapacity(html.count)
        var index = 0
        while index < html.count {
            let start = index
            while index < html.count {
                let byte = html[index]
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == 0x0A { break }
                index += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: html[start..<index]))
            guard index < html.count else { break }
            let byte = html[index]
            index += 1
            if byte == 0x0A {
                output.append(space)
            } else if byte == UInt8(ascii: "<") {
                output.append(space)
                while index < html.count && html[index] != UInt8(ascii: ">") { index += 1 }
                index += 1
            } else {
                // An entity: up to ten bytes of name, then `;`; a longer one is kept as it is,
                // and one the text ends in is dropped.
                let nameStart = index
                while index < html.count {
                    let byte = html[index]
                    if byte == UInt8(ascii: ";") {
                        output += decode(entity: Array(html[nameStart..<index]))
                        index += 1
                        break
                    }
                    if index - nameStart == 10 {
                        output.append(UInt8(ascii: "&"))
                        output.append(
                            contentsOf: UnsafeBufferPointer(rebasing: html[nameStart...index]))
                        index += 1
                        break
                    }
                    index += 1
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
