import Foundation
import SitegenBase

/// A brief about to be written by `sitegen new` or `sitegen import`: its fields and body, and the
/// Markdown file text they make.
///
/// Authoring support, outside the build pipeline. Fields are written in the order SPEC.md §2 lists
/// them, each value quoted only when YAML would otherwise read it differently, so the file is
/// pleasant to edit and parses back to exactly these values.
public struct BriefDocument: Sendable, Equatable {
    /// The title in the site's language.
    public var title: String
    /// The English title; empty when there is none.
    public var titleEN: String
    /// The publication date as written (`2026-04-28T09:00:00+09:00`).
    public var date: String
    /// The source article's URL; empty leaves `url:` blank for the author to fill in.
    public var sourceURL: String
    /// The source's label; empty means "the URL's host".
    public var sourceName: String
    /// Tags, as given.
    public var tags: [String]
    /// Key points in the site's language.
    public var summary: [String]
    /// Key points in English.
    public var summaryEN: [String]
    /// Whether the AI disclaimer is shown.
    public var isGenerated: Bool
    /// Whether the brief is held out of builds without `--drafts`.
    public var isDraft: Bool
    /// The URL slug.
    public var slug: String
    /// The body in the brief's language (Markdown).
    public var body: String
    /// The English body (Markdown), written after a `<!-- lang: en -->` marker; empty for none.
    public var bodyEN: String

    /// Creates a document.
    public init(
        title: String, titleEN: String = "", date: String, sourceURL: String = "",
        sourceName: String = "", tags: [String] = [], summary: [String] = [],
        summaryEN: [String] = [], isGenerated: Bool = true, isDraft: Bool = false,
        slug: String, body: String = "", bodyEN: String = ""
    ) {
        self.title = title
        self.titleEN = titleEN
        self.date = date
        self.sourceURL = sourceURL
        self.sourceName = sourceName
        self.tags = tags
        self.summary = summary
        self.summaryEN = summaryEN
        self.isGenerated = isGenerated
        self.isDraft = isDraft
        self.slug = slug
        self.body = body
        self.bodyEN = bodyEN
    }

    /// The file text: front matter between `---` lines, the body, then the English body.
    /// - Parameter allFields: writes every field, empty ones included, so a scaffold shows the
    ///   author everything there is to fill in; otherwise empty optional fields are left out.
    public func text(allFields: Bool) -> String {
        var lines = ["---"]
        // The fields in the order SPEC.md §2 lists them, each under its front-matter key.
        for field in BriefField.allCases {
            let key = field.key
            switch field {
            case .title: lines.append(key + ": " + YAMLText.scalar(title))
            case .titleEN:
                if allFields || !titleEN.isEmpty {
                    lines.append(key + ": " + YAMLText.scalar(titleEN))
                }
            case .date: lines.append(key + ": " + YAMLText.scalar(date))
            case .updated: if allFields { lines.append(key + ":") }
            case .source:
                lines.append(key + ":")
                lines.append(sourceURL.isEmpty ? "  url:" : "  url: " + YAMLText.scalar(sourceURL))
                if allFields || !sourceName.isEmpty {
                    lines.append("  name: " + YAMLText.scalar(sourceName))
                }
            case .tags:
                if allFields || !tags.isEmpty { lines.append(key + ": " + YAMLText.flowList(tags)) }
            case .summary, .summaryEN:
                let items = field == .summary ? summary : summaryEN
                if allFields || !items.isEmpty {
                    lines.append(key + ":")
                    lines += (items.isEmpty ? [""] : items).map { "  - " + YAMLText.scalar($0) }
                }
            case .isGenerated: lines.append(key + ": \(isGenerated)")
            case .isDraft: lines.append(key + ": \(isDraft)")
            case .slug: lines.append(key + ": " + YAMLText.scalar(slug))
            case .language: break  // a new brief is in the site's language
            }
        }
        lines.append("---")
        var text = lines.joined(separator: "\n") + "\n"
        text += Self.trimmed(body)
        if !bodyEN.isEmpty {
            text += "\n<!-- lang: en -->\n" + Self.trimmed(bodyEN)
        }
        return text
    }

    /// The text with surrounding blank lines removed and one final newline.
    private static func trimmed(_ text: String) -> String {
        let inner = text.trimmingCharacters(in: .newlines)
        return inner.isEmpty ? "" : inner + "\n"
    }
}

/// Writes YAML scalars so that they read back as the same strings.
enum YAMLText {
    /// `text` as a plain scalar when that is safe, otherwise double-quoted.
    static func scalar(_ text: String) -> String {
        isPlainSafe(text, inFlow: false) ? text : quoted(text)
    }

    /// `[a, b]`, quoting items that a flow list would split or misread.
    static func flowList(_ items: [String]) -> String {
        "[" + items.map { isPlainSafe($0, inFlow: true) ? $0 : quoted($0) }.joined(separator: ", ")
            + "]"
    }

    /// A double-quoted scalar with `\`, `"` and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F
                    || (0x80..<0xA0).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}"
                {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Words YAML 1.1 or 1.2 resolves to booleans or null.
    private static let reserved: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]

    /// Whether `text` can be written unquoted and read back unchanged as a string.
    static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else {
            return false
        }
        if first == " " || last == " " || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if reserved.contains(text.lowercased()) { return false }
        // Numbers, dates and times read as other types in some YAML readers.
        if text.unicodeScalars.allSatisfy({ "0123456789.+-_:eE ".unicodeScalars.contains($0) }) {
            return false
        }
        if text.contains(": ") || text.contains(" #") || text.contains("\t") { return false }
        if inFlow && text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) {
            return false
        }
        return !text.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}"
        }
    }
}
