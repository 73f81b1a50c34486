/// A value templates can see: the whole template surface is built from these.
///
/// STYLE §2: templates get flat, explicit values (formatted dates, finished URLs), never model
/// types that a template engine would read by reflection. `html` is markup we produced ourselves
/// (rendered Markdown, the disclaimer's link); `{{{ }}}` emits it, `{{ }}` escapes anything.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    /// Text held as UTF-8 bytes, as read from disk (a brief's body from the build's spool):
    /// rendered as `.text` of the same characters would be, without making a `String` first.
    /// The bytes must be valid UTF-8. (It equals only `.utf8` of the same bytes, not `.text`.)
    case utf8([UInt8])
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateFields)

    /// Missing values render as nothing, and sections over them are skipped.
    public static let none = TemplateValue.bool(false)

    /// The index in the object's fields (`TemplateFields.entries`) of the field `name`, given
    /// its `TemplateFields.key`; `nil` for a missing field or a value that is no object.
    /// Out of line: see `MustacheRenderer.resolve`.
    @inline(never)
    func fieldIndex(_ name: String, key: UInt64) -> Int? {
        guard case .object(let fields) = self else { return nil }
        return fields.index(of: name, key: key)
    }

    /// The field at `index` (from `fieldIndex`) of an object; `.none` for a value that is no
    /// object.
    @inline(__always)
    func field(at index: Int) -> TemplateValue {
        guard case .object(let fields) = self else { return .none }
        return fields.entries[index].value
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
    /// An object with the fields in order; a name given twice has its last value, as in
    /// `TemplateFields`' literal (lookups search from the end).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var fields = TemplateFields()
        fields.reserveCapacity(elements.count)
        for (key, value) in elements { fields.append(key, value) }
        self = .object(fields)
    }
}

extension TemplateValue: CustomStringConvertible {
    /// What `{{.}}` and `{{name}}` show for this value: text as it is, `true` for `true`, and
    /// nothing for `false`, lists and objects.
    public var description: String {
        switch self {
        case .text(let text): return text
        case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .bool(let flag): return flag ? "true" : ""
        case .list, .object: return ""
        }
    }
}

/// An object's fields: names and values side by side, looked up by a linear scan.
///
/// Template objects are small (a brief has about fifty fields) and are made by the thousand, one
/// set per page: two arrays cost less to fill than a hash table. A lookup scans `keys`, eight
/// bytes a field (a name's length and first bytes, see `key(_:)`), and compares whole names
/// only where a key matches and the name is longer than a key holds.
public struct TemplateFields: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The fields in order (internal: the renderer reads values in place).
    private(set) var entries: [(name: String, value: TemplateValue)] = []
    /// `key(entries[i].name)` for each entry.
    private var keys: [UInt64] = []

    /// No fields.
    public init() {}

    /// The fields of a dictionary.
    public init(_ dictionary: [String: TemplateValue]) {
        reserveCapacity(dictionary.count)
        for (name, value) in dictionary { append(name, value) }
    }

    /// Fields in order; a name given twice has its last value (lookups search from the end).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        reserveCapacity(elements.count)
        for (name, value) in elements { append(name, value) }
    }

    /// A name's length (at most 255) in the top byte and its first seven UTF-8 bytes below:
    /// equal keys mean equal names for names of up to seven bytes.
    @inline(__always)
    static func key(_ name: String) -> UInt64 {
        let count = name.utf8.count
        var key = UInt64(min(count, 255)) << 56
        var shift: UInt64 = 0
        for byte in name.utf8.prefix(7) {
            key |= UInt64(byte) << shift
            shift += 8
        }
        return key
    }

    /// Adds a field at the end without looking for an earlier one of the same name, as a
    /// literal does (a later value hides an earlier one).
    public mutating func append(_ name: String, _ value: TemplateValue) {
        entries.append((name, value))
        keys.append(Self.key(name))
    }

    /// Makes room for `count` fields in all.
    public mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
        keys.reserveCapacity(count)
    }

    /// The value of the last field named `name`, whose `key(_:)` is `key`.
    @inline(__always)
    func value(_ name: String, key: UInt64) -> TemplateValue? {
        guard let index = index(of: name, key: key) else { return nil }
        return entries[index].value
    }

    /// The index in `entries` of the last field named `name`, whose `key(_:)` is `key`.
    @inline(__always)
    func index(of name: String, key: UInt64) -> Int? {
        let isShort = key >> 56 <= 7
        var index = keys.count - 1
        while index >= 0 {
            if keys[index] == key && (isShort || entries[index].name == name) { return index }
            index -= 1
        }
        return nil
    }

    /// Makes room for `count` more fields than it has, exactly (no doubling as `append` does).
    public mutating func reserveCapacity(adding count: Int) {
        entries.reserveCapacity(entries.count + count)
    }

    /// The value of a field; setting `nil` removes it.
    public subscript(name: String) -> TemplateValue? {
        get { value(name, key: Self.key(name)) }
        set {
            // A name given twice in a literal: drop the earlier ones first.
            while let index = entries.firstIndex(where: { $0.name == name }),
                entries[(index + 1)...].contains(where: { $0.name == name })
            {
                entries.remove(at: index)
                keys.remove(at: index)
            }
            if let index = entries.firstIndex(where: { $0.name == name }) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                    keys.remove(at: index)
                }
            } else if let newValue {
                append(name, newValue)
            }
        }
    }

    /// Adds `other`'s fields at the end, as `append` does each: for lookups, the same as
    /// `merge` (a later field hides an earlier one of its name), without searching for them.
    public mutating func append(contentsOf other: TemplateFields) {
        entries.append(contentsOf: other.entries)
        keys.append(contentsOf: other.keys)
    }

    /// Only the fields with those names, in order, held in storage of exactly their size.
    public func keeping(_ names: Set<String>) -> TemplateFields {
        var kept = TemplateFields()
        let indices = entries.indices.filter { names.contains(entries[$0].name) }
        kept.reserveCapacity(indices.count)
        for index in indices { kept.append(entries[index].name, entries[index].value) }
        return kept
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
