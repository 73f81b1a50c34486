import SitegenBase

/// The site's tag registry from `tags.yml`: canonical names, English names, ASCII slugs, aliases.
///
/// A registered tag is one tag at its slug whatever spelling a brief uses: its canonical name or
/// any alias, in any case (spellings are matched by their tag slug, as SPEC §4 merges tags).
/// Unregistered tags are not affected. The registry is checked when it is loaded
/// (`TagRegistryLoader`), so every spelling and slug here belongs to exactly one entry.
public struct TagRegistry: Sendable, Equatable {
    /// One registered tag.
    public struct Entry: Sendable, Equatable {
        /// The canonical name, as written in briefs (`生成AI`).
        public let name: String
        /// The English display name, when given (`Generative AI`).
        public let en: String?
        /// The URL segment: the registered ASCII slug, or the name's tag slug.
        public let slug: String
        /// Other spellings merged into this tag.
        public let aliases: [String]
        /// The line of the entry in `tags.yml`.
        public let line: Int

        /// Creates an entry.
        public init(name: String, en: String?, slug: String, aliases: [String], line: Int) {
            self.name = name
            self.en = en
            self.slug = slug
            self.aliases = aliases
            self.line = line
        }
    }

    /// The entries in file order.
    public let entries: [Entry]
    /// Entry index by the tag slug of each spelling (name and aliases).
    private let bySpelling: [String: Int]
    /// Entry index by registered slug.
    private let bySlug: [String: Int]

    /// A registry without entries (no `tags.yml`).
    public static let empty = TagRegistry(entries: [])

    /// Indexes checked entries. Spellings claimed twice go to the first entry.
    public init(entries: [Entry]) {
        self.entries = entries
        var bySpelling: [String: Int] = [:]
        var bySlug: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            for spelling in [entry.name] + entry.aliases {
                if let key = Slug.tag(spelling), bySpelling[key] == nil { bySpelling[key] = index }
            }
            if bySlug[entry.slug] == nil { bySlug[entry.slug] = index }
        }
        self.bySpelling = bySpelling
        self.bySlug = bySlug
    }

    /// Whether there are no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The entry a tag as written in a brief belongs to, if it is registered.
    public func entry(for spelling: String) -> Entry? {
        guard !entries.isEmpty, let key = Slug.tag(spelling), let index = bySpelling[key] else {
            return nil
        }
        return entries[index]
    }

    /// The entry registered at `slug`, if any.
    public func entry(slug: String) -> Entry? {
        bySlug[slug].map { entries[$0] }
    }

    /// The entry that takes in a tag which is not one of its spellings but has its registered
    /// slug (`Generative AI` when `生成AI` has the slug `generative-ai`), if any. Tags are one tag
    /// per slug, so the build merges the two and warns (`TagRegistryCheck`).
    public func entry(absorbing tag: Tag) -> Entry? {
        guard !entries.isEmpty, bySpelling[tag.slug] == nil, let index = bySlug[tag.slug] else {
            return nil
        }
        return entries[index]
    }

    /// The tag a spelling stands for: the registered name at the registered slug, or the
    /// spelling at its own tag slug (`nil` when it has none).
    public func tag(for spelling: String) -> Tag? {
        if let entry = entry(for: spelling) { return Tag(name: entry.name, slug: entry.slug) }
        return Slug.tag(spelling).map { Tag(name: spelling, slug: $0) }
    }

    /// A brief's tags as the registry merges them: each registered spelling becomes its tag,
    /// and a tag that another spelling already gave is left out (one tag per slug).
    public func tags(for tags: [Tag]) -> [Tag] {
        var merged: [Tag] = []
        for tag in tags {
            let shown = entry(for: tag.name).map { Tag(name: $0.name, slug: $0.slug) } ?? tag
            if !merged.contains(where: { $0.slug == shown.slug }) { merged.append(shown) }
        }
        return merged
    }

    /// Whether `slug` is usable as a registered slug: lower-case ASCII letters and digits in
    /// words joined by single `-`, no longer than any slug may be.
    public static func isValidSlug(_ slug: String) -> Bool {
        guard Slug.problem(inPathSlug: slug) == nil else { return false }  // empty, too long
        var previous = UInt8(ascii: "-")
        for byte in slug.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "-") where previous != UInt8(ascii: "-"): break
            default: return false
            }
            previous = byte
        }
        return previous != UInt8(ascii: "-")
    }

    /// A valid slug made from `text`, for a hint (`Generative AI` → `generative-ai`), if any.
    public static func suggestedSlug(for text: String) -> String? {
        var slug = ""
        var pendingDash = false
        for byte in text.lowercased().utf8 {
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            {
                if pendingDash && !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                pendingDash = true
            }
        }
        return isValidSlug(slug) ? slug : nil
    }
}
