/// A value templates can see: the whole template surface is built from these.
///
/// STYLE §2: templates get flat, explicit values (formatted dates, finished URLs), never model
/// types that a template engine would read by reflection. `html` is markup we produced ourselves
/// (rendered Markdown, the disclaimer's link); `{{{ }}}` emits it, `{{ }}` escapes anything.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Missing values render as nothing, and sections over them are skipped.
    public static let none = TemplateValue.bool(false)

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
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
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
