import SitegenBase

/// Slugs for new briefs, made from their titles.
extension Slug {
    /// The longest slug made from a title, in characters; longer titles are cut at a word.
    static let maxTitleSlugLength = 60

    /// A lower-case ASCII slug from an English title (`The next phase` → `the-next-phase`), or
    /// `nil` when the title has letters outside ASCII (a Japanese title) or no letters at all.
    ///
    /// Runs of anything but ASCII letters and digits become one `-`. Apostrophes are dropped so
    /// that `OpenAI's` gives `openais`, as Hugo and Zola do.
    public static func ascii(fromTitle title: String) -> String? {
        var words: [String] = []
        var current = ""
        for scalar in title.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else if !scalar.isASCII,
                scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            {
                return nil
            } else if !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        guard !words.isEmpty else { return nil }
        var slug = ""
        for word in words {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > maxTitleSlugLength && !slug.isEmpty { break }
            slug = String(next.prefix(maxTitleSlugLength))
        }
        return slug
    }

    /// A slug from the date and time of day, for titles that give no ASCII slug:
    /// `2026-04-28-0930`.
    public static func dated(_ timestamp: Timestamp) -> String {
        let civil = timestamp.civil
        return civil.dateString + "-" + Timestamp.pad2(civil.hour) + Timestamp.pad2(civil.minute)
    }
}
