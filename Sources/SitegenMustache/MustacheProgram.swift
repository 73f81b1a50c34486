/// A library's templates flattened into one array of plain instructions, for rendering.
///
/// The parser's node tree is convenient to build but slow to walk: every node holds arrays and
/// strings that must be retained and released as it is visited. Here text lives in one byte
/// array, names in one table, and instructions carry only integers, so the render loop touches
/// no reference counts for the template itself. A section's body is the instructions after it,
/// up to its `end`; a partial refers to another template's instruction range.
struct MustacheProgram: Sendable {
    enum Instruction: Sendable {
        /// Copy `text[start..<end]`.
        case text(start: Int32, end: Int32)
        /// Write the current indentation (see `MustacheNode.lineStart`).
        case lineStart
        /// Interpolate `names[name]`.
        case variable(name: Int32, isEscaped: Bool)
        /// A section over `names[name]`; its body runs up to instruction `end`.
        case section(name: Int32, isInverted: Bool, end: Int32)
        /// Render template `template` (or nothing, when it is -1), indented by
        /// `indentations[indentation]` when `indentation` is not -1 (a standalone tag).
        case partial(template: Int32, indentation: Int32)
    }

    /// A name as a range of `nameParts`; an empty range is the implicit iterator `.`.
    struct Name: Sendable {
        let start: Int32
        let count: Int32
    }

    private(set) var instructions: [Instruction] = []
    private(set) var text: [UInt8] = []
    private(set) var names: [Name] = []
    private(set) var nameParts: [String] = []
    /// `TemplateFields.key` of each name part.
    private(set) var namePartKeys: [UInt64] = []
    private(set) var indentations: [[UInt8]] = []
    /// Each template's instructions, by template index.
    private(set) var templates: [Range<Int>] = []

    /// Flattens templates whose partial calls are already linked to indices into `templates`.
    init(linked: [MustacheTemplate]) {
        var nameIndices: [String: Int32] = [:]
        for template in linked {
            let start = instructions.count
            append(template.nodes, nameIndices: &nameIndices)
            templates.append(start..<instructions.count)
        }
    }

    private mutating func append(_ nodes: [MustacheNode], nameIndices: inout [String: Int32]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                let start = Int32(text.count)
                text += bytes
                instructions.append(.text(start: start, end: Int32(text.count)))
            case .lineStart:
                instructions.append(.lineStart)
            case .variable(let name, let isEscaped):
                instructions.append(
                    .variable(name: index(of: name, in: &nameIndices), isEscaped: isEscaped))
            case .section(let name, let isInverted, let body):
                let name = index(of: name, in: &nameIndices)
                let at = instructions.count
                instructions.append(.lineStart)  // replaced below, once the body's end is known
                append(body, nameIndices: &nameIndices)
                instructions[at] = .section(
                    name: name, isInverted: isInverted, end: Int32(instructions.count))
            case .partial(let call):
                var indentation: Int32 = -1
                if let own = call.indentation {
                    indentation = Int32(indentations.count)
                    indentations.append(own)
                }
                instructions.append(
                    .partial(template: Int32(call.index ?? -1), indentation: indentation))
            }
        }
    }

    private mutating func index(of name: MustacheName, in indices: inout [String: Int32]) -> Int32 {
        if let index = indices[name.text] { return index }
        let parts = name.first.map { [$0] + name.rest } ?? []
        let index = Int32(names.count)
        names.append(Name(start: Int32(nameParts.count), count: Int32(parts.count)))
        nameParts += parts
        namePartKeys += parts.map(TemplateFields.key)
        indices[name.text] = index
        return index
    }

    /// The first parts of the names used inside every section over `section` (a one-part name),
    /// in any template, and in every template such a body includes as a partial, however
    /// deeply: the fields of a value that section pushes which rendering can look up. `nil`
    /// when such a body uses the implicit iterator `.`, which can show the whole value.
    func namesUsed(inSectionsNamed section: String) -> Set<String>? {
        var used: Set<String> = []
        var visited: Set<Int> = []
        // Every name in `range`, following partials into the templates they include.
        func collect(_ range: Range<Int>) -> Bool {
            for index in range {
                let name: Int32
                switch instructions[index] {
                case .variable(let variable, _): name = variable
                case .section(let sectionName, _, _): name = sectionName
                case .partial(let template, _):
                    if template >= 0 && visited.insert(Int(template)).inserted
                        && !collect(templates[Int(template)])
                    {
                        return false
                    }
                    continue
                case .text, .lineStart: continue
                }
                let found = names[Int(name)]
                guard found.count > 0 else { return false }
                used.insert(nameParts[Int(found.start)])
            }
            return true
        }
        for (index, instruction) in instructions.enumerated() {
            guard case .section(let name, _, let end) = instruction else { continue }
            let found = names[Int(name)]
            guard found.count == 1, nameParts[Int(found.start)] == section else { continue }
            if !collect(index + 1..<Int(end)) { return nil }
        }
        return used
    }
}
