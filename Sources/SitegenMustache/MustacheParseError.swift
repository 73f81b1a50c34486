/// Why a Mustache template does not parse, and where: the 1-based line and column of the tag.
///
/// The column counts Unicode scalars, like every `SourceLocation`. `Templates` adds the path.
public struct MustacheParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, quoting the offending name in single quotes.
    public let message: String
    /// The 1-based line of the offending tag.
    public let line: Int
    /// The 1-based column (in Unicode scalars) where the offending tag starts.
    public let column: Int

    /// Creates an error at a position.
    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}
