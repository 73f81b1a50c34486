/// Where a site keeps its briefs under `content/briefs/`, so new ones go where the others are.
public enum BriefLayout: Sendable, Equatable {
    /// `2026/04/<slug>.md`: the default.
    case yearAndMonth
    /// `2026/<slug>.md`.
    case year
    /// `<slug>.md`, all in one folder.
    case flat

    /// The layout most existing briefs follow, or `.yearAndMonth` for a site without briefs.
    /// - Parameter paths: brief files relative to `content/briefs/`.
    public static func detect(in paths: [String]) -> BriefLayout {
        var counts: [BriefLayout: Int] = [:]
        for path in paths {
            let folders = path.split(separator: "/").dropLast()
            if folders.isEmpty {
                counts[.flat, default: 0] += 1
            } else if folders.count == 1, isNumber(folders[0], digits: 4) {
                counts[.year, default: 0] += 1
            } else if folders.count == 2, isNumber(folders[0], digits: 4),
                isNumber(folders[1], digits: 2)
            {
                counts[.yearAndMonth, default: 0] += 1
            }
        }
        // Ties go to the default, then to the deeper layout.
        var best = BriefLayout.yearAndMonth
        for candidate in [BriefLayout.year, .flat]
        where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }

    /// The file for a brief dated `date` (shown in the site's timezone), relative to the site root.
    public func path(slug: String, date: Timestamp) -> String {
        let civil = date.civil
        let year = String(civil.year)
        switch self {
        case .yearAndMonth:
            return "content/briefs/\(year)/\(Timestamp.pad2(civil.month))/\(slug).md"
        case .year: return "content/briefs/\(year)/\(slug).md"
        case .flat: return "content/briefs/\(slug).md"
        }
    }

    private static func isNumber(_ text: Substring, digits: Int) -> Bool {
        text.count == digits && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
