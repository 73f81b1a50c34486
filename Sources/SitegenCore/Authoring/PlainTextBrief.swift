import Foundation

/// A brief in the plain-text form readers see, split into its parts.
///
/// The form (`samples/microsoft-openai-next-phase.txt`): the Japanese title then the English title
/// on the first line; the Japanese key points as `- ` lines; an `English summary` heading and the
/// English key points; the Japanese body; the English body; and the disclaimer line naming the
/// source's host in parentheses. `Importer` turns it into a content file.
public struct PlainTextBrief: Sendable, Equatable {
    /// The Japanese title.
    public var title: String
    /// The English title, or empty when the first line has none.
    public var titleEN: String
    /// The Japanese key points.
    public var summary: [String]
    /// The English key points.
    public var summaryEN: [String]
    /// The Japanese body, one entry per paragraph.
    public var body: [String]
    /// The English body, one entry per paragraph.
    public var bodyEN: [String]
    /// The source's host named by the disclaimer line (`openai.com`), when there is one.
    public var sourceHost: String?
    /// The 1-based line of the disclaimer, when there is one.
    public var disclaimerLine: Int?

    /// Splits plain text (LF line endings) into its parts; `nil` when there is no text at all.
    public static func parse(_ text: String) -> PlainTextBrief? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingTrailingWhitespace()
        }
        guard let titleIndex = lines.firstIndex(where: { !$0.isBlank }) else { return nil }
        let (title, titleEN) = splitTitles(lines[titleIndex].trimmingLeadingWhitespace())
        var brief = PlainTextBrief(
            title: title, titleEN: titleEN, summary: [], summaryEN: [], body: [], bodyEN: [],
            sourceHost: nil, disclaimerLine: nil)
        var index = titleIndex + 1
        brief.summary = bullets(in: lines, from: &index)
        if index < lines.count, isEnglishSummaryHeading(lines[index]) {
            index += 1
            brief.summaryEN = bullets(in: lines, from: &index)
        }
        var bodyLines: [String] = []
        for (offset, line) in lines[index...].enumerated() {
            if let host = disclaimerHost(line) {
                brief.sourceHost = host
                brief.disclaimerLine = index + offset + 1
            } else {
                bodyLines.append(line)
            }
        }
        let paragraphs = self.paragraphs(bodyLines)
        if let last = paragraphs.lastIndex(where: isJapanese) {
            brief.body = Array(paragraphs[...last])
            brief.bodyEN = Array(paragraphs[(last + 1)...])
        } else {
            brief.bodyEN = paragraphs
        }
        return brief
    }

    /// Splits `日本語のタイトル English title` after the last Japanese character's word.
    static func splitTitles(_ line: String) -> (String, String) {
        let scalars = Array(line.unicodeScalars)
        guard let lastJapanese = scalars.lastIndex(where: isJapanese) else { return (line, "") }
        guard let space = scalars[lastJapanese...].firstIndex(where: { $0.properties.isWhitespace })
        else {
            return (line, "")
        }
        var japanese = String(String.UnicodeScalarView(scalars[..<space]))
        var english = String(String.UnicodeScalarView(scalars[space...]))
        japanese = japanese.trimmingTrailingWhitespace()
        english = english.trimmingLeadingWhitespace()
        // A separator between the two titles (`|`, `/`, `-`, `—`) belongs to neither.
        while let first = english.unicodeScalars.first,
            "|/-\u{2014}\u{2013}".unicodeScalars.contains(first)
        {
            english = String(english.dropFirst()).trimmingLeadingWhitespace()
        }
        return (japanese, english)
    }

    /// Reads `- item` lines (and `・`, `•`, `*`), skipping blank lines, up to the first other line.
    private static func bullets(in lines: [String], from index: inout Int) -> [String] {
        var items: [String] = []
        while index < lines.count {
            let line = lines[index].trimmingLeadingWhitespace()
            if line.isEmpty {
                index += 1
                continue
            }
            guard let item = bulletText(line) else { break }
            if !item.isEmpty { items.append(item) }
            index += 1
        }
        return items
    }

    private static func bulletText(_ line: String) -> String? {
        for marker in ["- ", "* ", "• ", "・", "－ "] where line.hasPrefix(marker) {
            return String(line.dropFirst(marker.count)).trimmingLeadingWhitespace()
        }
        return nil
    }

    /// `English summary`, also as `## English summary` or `English summary:`.
    static func isEnglishSummaryHeading(_ line: String) -> Bool {
        var text = line.trimmingLeadingWhitespace().trimmingTrailingWhitespace()
        while text.hasPrefix("#") { text = String(text.dropFirst()).trimmingLeadingWhitespace() }
        while text.hasSuffix(":") || text.hasSuffix("：") { text = String(text.dropLast()) }
        return text.lowercased() == "english summary"
    }

    /// The host in `…元記事 (openai.com) をご確認ください。` or in the English form
    /// `… the original article (openai.com) …`, or `nil` for any other line.
    static func disclaimerHost(_ line: String) -> String? {
        let isJapanese = line.contains("自動生成") && line.contains("元記事")
        let isEnglish =
            line.lowercased().contains("generated by ai")
            && line.lowercased().contains("original article")
        guard isJapanese || isEnglish else { return nil }
        let anchor =
            line.range(of: "元記事") ?? line.range(of: "original article", options: .caseInsensitive)
        guard let anchor else { return nil }
        let rest = line[anchor.upperBound...]
        guard let open = rest.firstIndex(where: { $0 == "(" || $0 == "（" }) else { return nil }
        let inner = rest[rest.index(after: open)...]
        guard let close = inner.firstIndex(where: { $0 == ")" || $0 == "）" }) else { return nil }
        let host = inner[..<close].trimmingCharacters(in: .whitespaces).lowercased()
        let isHost =
            host.contains(".") && !host.hasPrefix(".") && !host.hasSuffix(".")
            && host.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "."
                        || $0 == "-")
            }
        return isHost ? host : nil
    }

    /// Paragraphs: blank-line separated when the text has blank lines, else one per line.
    private static func paragraphs(_ lines: [String]) -> [String] {
        var trimmed = lines[...]
        while trimmed.first?.isBlank == true { trimmed = trimmed.dropFirst() }
        while trimmed.last?.isBlank == true { trimmed = trimmed.dropLast() }
        guard trimmed.contains(where: \.isBlank) else {
            return trimmed.map { $0.trimmingLeadingWhitespace() }
        }
        var result: [String] = []
        var current: [String] = []
        for line in trimmed {
            if line.isBlank {
                if !current.isEmpty { result.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line.trimmingLeadingWhitespace())
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        return result
    }

    /// Whether a paragraph is Japanese: it has kana and a fair share of Japanese characters, so an
    /// English paragraph quoting one Japanese word stays English.
    static func isJapanese(_ paragraph: String) -> Bool {
        var japanese = 0
        var visible = 0
        var hasKana = false
        for scalar in paragraph.unicodeScalars where !scalar.properties.isWhitespace {
            visible += 1
            if isJapanese(scalar) {
                japanese += 1
                if (0x3040...0x30FF).contains(scalar.value) { hasKana = true }
            }
        }
        return visible > 0 && (hasKana || japanese * 2 >= visible) && japanese * 5 >= visible
    }

    /// Kana, CJK ideographs, CJK punctuation and full-width forms.
    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
            0xFF00...0xFFEF, 0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }
}

extension String {
    fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }

    fileprivate func trimmingTrailingWhitespace() -> String {
        var scalars = unicodeScalars[...]
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    fileprivate func trimmingLeadingWhitespace() -> String {
        var scalars = unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace {
            scalars = scalars.dropFirst()
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
