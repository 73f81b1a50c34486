/// A position in a file of the site, used to point diagnostics at the offending spot.
///
/// `path` is relative to the site root (`content/briefs/a.md`); `line` and `column` count from 1.
public struct SourceLocation: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    /// The file, relative to the site root.
    public let path: String
    /// The 1-based line, or `nil` when the problem concerns the whole file.
    public let line: Int?
    /// The 1-based column (in Unicode scalars), when known.
    public let column: Int?

    /// Creates a location; `line` and `column` are optional.
    public init(path: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, leaving out the parts that are not known.
    public var description: String {
        var text = path
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return (lhs.column ?? 0) < (rhs.column ?? 0)
    }
}
