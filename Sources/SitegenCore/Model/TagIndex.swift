import Foundation

/// The `/tags/` page's order: the most used tags first, then every tag grouped by how it is read.
///
/// Groups come in this order: Latin letters `A`-`Z` (full-width letters count as their ASCII
/// forms, case is ignored), then kana by gojūon row (`あ か さ た な は ま や ら わ`; hiragana and
/// katakana together, voiced and small kana with their plain forms), then everything else (`その他`):
/// digits, symbols, other scripts, and tags that start with a kanji. There is no reading data for
/// kanji, and ordering them by code point would look random to a reader, so they are not guessed
/// into kana rows; they are kept together, in code-point order, under the last heading.
public struct TagIndex: Sendable, Equatable {
    /// One tag as the index shows it.
    public struct Entry: Sendable, Equatable {
        /// The tag's name.
        public let name: String
        /// Its slug.
        public let slug: String
        /// How many briefs carry it.
        public let count: Int
    }

    /// A heading and the tags under it.
    public struct Group: Sendable, Equatable {
        /// An ASCII anchor for the heading: `latin-a`, `kana-ka`, `other`.
        public let id: String
        /// The heading: `A`, `か`, `その他`.
        public let label: String
        /// Its tags in reading order.
        public let entries: [Entry]
    }

    /// How many tags the "most used" list shows at most.
    public static let popularLimit = 24

    /// The most used tags (more than one brief), most used first, then by name.
    public let popular: [Entry]
    /// Every tag, grouped, groups in reading order.
    public let groups: [Group]

    /// Orders `entries` for the index.
    public init(entries: [Entry], otherLabel: String = "その他") {
        popular = Array(
            entries.filter { $0.count > 1 }
                .sorted { a, b in
                    a.count != b.count ? a.count > b.count : Self.precedes(a.slug, b.slug)
                }
                .prefix(Self.popularLimit))
        var buckets: [Int: [(key: [UInt32], entry: Entry)]] = [:]
        for entry in entries {
            let (bucket, key) = Self.bucket(of: entry.name)
            buckets[bucket, default: []].append((key, entry))
        }
        groups = buckets.keys.sorted().map { bucket in
            let sorted = (buckets[bucket] ?? []).sorted { a, b in
                a.key != b.key
                    ? a.key.lexicographicallyPrecedes(b.key)
                    : Self.precedes(a.entry.slug, b.entry.slug)
            }
            let (id, label) = Self.heading(of: bucket, otherLabel: otherLabel)
            return Group(id: id, label: label, entries: sorted.map(\.entry))
        }
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// Buckets: 0-25 Latin letters, 100-109 kana rows, 200 the rest.
    private static let kanaRowStarts: [UInt32] = [
        0x3041, 0x304B, 0x3055, 0x305F, 0x306A, 0x306F, 0x307E, 0x3083, 0x3089, 0x308E,
    ]
    private static let kanaRowLabels = ["あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ"]
    private static let kanaRowIDs = ["a", "ka", "sa", "ta", "na", "ha", "ma", "ya", "ra", "wa"]

    private static func heading(of bucket: Int, otherLabel: String) -> (String, String) {
        switch bucket {
        case 0..<26:
            let letter = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(bucket)))
            return ("latin-\(letter)", letter.uppercased())
        case 100..<110:
            return ("kana-\(kanaRowIDs[bucket - 100])", kanaRowLabels[bucket - 100])
        default:
            return ("other", otherLabel)
        }
    }

    /// The bucket a name goes in and the key it is sorted by inside it.
    static func bucket(of name: String) -> (bucket: Int, key: [UInt32]) {
        let key = readingKey(name)
        guard let first = key.first else { return (200, key) }
        switch first {
        case 0x61...0x7A: return (Int(first - 0x61), key)
        case 0x3041...0x3096:
            // Voiced and small kana are already their plain forms in the key's first part.
            return (100 + (kanaRowStarts.lastIndex { $0 <= first } ?? 0), key)
        default: return (200, key)
        }
    }

    /// A name's sort key: compatibility forms folded (full-width letters, half-width kana), case
    /// ignored, katakana read as hiragana, voicing marks, small kana and the long-vowel mark
    /// compared as their plain kana first (or left out), the full form breaking ties.
    static func readingKey(_ name: String) -> [UInt32] {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        var primary: [UInt32] = []
        var secondary: [UInt32] = []
        for scalar in folded.decomposedStringWithCanonicalMapping.unicodeScalars {
            var value = scalar.value
            if (0x30A1...0x30F6).contains(value) { value -= 0x60 }  // katakana → hiragana
            if value == 0x3099 || value == 0x309A {  // combining voicing marks
                secondary.append(value)
                continue
            }
            if scalar.properties.isWhitespace { continue }
            secondary.append(value)
            // The long-vowel mark lengthens the kana before it: ハート is read as はと first.
            if value == 0x30FC { continue }
            primary.append(smallKana[value] ?? value)
        }
        return primary + [0] + secondary
    }

    /// Small kana and their full-size forms.
    private static let smallKana: [UInt32: UInt32] = [
        0x3041: 0x3042, 0x3043: 0x3044, 0x3045: 0x3046, 0x3047: 0x3048, 0x3049: 0x304A,
        0x3063: 0x3064, 0x3083: 0x3084, 0x3085: 0x3086, 0x3087: 0x3088, 0x308E: 0x308F,
        0x3095: 0x304B, 0x3096: 0x3051,
    ]
}
