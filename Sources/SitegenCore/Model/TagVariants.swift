import Foundation
import SitegenBase

/// Tags that differ only by case, width or spacing (`OpenAI`, `ＯｐｅｎＡＩ`, `Open AI`), for
/// `sitegen check` to suggest a registry entry that makes them one tag.
///
/// Case alone already merges tags (they share a slug), so in practice a group has tags that
/// differ in width (full-width letters, half-width kana) or white space, and maybe case too.
public struct TagVariants: Sendable, Equatable {
    /// One tag as used in the site.
    public struct Usage: Sendable, Equatable {
        /// The tag's name.
        public let name: String
        /// Its slug.
        public let slug: String
        /// How many briefs carry it.
        public let count: Int

        /// Creates a usage.
        public init(name: String, slug: String, count: Int) {
            self.name = name
            self.slug = slug
            self.count = count
        }
    }

    /// The most used spelling, suggested as the canonical name.
    public let canonical: Usage
    /// The others, most used first.
    public let others: [Usage]

    /// Groups of two or more tags (by slug) that are one name once case, width and white space
    /// are folded; groups sorted by their canonical name.
    public static func groups(_ usages: [Usage]) -> [TagVariants] {
        var byKey: [String: [Usage]] = [:]
        for usage in usages { byKey[foldedKey(usage.name), default: []].append(usage) }
        return byKey.values.compactMap { group -> TagVariants? in
            let sorted = group.sorted { a, b in
                a.count != b.count ? a.count > b.count : precedes(a.name, b.name)
            }
            guard sorted.count > 1, let first = sorted.first else { return nil }
            return TagVariants(canonical: first, others: Array(sorted.dropFirst()))
        }
        .sorted { precedes($0.canonical.name, $1.canonical.name) }
    }

    /// A name with compatibility forms folded (full width, half width), lower-cased, without
    /// white space.
    static func foldedKey(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
        where !scalar.properties.isWhitespace {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// The warning's text: `tags 'OpenAI' (3 briefs) and 'Open AI' (1 brief) differ only by
    /// case, width or spacing`.
    public var message: String {
        let all = [canonical] + others
        let named = all.map { "'\($0.name)' (\($0.count) \($0.count == 1 ? "brief" : "briefs"))" }
        let list =
            named.count == 2
            ? "\(named[0]) and \(named[1])"
            : named.dropLast().joined(separator: ", ") + " and " + (named.last ?? "")
        return "tags \(list) differ only by case, width or spacing"
    }

    /// The suggested `tags.yml` entry that merges them under the most used spelling.
    public var suggestedEntry: String {
        "\(Self.yamlString(canonical.name)):\n  aliases: ["
            + others.map { Self.yamlString($0.name) }.joined(separator: ", ") + "]"
    }

    /// A YAML flow scalar for a name: plain when that reads back the same, else double-quoted.
    static func yamlString(_ text: String) -> String {
        let special = Set(":#[]{},&*!|>'\"%@`?-\\".unicodeScalars)
        let isPlain =
            !text.isEmpty && text.trimmingCharacters(in: .whitespaces) == text
            && !text.unicodeScalars.contains { special.contains($0) || $0.value < 0x20 }
            && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
        if isPlain { return text }
        return Escaping.jsonString(text)
    }
}
