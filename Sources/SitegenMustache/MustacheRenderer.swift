import SitegenBase

/// Renders a `MustacheProgram` into UTF-8 bytes: the inner loop of the template stage.
///
/// Names resolve as the spec says: the first part of a name is looked up from the top of the
/// context stack down, and the parts after it only inside what the first part found; a name
/// that is not found renders as nothing. Sections skip `false`, missing values, empty text and
/// empty lists; they repeat over a list, pushing each item, and render once for anything else,
/// pushing text (`.text` or `.utf8`) and objects (`true` has nothing to offer, so it is not pushed). Interpolation
/// writes text, `true` for `true`, and nothing for `false`, lists and objects.
public struct MustacheRenderer {
    /// How deeply partials may include partials; a partial deeper than this renders as nothing.
    static let maximumPartialDepth = 64
    /// The largest output a render produces: past it, rendering stops (sections over lists
    /// inside lists can multiply a page's size), and the site reports the page as too large.
    public static let maximumOutputBytes = 64 << 20

    private let program: MustacheProgram
    private var stack: [TemplateValue]
    /// What goes in front of each line: the indentation of the standalone partials rendering.
    private var indentation: [UInt8] = []
    private var partialDepth = 0

    init(program: MustacheProgram, context: TemplateValue) {
        self.init(program: program, layers: [context])
    }

    /// A renderer whose context stack starts as `layers`, the last on top: names are looked up
    /// in it first, as if the template sat in sections over the layers below.
    init(program: MustacheProgram, layers: [TemplateValue]) {
        self.program = program
        stack = layers
        stack.reserveCapacity(16)
    }

    /// Appends the instructions in `range` to `output`.
    mutating func render(_ range: Range<Int>, into output: inout [UInt8]) {
        var index = range.lowerBound
        while index < range.upperBound && output.count <= Self.maximumOutputBytes {
            switch program.instructions[index] {
            case .text(let start, let end):
                if indentation.isEmpty {
                    output.append(contentsOf: program.text[Int(start)..<Int(end)])
                } else {
                    appendIndented(Int(start)..<Int(end), to: &output)
                }
            case .lineStart:
                output.append(contentsOf: indentation)
            case .variable(let name, let isEscaped):
                // Looked up first, then appended: `output` is no argument of the lookup, so
                // the compiler need not copy the objects on the way to keep them from it.
                if let value = resolve(program.names[Int(name)]) {
                    Self.append(value, isEscaped: isEscaped, to: &output)
                }
            case .section(let name, let isInverted, let end):
                let body = index + 1..<Int(end)
                renderSection(
                    resolve(program.names[Int(name)]), isInverted: isInverted, body: body,
                    into: &output)
                index = Int(end)
                continue
            case .partial(let template, let indentation):
                if template >= 0 {
                    renderPartial(Int(template), indentation: Int(indentation), into: &output)
                }
            }
            index += 1
        }
    }

    private mutating func renderSection(
        _ value: TemplateValue?, isInverted: Bool, body: Range<Int>, into output: inout [UInt8]
    ) {
        guard let value else {
            if isInverted { render(body, into: &output) }
            return
        }
        switch value {
        case .bool(let flag):
            if flag != isInverted { render(body, into: &output) }
        case .text(let text):
            if isInverted {
                if text.isEmpty { render(body, into: &output) }
            } else if !text.isEmpty {
                renderPushing(value, body: body, into: &output)
            }
        case .utf8(let bytes):
            if isInverted {
                if bytes.isEmpty { render(body, into: &output) }
            } else if !bytes.isEmpty {
                renderPushing(value, body: body, into: &output)
            }
        case .list(let items):
            if isInverted {
                if items.isEmpty { render(body, into: &output) }
            } else {
                for item in items { renderPushing(item, body: body, into: &output) }
            }
        case .object:
            if !isInverted { renderPushing(value, body: body, into: &output) }
        }
    }

    private mutating func renderPushing(
        _ value: TemplateValue, body: Range<Int>, into output: inout [UInt8]
    ) {
        stack.append(value)
        render(body, into: &output)
        stack.removeLast()
    }

    private mutating func renderPartial(
        _ template: Int, indentation own: Int, into output: inout [UInt8]
    ) {
        guard partialDepth < Self.maximumPartialDepth else { return }
        partialDepth += 1
        defer { partialDepth -= 1 }
        var range = program.templates[template]
        if own >= 0 {
            let outer = indentation
            indentation += program.indentations[own]
            render(range, into: &output)
            indentation = outer
            return
        }
        // A partial that is not standalone continues the caller's line: no indentation first.
        if let first = range.first, case .lineStart = program.instructions[first] {
            range = range.dropFirst()
        }
        render(range, into: &output)
    }

    // Lookups scan the layers and the objects in place (`TemplateValue.fieldIndex`, out of
    // line and with no `inout` argument, so the compiler need not copy what it scans to keep
    // it alive) and copy only what they find: copying an object retains its storage, which
    // pages rendering on other cores share (the `site` object, cards).

    /// The value a name refers to, or `nil` when it is not found.
    private func resolve(_ name: MustacheProgram.Name) -> TemplateValue? {
        guard name.count > 0 else { return stack.last }
        let start = Int(name.start)
        let first = program.nameParts[start]
        let firstKey = program.namePartKeys[start]
        var layer = stack.count - 1
        while layer >= 0 {
            if let field = stack[layer].fieldIndex(first, key: firstKey) {
                var value = stack[layer].field(at: field)
                var part = start + 1
                let end = start + Int(name.count)
                while part < end {
                    guard
                        let next = value.fieldIndex(
                            program.nameParts[part], key: program.namePartKeys[part])
                    else { return nil }
                    value = value.field(at: next)
                    part += 1
                }
                return value
            }
            layer -= 1
        }
        return nil
    }

    private static func append(_ value: TemplateValue, isEscaped: Bool, to output: inout [UInt8]) {
        switch value {
        case .text(let text):
            if isEscaped {
                Escaping.appendHTML(text, to: &output)
            } else {
                output.append(contentsOf: text.utf8)
            }
        case .utf8(let bytes):
            if isEscaped {
                Escaping.appendHTML(bytes: bytes, to: &output)
            } else {
                output.append(contentsOf: bytes)
            }
        case .bool(true):
            output.append(contentsOf: "true".utf8)
        case .bool(false), .list, .object:
            break
        }
    }

    /// Appends template text, putting the indentation after each line break inside it.
    private func appendIndented(_ range: Range<Int>, to output: inout [UInt8]) {
        var start = range.lowerBound
        for index in range
        where program.text[index] == UInt8(ascii: "\n") && index + 1 < range.upperBound {
            output.append(contentsOf: program.text[start...index])
            output.append(contentsOf: indentation)
            start = index + 1
        }
        output.append(contentsOf: program.text[start..<range.upperBound])
    }
}
