import Foundation
import SitegenBase

/// Checks that every internal link in a rendered site leads to a page or file, for `sitegen check`.
///
/// Runs after stage 6 on `SiteBuilder.render()`'s result and writes nothing. Root-relative links
/// (`/briefs/a/`), relative ones (`../b/`) and absolute links to the site's own address are
/// resolved as a static host would: a folder means its `index.html`, and `dir` without the slash
/// is accepted when `dir/index.html` exists. Links in a brief's or page's body are reported at the
/// line of the content file that has them; links that come from templates are reported once per
/// link, naming the first page that has them.
public struct LinkChecker: Sendable {
    /// What a check found.
    public struct Report: Sendable {
        /// One error per broken link, sorted by location.
        public let errors: [SitegenError]
        /// HTML pages read.
        public let pageCount: Int
        /// Internal links checked.
        public let linkCount: Int
    }

    let site: Site
    let files: [RenderedFile]
    let existing: Set<String>
    let sources: [String: SourceFile]

    /// Creates a checker.
    /// - Parameters:
    ///   - files: the rendered files.
    ///   - staticFiles: the output paths of copied static files.
    ///   - sources: the content files, to find the line a body link is on.
    public init(
        site: Site, files: [RenderedFile], staticFiles: [String], sources: [SourceFile] = []
    ) {
        self.site = site
        self.files = files
        self.existing = Set(files.map(\.path)).union(staticFiles)
        self.sources = Dictionary(
            sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Where a page came from.
    private enum Origin {
        case brief(Article)
        case page(StandalonePage)
        case generated

        var sourcePath: String? {
            switch self {
            case .brief(let article): return article.sourcePath
            case .page(let page): return page.sourcePath
            case .generated: return nil
            }
        }

        var sections: [Section] {
            switch self {
            case .brief(let article): return article.sections
            case .page(let page): return page.sections
            case .generated: return []
            }
        }
    }

    private struct Broken: Sendable {
        let page: String
        let link: String
    }

    /// Reads every HTML file and reports the links that lead nowhere.
    public func check() async -> Report {
        let base = site.config.baseURL
        let existing = self.existing
        let pages = files.filter { $0.path.hasSuffix(".html") }
        let results = await ParallelMap.map(pages) { file -> (links: Int, broken: [Broken]) in
            var count = 0
            var broken: [Broken] = []
            for link in HTMLLinks.extract(file.bytes) {
                switch Self.target(of: link, onPage: file.path, base: base) {
                case .notChecked:
                    continue
                case .file(let path):
                    count += 1
                    if !existing.contains(path), !existing.contains(path + "/index.html") {
                        broken.append(Broken(page: file.path, link: link))
                    }
                case .outside:
                    count += 1
                    broken.append(Broken(page: file.path, link: link))
                }
            }
            return (count, broken)
        }
        let broken = results.flatMap(\.broken)
        return Report(
            errors: Diagnostics.sorted(report(broken)), pageCount: pages.count,
            linkCount: results.reduce(0) { $0 + $1.links })
    }

    /// Turns broken links into errors: body links at their content line, template links grouped.
    private func report(_ broken: [Broken]) -> [SitegenError] {
        guard !broken.isEmpty else { return [] }
        var origins: [String: Origin] = [:]
        for article in site.articles {
            origins[Permalinks.file(for: Permalinks.brief(article.slug))] = .brief(article)
        }
        for page in site.pages {
            origins[Permalinks.file(for: Permalinks.page(page.slug))] = .page(page)
        }
        // Every page's folder, for "did you mean" hints; computed once.
        let folders = existing.filter { $0 == "index.html" || $0.hasSuffix("/index.html") }
            .map { String($0.dropLast(10)) }.sorted()
        var hintsLeft = 50
        func hint(for link: String) -> String? {
            hintsLeft -= 1
            return self.hint(for: link, among: hintsLeft >= 0 ? folders : [])
        }
        var errors: [SitegenError] = []
        var reported: Set<String> = []
        var fromTemplates: [String: [String]] = [:]
        var templateLinkOrder: [String] = []
        var bodyLinks: [String: Set<String>] = [:]
        for item in broken {
            let origin = origins[item.page] ?? .generated
            if let path = origin.sourcePath {
                let links =
                    bodyLinks[path]
                    ?? Set(origin.sections.flatMap { HTMLLinks.extract(Array($0.html.utf8)) })
                bodyLinks[path] = links
                if links.contains(item.link) {
                    if reported.insert(path + "\u{0}" + item.link).inserted {
                        errors.append(
                            SitegenError(
                                .link, "broken link '\(item.link)'",
                                at: location(of: item.link, in: path),
                                hint: hint(for: item.link)))
                    }
                    continue
                }
            }
            if fromTemplates[item.link] == nil { templateLinkOrder.append(item.link) }
            fromTemplates[item.link, default: []].append(item.page)
        }
        for link in templateLinkOrder {
            let pages = (fromTemplates[link] ?? []).sorted()
            guard let first = pages.first else { continue }
            let more = pages.count - 1
            let message =
                "broken link '\(link)' on page '\(display(first))'"
                + (more > 0 ? " and \(more) more page\(more == 1 ? "" : "s")" : "")
                + " (from a template)"
            let location = (origins[first]?.sourcePath).map { SourceLocation(path: $0) }
            errors.append(SitegenError(.link, message, at: location, hint: hint(for: link)))
        }
        return errors
    }

    /// The page's address as a reader sees it: `/briefs/tags/生成ai/`.
    private func display(_ file: String) -> String {
        let path =
            file == "index.html" || file.hasSuffix("/index.html") ? String(file.dropLast(10)) : file
        return site.config.baseURL.path + path
    }

    /// The line and column of a body link in its content file, when it can be found.
    private func location(of link: String, in path: String) -> SourceLocation {
        guard let file = sources[path] else { return SourceLocation(path: path) }
        let basePath = site.config.baseURL.path
        var candidates = [link]
        if basePath != "/", link.hasPrefix(basePath) {
            candidates.append("/" + link.dropFirst(basePath.count))
        }
        if let decoded = link.removingPercentEncoding, decoded != link {
            candidates.append(decoded)
        }
        let text = String(decoding: FrontMatter.normalise(file.bytes), as: UTF8.self)
        var lineNumber = 0
        // Look in the body only: front matter holds no internal links.
        var fences = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if fences < 2 {
                if line.trimmingCharacters(in: .whitespaces) == "---" { fences += 1 }
                continue
            }
            for candidate in candidates.reversed() {
                // Prefer the spelling written in the file: the rebased link last.
                guard let range = line.range(of: candidate) else { continue }
                let column =
                    line.unicodeScalars.distance(
                        from: line.unicodeScalars.startIndex, to: range.lowerBound) + 1
                return SourceLocation(path: path, line: lineNumber, column: column)
            }
        }
        return SourceLocation(path: path)
    }

    /// "did you mean '/briefs/a/'?" when a page's address is close to the link.
    /// - Parameter folders: the site's page folders (`briefs/a/`); empty to skip the search.
    private func hint(for link: String, among folders: [String]) -> String? {
        guard
            case .file(let wanted) = Self.target(
                of: link, onPage: "index.html", base: site.config.baseURL)
        else {
            return link.hasPrefix("/")
                ? "links inside the site must start with the base path '\(site.config.baseURL.path)'"
                : "the link climbs above the site's root folder"
        }
        let target = wanted.hasSuffix("index.html") ? String(wanted.dropLast(10)) : wanted
        guard let closest = Suggestion.closest(to: target, among: folders) else { return nil }
        return "did you mean '\(site.config.baseURL.path + closest)'?"
    }

    /// What a link points at.
    enum Target: Equatable {
        /// External, a fragment, or a scheme such as `mailto:`.
        case notChecked
        /// A file in the output folder (decoded, relative, `index.html` added for folders).
        case file(String)
        /// A root-relative link outside the base path, or a relative one above the root.
        case outside
    }

    /// Resolves `link` found on the page written to `page` (`briefs/a/index.html`).
    static func target(of link: String, onPage page: String, base: BaseURL) -> Target {
        var url = link.trimmingCharacters(in: .whitespacesAndNewlines)
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") { return .notChecked }
        if let colon = url.firstIndex(of: ":"),
            url[..<colon].allSatisfy({
                $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0))
            })
        {
            let origin = base.origin.lowercased()
            guard url.lowercased().hasPrefix(origin + "/") else { return .notChecked }
            url = String(url.dropFirst(origin.count))
        }
        if let cut = url.firstIndex(where: { $0 == "?" || $0 == "#" }) { url = String(url[..<cut]) }
        var relative: String
        if url.hasPrefix("/") {
            guard url.hasPrefix(base.path) || url + "/" == base.path else { return .outside }
            relative = String(url.dropFirst(min(url.count, base.path.count)))
        } else {
            let folder = page.lastIndex(of: "/").map { String(page[...$0]) } ?? ""
            relative = folder + url
        }
        guard let normalised = normalise(relative) else { return .outside }
        relative = normalised.removingPercentEncoding ?? normalised
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        return .file(relative)
    }

    /// Resolves `.` and `..` segments; `nil` when `..` climbs above the root.
    private static func normalise(_ path: String) -> String? {
        var segments: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            switch part {
            case ".":
                if isLast { segments.append("") }
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
                if isLast { segments.append("") }
            case "" where !isLast:
                continue
            default:
                segments.append(part)
            }
        }
        return segments.joined(separator: "/")
    }
}
