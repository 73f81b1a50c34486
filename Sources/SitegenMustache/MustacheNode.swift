/// One piece of a compiled Mustache template.
///
/// Sections hold their bodies, so a template is a tree. Partials start out as names and are
/// turned into indices into the library's templates when the library links them.
enum MustacheNode: Sendable {
    /// Template text, copied as it is.
    case text([UInt8])
    /// The start of a template line that does not start inside a text node. Inside an indented
    /// standalone partial this is where the indentation goes; everywhere else it writes nothing.
    case lineStart
    /// `{{name}}` (HTML-escaped) or `{{{name}}}` and `{{& name}}` (raw).
    case variable(MustacheName, isEscaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(MustacheName, isInverted: Bool, body: [MustacheNode])
    /// `{{> name}}`.
    case partial(MustachePartialCall)
}

/// A name as written in a tag: `.`, `title`, or a dotted path such as `page.title`.
struct MustacheName: Sendable, Equatable {
    /// The name as written, for messages.
    let text: String
    /// The first part, looked up through the context stack; `nil` for the implicit iterator `.`.
    let first: String?
    /// The remaining parts, each looked up in the value the part before it found.
    let rest: [String]

    /// Splits a dotted name; `nil` when a part is empty (`a..b`, `.a`, `a.`).
    init?(_ text: String) {
        self.text = text
        if text == "." {
            first = nil
            rest = []
            return
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let head = parts.first, !parts.contains(where: \.isEmpty) else { return nil }
        first = head
        rest = Array(parts.dropFirst())
    }
}

/// A `{{> name}}` tag: which template it includes, and how.
struct MustachePartialCall: Sendable {
    /// The partial's name as written.
    let name: String
    /// The partial's index in the linked library, or `nil` while unlinked or unknown.
    var index: Int?
    /// The whitespace before a standalone partial tag, put in front of every line of the
    /// partial; `nil` when the tag is not standalone.
    let indentation: [UInt8]?
    /// Where the tag is, for "unknown partial" errors.
    let line: Int
    let column: Int
}
