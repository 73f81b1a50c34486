import Foundation

/// Two briefs about one article: source URLs compared in a normal form.
extension SiteBuilder {
    /// A warning (an error with `--strict`) for each brief whose source is the same article as an
    /// earlier one's (by path), naming both files at their `source.url` lines.
    static func duplicateSources(_ briefs: [ParsedBrief]) -> [SitegenError] {
        var first: [String: ParsedBrief] = [:]
        var problems: [SitegenError] = []
        for brief in briefs.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            let key = SourceURL.normalised(brief.source.url)
            guard let earlier = first[key] else {
                first[key] = brief
                continue
            }
            problems.append(
                SitegenError(
                    .duplicate,
                    "'source.url' is the same article as the source of "
                        + "\(earlier.sourcePath):\(earlier.sourceLine) (\(key))",
                    at: SourceLocation(path: brief.sourcePath, line: brief.sourceLine),
                    hint: "merge the two briefs, or point one of them at another article",
                    severity: .warning))
        }
        return problems
    }
}

/// Source URLs in a normal form, so that two spellings of one article's address compare equal.
public enum SourceURL {
    /// The URL with the scheme (http and https alike) and host lowercased and `www.` dropped, no
    /// fragment, no trailing slash, and no tracking parameters (`utm_*`, `fbclid`, `gclid`).
    public static func normalised(_ url: String) -> String {
        guard var components = URLComponents(string: url), let host = components.host else {
            return url
        }
        var name = host.lowercased()
        if name.hasPrefix("www.") { name.removeFirst(4) }
        components.scheme = "https"
        components.host = name
        components.fragment = nil
        if components.port == 443 || components.port == 80 { components.port = nil }
        let kept = (components.queryItems ?? []).filter { item in
            let key = item.name.lowercased()
            return !key.hasPrefix("utm_") && key != "fbclid" && key != "gclid"
        }
        components.queryItems = kept.isEmpty ? nil : kept
        while components.path.hasSuffix("/") { components.path.removeLast() }
        return components.string ?? url
    }
}
