import Foundation
import Mustache
import Testing

@testable import SitegenMustache

/// Renders random templates and contexts with our engine and with swift-mustache, and requires
/// the same bytes.
///
/// Templates come from a grammar (text, interpolation in every form, inline and standalone
/// sections and inverted sections, comments, partials, set delimiters, `\n` and `\r\n` lines),
/// contexts from a small pool of names so that lookups hit, miss and walk the stack. Each case has
/// its own seed, printed on failure; `MUSTACHE_DIFFERENTIAL_SEED` and `MUSTACHE_DIFFERENTIAL_COUNT`
/// rerun or extend the search.
///
/// Left out, where swift-mustache departs from the spec or from our documented rules:
/// - sitegen's value rules are given to swift-mustache through `adapt`: `false` and empty text are
///   null (falsey, render as nothing), lists and objects interpolate as nothing.
/// - An inline section's open and close tags are on one line, and a standalone section's are each
///   on a line of their own: swift-mustache decides whether the line after a section is at a line
///   start from the open tag, not the close tag.
/// - Indented standalone partials only name "flat" partials (lines of text, interpolation and
///   comments, starting with text, each ending with `\n`): swift-mustache indents per rendered
///   token, so it misses lines that start inside a section or a later list item, lines after
///   `\r\n`, and lines that render nothing at the end of the partial; it also indents an empty
///   partial.
/// - Set-delimiter tags only at the top level of a template: swift-mustache scopes them to the
///   section they are in, the spec does not. No triple mustache while delimiters are changed
///   (swift-mustache wants `<%{name%>}`).
/// - No `{{.}}` inside inverted sections: swift-mustache pushes the empty list there.
/// - A template never ends with blanks after its last tag (swift-mustache sees a standalone tag at
///   the end of a template only when nothing at all follows it), nor with a lone `<` (it fails to
///   parse one while the delimiters are `<% %>`).
/// - Text without lone `\r`, other Unicode line breaks or combining marks, which swift-mustache's
///   `Character`-based parser and escaper treat differently.
@Suite struct MustacheDifferentialTests {
    @Test func ourRendererMatchesSwiftMustache() {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["MUSTACHE_DIFFERENTIAL_SEED"].flatMap(UInt64.init) ?? 20_260_601
        let count = environment["MUSTACHE_DIFFERENTIAL_COUNT"].flatMap(Int.init) ?? 3000
        var failures = 0
        var coverage = (nonEmpty: 0, escaped: 0, indented: 0)
        for offset in 0..<UInt64(count) where failures < 5 {
            let seed = base &+ offset
            var grammar = MustacheGrammar(seed: seed)
            let sample = grammar.sample()
            let ours: String
            let theirs: String
            do {
                ours = try Self.renderWithOurs(sample)
                theirs = try Self.renderWithSwiftMustache(sample)
            } catch {
                failures += 1
                Issue.record(
                    "seed \(seed): \(error)\ntemplate: \(sample.template.debugDescription)")
                continue
            }
            if !ours.isEmpty { coverage.nonEmpty += 1 }
            if ["&amp;", "&lt;", "&quot;", "&#39;"].contains(where: ours.contains) {
                coverage.escaped += 1
            }
            if ours.contains("\n  ") { coverage.indented += 1 }
            if ours != theirs {
                failures += 1
                Issue.record(
                    """
                    seed \(seed): outputs differ
                    template: \(sample.template.debugDescription)
                    partials: \(sample.partials.map { "\($0.name): \($0.text.debugDescription)" })
                    context: \(Self.describe(sample.context))
                    ours:   \(ours.debugDescription)
                    theirs: \(theirs.debugDescription)
                    """)
            }
        }
        // The grammar must keep producing output worth comparing.
        #expect(coverage.nonEmpty > count * 85 / 100, "\(coverage)")
        #expect(coverage.escaped > count / 5, "\(coverage)")
        #expect(coverage.indented > count / 20, "\(coverage)")
        print("differential: \(count) cases from seed \(base), \(coverage)")
    }

    /// The context as JSON-like text, for failure reports.
    static func describe(_ value: TemplateValue) -> String {
        switch value {
        case .text(let text): return text.debugDescription
        case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self).debugDescription
        case .bool(let flag): return String(flag)
        case .list(let items): return "[" + items.map(describe).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{"
                + fields.dictionary.sorted { $0.key < $1.key }.map {
                    "\($0.key): \(describe($0.value))"
                }
                .joined(separator: ", ") + "}"
        }
    }

    static func renderWithOurs(_ sample: MustacheGrammar.Sample) throws -> String {
        var templates: [String: SitegenMustache.MustacheTemplate] = [
            "main": try .init(parsing: sample.template)
        ]
        for partial in sample.partials {
            templates[partial.name] = try .init(parsing: partial.text)
        }
        return SitegenMustache.MustacheLibrary(templates: templates).render(
            "main", context: sample.context) ?? "(none)"
    }

