/// A value templates can see: the whole template surface is built from these.
///
/// STYLE §2: templates get flat, explicit values (formatted dates, finished URLs), never model
/// types that a template engine would read by reflection. `html` is markup we produced ourselves
/// (rendered Markdown, the disclaimer's link); `{{{ }}}` emits it, `{{ }}` escapes anything.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateFields)

    /// Missing values render as nothing, and sections over them are skipped.
    public static let none = TemplateValue.bool(false)

    /// The field `name` of an object; `nil` for a missing field or a value that is no object.
    @inline(__always)
    func field(_ name: String) -> TemplateValue? {
        switch self {
        case .object(let fields): return fields[name]
        default: return nil
        }
    }

    /// An object from a dictionary.
    public static func object(_ fields: [String: TemplateValue]) -> TemplateValue {
        .object(TemplateFields(fields))
    }

    /// `.text` for a value, `.none` for `nil`.
    public static func optional(_ text: String?) -> TemplateValue {
        text.map(TemplateValue.text) ?? .none
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var fields = TemplateFields()
        for (key, value) in elements { fields[key] = value }
        self = .object(fields)
    }
}

extension TemplateValue: CustomStringConvertible {
    /// What `{{.}}` and `{{name}}` show for this value: text as it is, `true` for `true`, and
    /// nothing for `false`, lists and objects.
    public var description: String {
        switch self {
        case .text(let text): return text
        case .bool(let flag): return flag ? "true" : ""
        case .list, .object: return ""
        }
    }
}

/// An object's fields: names and values side by side, looked up by a linear scan.
///
/// Template objects are small (a brief has about twenty fields) and are made by the thousand, one
/// set per page: two arrays cost less to fill than a hash table, and comparing a name with twenty
/// short strings costs about what hashing it does.
public struct TemplateFields: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One array, so that copying an object retains one buffer.
    private var entries: [(name: String, value: TemplateValue)] = []

    /// No fields.
    public init() {}

    /// The fields of a dictionary.
    public init(_ dictionary: [String: TemplateValue]) {
        entries.reserveCapacity(dictionary.count)
        for (name, value) in dictionary { entries.append((name, value)) }
    }

    /// Fields in order; a name given twice has its last value (lookups search from the end).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        entries.reserveCapacity(elements.count)
        for (name, value) in elements { entries.append((name, value)) }
    }

    /// Adds a field at the end without looking for an earlier one of the same name, as a
    /// literal does (a later value hides an earlier one).
    public mutating func append(_ name: String, _ value: TemplateValue) {
        entries.append((name, value))
    }

    /// Makes room for `count` fields in all.
    public mutating func reserveCapacity(_ count: Int) { entries.reserveCapacity(count) }

    /// Makes room for `count` more fields than it has, exactly (no doubling as `append` does).
    public mutating func reserveCapacity(adding count: Int) {
        entries.reserveCapacity(entries.count + count)
    }

    /// The value of a field; setting `nil` removes it.
    public subscript(name: String) -> TemplateValue? {
        get {
            // Lengths first: most names differ in length, and comparing lengths is cheaper than
            // comparing strings.
            let length = name.utf8.count
            var index = entries.count - 1
            while index >= 0 {
                if entries[index].name.utf8.count == length && entries[index].name == name {
                    return entries[index].value
                }
                index -= 1
            }
            return nil
        }
        set {
            // A name given twice in a literal: drop the earlier ones first.
            while let index = entries.firstIndex(where: { $0.name == name }),
                entries[(index + 1)...].contains(where: { $0.name == name })
            {
                entries.remove(at: index)
            }
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    /// Adds `other`'s fields at the end, as `append` does each: for lookups, the same as
    /// `merge` (a later field hides an earlier one of its name), without searching for them.
    public mutating func append(contentsOf other: TemplateFields) {
        entries.append(contentsOf: other.entries)
    }

    /// Adds `other`'s fields, replacing those with the same names.
    public mutating func merge(_ other: TemplateFields) {
        for entry in other.entries { self[entry.name] = entry.value }
    }

    /// How many fields there are.
    public var count: Int { Set(entries.map(\.name)).count }

    /// The fields as a dictionary.
    public var dictionary: [String: TemplateValue] {
        Dictionary(entries.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Equal when they have the same fields, in any order.
    public static func == (a: TemplateFields, b: TemplateFields) -> Bool {
        a.dictionary == b.dictionary
    }
}
