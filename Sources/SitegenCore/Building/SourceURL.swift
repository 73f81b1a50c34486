import Foundation

/// Two briefs about one article: source URLs compared in a normal form.
extension SiteBuilder {
    /// A warning (an error with `--strict`) for each brief whose source is the same article as an
    /// earlier one's (by path), naming both files at their `source.url` lines.
    /// - Parameter briefs: in path order.
    static func duplicateSources(_ briefs: [ParsedBrief]) -> [SitegenError] {
        var first: [String: ParsedBrief] = [:]
        first.reserveCapacity(briefs.count)
        var problems: [SitegenError] = []
        for brief in briefs {
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
        plainNormalised(url) ?? normalisedByComponents(url)
    }

    /// `normalised` for the common shape, `http(s)://host/path` with a host of ASCII letters,
    /// digits, dots and dashes and a path of characters no step of `normalisedByComponents`
    /// encodes or decodes, worked out on the bytes; `nil` for every other URL. Foundation's
    /// `URLComponents` took 3 us a brief, and the check runs on every brief of every build.
    static func plainNormalised(_ url: String) -> String? {
        let bytes = url.utf8
        let schemeLength: Int
        if bytes.starts(with: "https://".utf8) {
            schemeLength = 8
        } else if bytes.starts(with: "http://".utf8) {
            schemeLength = 7
        } else {
            return nil
        }
        let rest = bytes.dropFirst(schemeLength)
        let hostEnd = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        var host = rest[..<hostEnd]
        guard host.allSatisfy(isHostByte) else { return nil }
        if host.count >= 4, host.prefix(4).map(lowercased).elementsEqual("www.".utf8) {
            host = host.dropFirst(4)
        }
        guard let first = host.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-")
        else { return nil }
        var path = rest[hostEnd...]
        guard path.allSatisfy(isPathByte) else { return nil }
        while path.last == UInt8(ascii: "/") { path = path.dropLast() }
        var result = [UInt8]("https://".utf8)
        result.reserveCapacity(8 + host.count + path.count)
        result.append(contentsOf: host.lazy.map(lowercased))
        result.append(contentsOf: path)
        return String(decoding: result, as: UTF8.self)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        (97...122).contains(byte) || (65...90).contains(byte) || (48...57).contains(byte)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    /// Unreserved characters, `/` and the sub-delimiters but `;`, which `URLComponents` and
    /// Foundation's path character sets do not agree on.
    private static func isPathByte(_ byte: UInt8) -> Bool {
        isHostByte(byte) || "/_~!$&'()*+,=:@".utf8.contains(byte)
    }

    /// `normalised` by Foundation's `URLComponents`, for every URL.
    static func normalisedByComponents(_ url: String) -> String {
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
