/// A set of named Mustache templates whose partial tags point straight at each other.
///
/// Linking happens once, here: each `{{> name}}` becomes an index into the library, so rendering
/// never looks a partial up by name, and the templates are flattened into a `MustacheProgram`.
/// A partial that names no template renders as nothing (as the spec says) and is listed in
/// `unknownPartials`, so callers can report it instead.
public struct MustacheLibrary: Sendable {
    /// A `{{> name}}` tag naming a template the library does not have.
    public struct UnknownPartial: Sendable, Equatable {
        /// The template containing the tag.
        public let template: String
        /// The partial's name as written.
        public let name: String
        /// The tag's 1-based line.
        public let line: Int
        /// The tag's 1-based column, in Unicode scalars.
        public let column: Int
    }

    /// A `{{> name}}` tag through which a template can include itself, and the way round.
    public struct RecursivePartial: Sendable, Equatable {
        /// The template containing the tag.
        public let template: String
        /// The partial's name as written.
        public let name: String
        /// The tag's 1-based line and column.
        public let line: Int
        public let column: Int
        /// The templates from `template` back to itself (`a`, `b`, `a`).
        public let cycle: [String]
    }

    private let program: MustacheProgram
    private let indices: [String: Int]
    /// Every partial tag that names a missing template, by template name, then in order.
    public let unknownPartials: [UnknownPartial]
    /// Every partial tag that lies on a cycle of templates, by template name, then in order.
    /// The spec allows recursive partials (they end when the data does, and rendering stops at
    /// `MustacheRenderer.maximumPartialDepth`); a site's templates report them as errors.
    public let recursivePartials: [RecursivePartial]

    /// Links `templates` by name.
    public init(templates named: [String: MustacheTemplate]) {
        let sorted = named.sorted { $0.key < $1.key }
        var indices: [String: Int] = [:]
        for (index, entry) in sorted.enumerated() { indices[entry.key] = index }
        var linked: [MustacheTemplate] = []
        var unknown: [UnknownPartial] = []
        var calls: [[MustachePartialCall]] = []
        for (name, template) in sorted {
            var missing: [MustachePartialCall] = []
            var found: [MustachePartialCall] = []
            var template = template
            template.nodes = Self.link(
                template.nodes, indices: indices, missing: &missing, found: &found)
            linked.append(template)
            calls.append(found)
            unknown += missing.map {
                UnknownPartial(template: name, name: $0.name, line: $0.line, column: $0.column)
            }
        }
        program = MustacheProgram(linked: linked)
        self.indices = indices
        unknownPartials = unknown
        recursivePartials = Self.cycles(calls, names: sorted.map(\.key))
    }

    /// The calls from template `a` to `b` where `b` leads back to `a`, with the shortest way.
    private static func cycles(_ calls: [[MustachePartialCall]], names: [String])
        -> [RecursivePartial]
    {
        let edges = calls.map { $0.compactMap(\.index) }
        var found: [RecursivePartial] = []
        for (from, own) in calls.enumerated() {
            for call in own {
                guard let to = call.index, let way = path(from: to, to: from, edges: edges)
                else { continue }
                found.append(
                    RecursivePartial(
                        template: names[from], name: call.name, line: call.line,
                        column: call.column, cycle: ([from] + way).map { names[$0] }))
            }
        }
        return found
    }

    /// The templates from `start` to `goal` (both included) along partial calls, breadth first.
    private static func path(from start: Int, to goal: Int, edges: [[Int]]) -> [Int]? {
        var previous: [Int: Int] = [start: start]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if node == goal {
                var way = [goal]
                while let last = way.last, last != start, let before = previous[last] {
                    way.append(before)
                }
                return way.reversed()
            }
            for next in edges[node] where previous[next] == nil {
                previous[next] = node
                queue.append(next)
            }
        }
        return nil
    }

    /// The first parts of the names used inside every section over `section` (a one-part name)
    /// in the library's templates, and in the partials such a section includes, however deeply:
    /// the fields of a value that section pushes which rendering can look up, so a caller may
    /// leave the others out of every such value. `nil` when such a section uses the implicit
    /// iterator `.`, which can show the whole value.
    public func namesUsed(inSectionsNamed section: String) -> Set<String>? {
        program.namesUsed(inSectionsNamed: section)
    }

    /// Whether a template with that name exists.
    public func contains(_ name: String) -> Bool { indices[name] != nil }

    /// Appends the named template, rendered with `context`, to `output`.
    /// - Returns: `false` (and appends nothing) when there is no such template.
    @discardableResult
    public func render(_ name: String, context: TemplateValue, into output: inout [UInt8]) -> Bool {
        render(name, layers: [context], into: &output)
    }

    /// Renders with a context stack (the last on top) rather than one value.
    package func render(_ name: String, layers: [TemplateValue], into output: inout [UInt8]) -> Bool
    {
        guard let index = indices[name] else { return false }
        var renderer = MustacheRenderer(program: program, layers: layers)
        renderer.render(program.templates[index], into: &output)
        return true
    }

    /// The named template rendered with `context`, or `nil` when there is no such template.
    public func render(_ name: String, context: TemplateValue) -> String? {
        var output: [UInt8] = []
        guard render(name, context: context, into: &output) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    private static func link(
        _ nodes: [MustacheNode], indices: [String: Int], missing: inout [MustachePartialCall],
        found: inout [MustachePartialCall]
    ) -> [MustacheNode] {
        var linked: [MustacheNode] = []
        linked.reserveCapacity(nodes.count)
        for node in nodes {
            switch node {
            case .partial(var call):
                call.index = indices[call.name]
                if call.index == nil { missing.append(call) } else { found.append(call) }
                linked.append(.partial(call))
            case .section(let name, let isInverted, let body):
                let body = link(body, indices: indices, missing: &missing, found: &found)
                linked.append(.section(name, isInverted: isInverted, body: body))
            case .text, .lineStart, .variable:
                linked.append(node)
            }
        }
        return linked
    }
}