    static func renderWithSwiftMustache(_ sample: MustacheGrammar.Sample) throws -> String {
        var library = Mustache.MustacheLibrary()
        library.register(try Mustache.MustacheTemplate(string: sample.template), named: "main")
        for partial in sample.partials {
            library.register(
                try Mustache.MustacheTemplate(string: partial.text), named: partial.name)
        }
        return library.render(adapt(sample.context), withTemplate: "main") ?? "(none)"
    }
}

/// A `TemplateValue` as swift-mustache should see it to follow sitegen's value rules.
private func adapt(_ value: TemplateValue) -> Any {
    switch value {
    case .text(let text): return text.isEmpty ? NullValue() : text
    case .utf8(let bytes):
        return bytes.isEmpty ? NullValue() : String(decoding: bytes, as: UTF8.self)
    case .bool(true): return true
    case .bool(false): return NullValue()
    case .list(let items): return ListValue(items: items.map(adapt))
    case .object(let fields): return ObjectValue(fields: fields.dictionary)
    }
}

/// Falsey, renders as nothing.
private struct NullValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// Iterated by sections, renders as nothing, has no fields.
private struct ListValue: MustacheSequence, MustacheParent, MustacheCustomRenderable {
    let items: [Any]
    func makeIterator() -> IndexingIterator<[Any]> { items.makeIterator() }
    func child(named: String) -> Any? { nil }
    var renderText: String { "" }
    var isNull: Bool { false }
}

/// Pushed by sections, renders as nothing, looks its fields up.
private struct ObjectValue: MustacheParent, MustacheCustomRenderable {
    let fields: [String: TemplateValue]
    func child(named name: String) -> Any? { fields[name].map(adapt) }
    var renderText: String { "" }
    var isNull: Bool { false }
}

/// Random templates, partials and contexts within the differential test's limits.
struct MustacheGrammar {
    struct Sample {
        var template: String
        var partials: [(name: String, text: String)]
        var context: TemplateValue
    }

    private struct Partial {
        let name: String
        let isFlat: Bool
        let usesImplicitIterator: Bool
    }

    private var random: SeededGenerator
    private var open = "{{"
    private var close = "}}"
    private var partials: [Partial] = []
    /// Whether the template being generated used `{{.}}` or `{{#.}}`, or called a partial that does.
    private var usesImplicitIterator = false

    static let names = [
        "a", "b", "c", "t", "a", "b", "c", "t", "list", "obj", "flag", "obj.a", "obj.list", "a.b",
    ]
    static let keys = ["a", "b", "c", "list", "obj", "flag", "t"]
    static let texts = [
        "x", "Hello", "a & b", "<b>bold</b>", "\"quoted\"", "it's", "生成AI", "東京 & 大阪",
        "line\nbreak",
        "tab\there", "é", "=", "#", "50% <off>", "ok!",
    ]
    static let fragments = [
        "text", "<p>", "</p>", "生成", " - ", "a&b", "'", "\"", ">", "=", "|", "%", "!", "é",
    ]

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func sample() -> Sample {
        var texts: [(String, String)] = []
        for index in 0..<int(0...3) {
            let isFlat = chance(0.4)
            usesImplicitIterator = false
            let text = isFlat ? flatPartial() : template(depth: 2, isTopLevel: true)
            partials.append(
                Partial(
                    name: "p\(index)", isFlat: isFlat, usesImplicitIterator: usesImplicitIterator))
            texts.append(("p\(index)", text))
        }
        usesImplicitIterator = false
        return Sample(
            template: template(depth: 3, isTopLevel: true), partials: texts,
            context: object(depth: 3))
    }

    // MARK: Templates

    private mutating func template(depth: Int, isTopLevel: Bool, isInverted: Bool = false) -> String
    {
        open = "{{"
        close = "}}"
        var lines = ""
        for _ in 0..<int(2...6) {
            lines += line(depth: depth, isTopLevel: isTopLevel, isInverted: isInverted)
        }
        if chance(0.3) { dropFinalLineBreak(&lines) }
        return lines
    }

    private mutating func line(depth: Int, isTopLevel: Bool, isInverted: Bool) -> String {
        let indent = pick(["", "", " ", "  ", "\t"])
        let trailing = pick(["", "", " ", "\t"])
        switch int(0...9) {
        case 0 where depth > 0, 1 where depth > 0:
            let (name, inverted) = sectionName(isInverted: isInverted)
            var body = ""
            for _ in 0..<int(0...3) {
                body += line(depth: depth - 1, isTopLevel: false, isInverted: inverted)
            }
            return indent + tag((inverted ? "^" : "#") + name) + trailing + newline()
                + body + pick(["", indent]) + tag("/" + name) + pick(["", trailing]) + newline()
        case 2:
            return indent + tag("! " + pick(["note", "two words", "{ brace"])) + trailing
                + newline()
        case 3 where !partials.isEmpty:
            let partial = partials[int(0...partials.count - 1)]
            if isInverted && partial.usesImplicitIterator { return newline() }
            usesImplicitIterator = usesImplicitIterator || partial.usesImplicitIterator
            return (partial.isFlat ? indent : "") + tag(">" + pick(["", " "]) + partial.name)
                + trailing + newline()
        case 4 where isTopLevel:
            let (newOpen, newClose) = pick([("<%", "%>"), ("[[", "]]"), ("{{", "}}")])
            let text = indent + tag("=" + newOpen + " " + newClose + "=") + trailing + newline()
            open = newOpen
            close = newClose
            return text
        default:
            var items = ""
            for _ in 0..<int(1...5) {
                items += item(depth: depth, isTopLevel: isTopLevel, isInverted: isInverted)
            }
            return items + newline()
        }
    }

