import SitegenBase

/// Briefs grouped by the site their source article is on, for `/sources/` and `/sources/<host>/`.
///
/// A source is identified by its URL's host without a leading `www.` (`https://www.openai.com/…`
/// and `https://openai.com/…` are both `openai.com`). That key is also the URL segment, made safe
/// by the rules tag slugs follow (SPEC §4), so no host can reach outside `/sources/`.
public struct SourceDirectory: Sendable, Equatable {
    /// One source site and its briefs.
    public struct Entry: Sendable, Equatable {
        /// The key and URL segment, e.g. `openai.com`.
        public let key: String
        /// The name most of its briefs give the source (`OpenAI`); ties go to the first in
        /// code-point order, so the choice does not depend on the order of the briefs.
        public let name: String
        /// Positions of its briefs in the input, in input order.
        public let positions: [Int]

        /// How many briefs it has.
        public var count: Int { positions.count }

        /// The site path of the source's first page, e.g. `sources/openai.com/`.
        public var sitePath: String { Permalinks.source(key) }
    }

    /// Every source with briefs, sorted by key.
    public let entries: [Entry]

    /// The source key of a URL host: lower-cased, without a leading `www.` or a trailing `.`,
    /// and safe as a path segment; `nil` when nothing usable is left.
    public static func key(host: String) -> String? {
        var host = Substring(host.lowercased())
        if host.hasSuffix(".") { host = host.dropLast() }
        // `www.com` stays itself: only a `www.` in front of a name with a dot of its own goes.
        if host.hasPrefix("www."), host.dropFirst(4).contains(".") { host = host.dropFirst(4) }
        return Slug.tag(String(host))
    }

    /// Groups briefs by the key of their source's host.
    /// - Parameter sources: per brief, its source URL's host and the name shown for it.
    public init(sources: [(host: String, name: String)]) {
        var positions: [String: [Int]] = [:]
        var names: [String: [String: Int]] = [:]
        for (position, source) in sources.enumerated() {
            guard let key = Self.key(host: source.host) else { continue }
            positions[key, default: []].append(position)
            names[key, default: [:]][source.name, default: 0] += 1
        }
        entries = positions.keys.sorted().map { key in
            let counts = names[key] ?? [:]
            let name =
                counts.min { a, b in
                    a.value != b.value
                        ? a.value > b.value
                        : a.key.unicodeScalars.lexicographicallyPrecedes(b.key.unicodeScalars)
                }?.key ?? key
            return Entry(key: key, name: name, positions: positions[key] ?? [])
        }
    }

    /// Per brief position, the index of its entry in `entries` (`nil` for a host with no key).
    public func entryIndices(count: Int) -> [Int?] {
        var indices = [Int?](repeating: nil, count: count)
        for (index, entry) in entries.enumerated() {
            for position in entry.positions where position < count { indices[position] = index }
        }
        return indices
    }
}
