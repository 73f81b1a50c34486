/// A Mustache template compiled to a tree of nodes, ready to render many times.
///
/// Supports the parts of the Mustache spec that sitegen's templates use: escaped and raw
/// interpolation, dotted names and the implicit iterator `{{.}}`, sections and inverted
/// sections, comments, partials (with standalone indentation) and set-delimiter tags, with the
/// spec's standalone-line rules. Lambdas, inheritance and dynamic names are not supported.
/// Render through a `MustacheLibrary`, which links partials to the templates they name.
public struct MustacheTemplate: Sendable {
    /// The compiled nodes.
    var nodes: [MustacheNode]

    /// Parses Mustache text.
    /// - Throws: `MustacheParseError` with the line and column of the first offending tag.
    public init(parsing text: String) throws(MustacheParseError) {
        var parser = MustacheParser(Array(text.utf8))
        nodes = try parser.parse()
    }

    /// The names of the partials the template includes, in order of appearance.
    public var partialNames: [String] {
        var names: [String] = []
        Self.visitPartials(in: nodes) { names.append($0.name) }
        return names
    }

    static func visitPartials(in nodes: [MustacheNode], _ visit: (MustachePartialCall) -> Void) {
        for node in nodes {
            switch node {
            case .partial(let call): visit(call)
            case .section(_, _, let body): visitPartials(in: body, visit)
            case .text, .lineStart, .variable: continue
            }
        }
    }
}