    private mutating func item(depth: Int, isTopLevel: Bool, isInverted: Bool) -> String {
        switch int(0...10) {
        case 0, 1: return pick(Self.fragments)
        case 2, 3, 4, 5, 10: return interpolation(isInverted: isInverted)
        case 6 where depth > 0:
            let (name, inverted) = sectionName(isInverted: isInverted)
            var body = ""
            for _ in 0..<int(0...3) {
                body += item(depth: depth - 1, isTopLevel: false, isInverted: inverted)
            }
            return tag((inverted ? "^" : "#") + pick(["", " "]) + name) + body + tag("/" + name)
        case 7:
            return tag("! " + pick(["c", "x y"]))
        case 8 where !partials.isEmpty:
            let partial = partials[int(0...partials.count - 1)]
            if isInverted && partial.usesImplicitIterator { return "" }
            usesImplicitIterator = usesImplicitIterator || partial.usesImplicitIterator
            return tag(">" + partial.name)
        case 9 where isTopLevel:
            let (newOpen, newClose) = pick([("<%", "%>"), ("[[", "]]"), ("{{", "}}")])
            let text = tag("=" + newOpen + " " + newClose + "=")
            open = newOpen
            close = newClose
            return text
        default:
            return pick(Self.fragments)
        }
    }

    private mutating func interpolation(isInverted: Bool) -> String {
        var name = pick(Self.names)
        if !isInverted, chance(0.15) {
            name = "."
            usesImplicitIterator = true
        }
        let hasBraces = open == "{{"
        switch int(0...4) {
        case 0 where hasBraces: return "{{{" + name + "}}}"
        case 1: return tag("& " + name)
        case 2: return tag(" " + name + " ")
        default: return tag(name)
        }
    }

    private mutating func sectionName(isInverted: Bool) -> (name: String, isInverted: Bool) {
        let inverted = isInverted || chance(0.3)
        if !inverted, chance(0.1) {
            usesImplicitIterator = true
            return (".", false)
        }
        return (pick(Self.names), inverted)
    }

    /// Lines of text, interpolation and comments, the first starting with text, each ending with
    /// a line break.
    private mutating func flatPartial() -> String {
        open = "{{"
        close = "}}"
        var lines = pick(["x", "<li>", "生成"])
        for index in 0..<int(1...4) {
            if index > 0 { lines += pick(["", "", "   "]) }
            for _ in 0..<int(1...3) {
                switch int(0...3) {
                case 0: lines += pick(Self.fragments)
                case 1: lines += tag("! c")
                default: lines += interpolation(isInverted: true)
                }
            }
            lines += "\n"
        }
        return lines
    }

    /// Ends the text without a line break, and without the blanks before it: swift-mustache only
    /// sees a standalone tag at the very end of a template when nothing follows it.
    private func dropFinalLineBreak(_ text: inout String) {
        guard text.hasSuffix("\n") else { return }
        text.removeLast()
        while text.hasSuffix(" ") || text.hasSuffix("\t") || text.hasSuffix("\r") {
            text.removeLast()
        }
    }

    private func tag(_ content: String) -> String { open + content + close }

    private mutating func newline() -> String { chance(0.15) ? "\r\n" : "\n" }

    // MARK: Contexts

    private mutating func object(depth: Int) -> TemplateValue {
        var fields: [String: TemplateValue] = [:]
        for key in Self.keys where chance(0.7) { fields[key] = value(depth: depth - 1, key: key) }
        return .object(fields)
    }

    /// A value that mostly suits its key (`list` a list, `obj` an object, `flag` a boolean, the
    /// others text), but can be anything.
    private mutating func value(depth: Int, key: String) -> TemplateValue {
        let usual: Int
        switch key {
        case "list": usual = 2
        case "obj": usual = 3
        case "flag": usual = 1
        default: usual = 0
        }
        var kind = chance(0.6) ? usual : int(0...3)
        if depth <= 0, kind >= 2 { kind = 0 }
        switch kind {
        case 0: return .text(pick(Self.texts))
        case 1: return chance(0.2) ? .text("") : .bool(chance(0.6))
        case 2:
            return .list(
                (0..<int(0...3)).map { _ in value(depth: depth - 1, key: pick(Self.keys)) })
        default: return object(depth: depth)
        }
    }

    // MARK: Random

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &random)
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
}
