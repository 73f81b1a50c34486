/// A problem found while building: an error or a warning, with where it is and how to fix it.
///
/// Each stage keeps its own reasons and turns them into `SitegenError`s at its boundary, adding the
/// file path there. The description is the one-line `path:line:column: error: message` form that
/// editors and terminals understand, followed by a `hint:` line when there is one.
public struct SitegenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// How serious a problem is. Warnings become errors with `--strict`.
    public enum Severity: String, Sendable, Equatable {
        case error
        case warning
    }

    /// The broad class of a problem, for callers that want to react to some of them.
    public enum Kind: String, Sendable, Equatable {
        /// The front matter fences are missing or broken.
        case frontMatter
        /// YAML that does not parse.
        case yaml
        /// A field that is missing, of the wrong type, or has a bad value.
        case field
        /// Two items want the same output path.
        case duplicate
        /// A file that is not valid UTF-8.
        case encoding
        /// A template that does not parse or cannot be found.
        case template
        /// A file-system problem: unreadable input, unwritable output.
        case io
        /// The output folder is not one sitegen may replace.
        case output
        /// A link inside the site that leads nowhere.
        case link
        /// A command-line value that is not valid.
        case usage
        /// A problem in a draft that is not built: a warning, even with `--strict`.
        case draft
    }

    /// Where the problem is, when it concerns a file.
    public let location: SourceLocation?
    /// Error or warning.
    public let severity: Severity
    /// What kind of problem it is.
    public let kind: Kind
    /// What is wrong, naming the field and quoting the offending value.
    public let message: String
    /// A likely fix, when there is one.
    public let hint: String?

    /// Creates a problem report.
    public init(
        _ kind: Kind, _ message: String, at location: SourceLocation? = nil,
        hint: String? = nil, severity: Severity = .error
    ) {
        self.kind = kind
        self.message = message
        self.location = location
        self.hint = hint
        self.severity = severity
    }

    /// Whether `--strict` turns the problem into an error: every warning but a skipped draft's.
    public var failsStrict: Bool { severity == .error || kind != .draft }

    /// The same problem as an error, for `--strict`.
    public var asError: SitegenError {
        SitegenError(kind, message, at: location, hint: hint, severity: .error)
    }

    /// `path:line:column: error: message`, then `hint: …` on its own line when there is a hint.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// The error thrown when a run found errors: all of them, sorted by path and line.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    /// Every error found, in report order.
    public let errors: [SitegenError]
    /// Every warning found, in report order.
    public let warnings: [SitegenError]

    /// One line per problem, warnings first.
    public var description: String {
        (warnings + errors).map(\.description).joined(separator: "\n")
    }
}
