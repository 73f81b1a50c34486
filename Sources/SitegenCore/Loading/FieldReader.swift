import Foundation
import SitegenBase
import SitegenYAML

/// Reads typed fields out of a YAML mapping, collecting a precise diagnostic for each bad one.
///
/// Every YAML scalar arrives as a string (see `FrontMatter.parseYAML`); this type decides what a
/// field may be and reports the key's own line when it is not.
struct FieldReader {
    let path: String
    /// Turns YAML positions into file positions.
    let positions: YAMLPositions
    /// Where a missing key is reported: the opening fence.
    let fenceLine: Int
    private(set) var fields: [String: (key: YAMLNode, value: YAMLNode)] = [:]
    private(set) var order: [String] = []
    var problems: [SitegenError] = []

    /// Reads the root mapping; anything else (a list, a bare string) is one error.
    init(
        root: YAMLNode?, path: String, positions: YAMLPositions, fenceLine: Int,
        what: String = "front matter"
    ) {
        self.path = path
        self.positions = positions
        self.fenceLine = fenceLine
        guard let root else { return }
        guard case let .mapping(mapping, _) = root else {
            problems.append(
                SitegenError(
                    .field,
                    "\(what) must be a mapping of 'key: value' lines, found \(Self.describe(root))",
                    at: location(of: root)))
            return
        }
        for pair in mapping {
            let (key, value) = (pair.key, pair.value)
            guard let name = key.scalar?.text else {
                problems.append(
                    SitegenError(.field, "keys must be plain strings", at: location(of: key)))
                continue
            }
            if let earlier = fields[name] {
                let line = location(of: earlier.key).line ?? fenceLine
                problems.append(
                    SitegenError(
                        .field, "duplicate key '\(name)' (first set on line \(line))",
                        at: location(of: key)))
                continue
            }
            fields[name] = (key, value)
            order.append(name)
        }
    }

    /// The file position of a node.
    func location(of node: YAMLNode?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(path: path, line: fenceLine) }
        let position = positions.position(line: mark.line, column: mark.column)
        return SourceLocation(path: path, line: position.line, column: position.column)
    }

    /// The position of a key, or of the opening fence when the key is absent.
    func location(ofKey key: String) -> SourceLocation {
        location(of: fields[key]?.key)
    }

    func has(_ key: String) -> Bool { fields[key] != nil && !isNull(fields[key]?.value) }

    /// Reports keys that are not in `known`, suggesting the closest known one.
    mutating func warnUnknownKeys(known: [String]) {
        for name in order where !known.contains(name) {
            // A name far longer than any known one is no misspelling (and the edit distance
            // would take time in proportion to its length times theirs).
            let suggestion =
                name.utf8.count > 64 ? nil : Suggestion.closest(to: name, among: known)
            problems.append(
                SitegenError(
                    .field, "unknown key '\(name)'", at: location(ofKey: name),
                    hint: suggestion.map { "did you mean '\($0)'?" }, severity: .warning))
        }
    }

    mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        problems.append(SitegenError(.field, message, at: location, hint: hint))
    }

    // MARK: Typed fields

    /// A string field; `required` reports a missing or empty value.
    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let (_, value) = fields[key], !isNull(value) else {
            if required {
                error("missing required field '\(key)'", at: location(ofKey: key))
            }
            return nil
        }
        guard let scalar = value.scalar else {
            error(
                "'\(key)' must be a string, found \(Self.describe(value))", at: location(of: value))
            return nil
        }
        let text = Self.trimmed(scalar.text)
        if text.isEmpty && required {
            error("'\(key)' must not be empty", at: location(of: value))
            return nil
        }
        return text
    }

    /// A boolean field (`true`/`false`, any case); absent gives `defaultValue`.
    mutating func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let (_, value) = fields[key], !isNull(value) else { return defaultValue }
        // Compared without case on the bytes (a lower-cased copy of every value cost more).
        func spells(_ word: String) -> Bool {
            value.scalar?.text.utf8.elementsEqual(word.utf8) { ($0 | 0x20) == $1 } ?? false
        }
        switch value {
        case _ where spells("true"): return true
        case _ where spells("false"): return false
        default:
            error(
                "'\(key)' must be true or false, found \(Self.describe(value))",
                at: location(of: value))
            return defaultValue
        }
    }

    /// A date field, parsed in `timeZone`.
    mutating func date(_ key: String, required: Bool = false, timeZone: TimeZone) -> Timestamp? {
        guard let text = string(key, required: required) else { return nil }
        let at = location(of: fields[key]?.value)
        switch DateParser.parse(text, timeZone: timeZone) {
        case .success(let timestamp): return timestamp
        case .failure(.format):
            error(
                "invalid date '\(text)' in '\(key)'", at: at,
                hint: "use 2026-04-28 or 2026-04-28T09:00:00+09:00")
        case .failure(.outOfRange(let what)):
            error("invalid date '\(text)' in '\(key)': \(what) does not exist", at: at)
        }
        return nil
    }

    /// A list of strings; a single string is taken as a list of one.
    mutating func stringList(_ key: String) -> [String] {
        located(stringList: key).map(\.text)
    }

    /// A list of strings, each with where it was written.
    /// - Parameter refusingComma: reports a single string holding a comma (`tags: a, b`), which
    ///   is a list written as one string, instead of taking it as one item.
    mutating func located(
        stringList key: String, refusingComma: Bool = false
    ) -> [(text: String, location: SourceLocation)] {
        guard let (_, value) = fields[key], !isNull(value) else { return [] }
        switch value {
        case .scalar(let scalar):
            let text = Self.trimmed(scalar.text)
            if refusingComma, let comma = text.first(where: { ",，、".contains($0) }) {
                let items = text.split(whereSeparator: { ",，、".contains($0) })
                    .map { String($0).trimmed }.filter { !$0.isEmpty }
                error(
                    "'\(key)' is one string with a comma ('\(comma)') in it: '\(text)'",
                    at: location(of: value),
                    hint: "write a list: \(key): \(YAMLText.flowList(items))")
                return []
            }
            return text.isEmpty ? [] : [(text, location(of: value))]
        case .sequence(let sequence, _):
            var items: [(text: String, location: SourceLocation)] = []
            for item in sequence {
                guard let scalar = item.scalar else {
                    error(
                        "each item of '\(key)' must be a string, found \(Self.describe(item))",
                        at: location(of: item))
                    continue
                }
                let text = Self.trimmed(scalar.text)
                if !text.isEmpty { items.append((text, location(of: item))) }
            }
            return items
        default:
            error(
                "'\(key)' must be a list of strings, found \(Self.describe(value))",
                at: location(of: value))
            return []
        }
    }

    /// A nested mapping, read with its own reader.
    mutating func mapping(_ key: String) -> FieldReader? {
        guard let (_, value) = fields[key], !isNull(value) else { return nil }
        guard case .mapping = value else { return nil }
        let nested = FieldReader(
            root: value, path: path, positions: positions,
            fenceLine: location(ofKey: key).line ?? fenceLine, what: "'\(key)'")
        return nested
    }

    /// The raw node of a field, for fields with more than one accepted shape.
    func node(_ key: String) -> YAMLNode? {
        guard let value = fields[key]?.value, !isNull(value) else { return nil }
        return value
    }

    private func isNull(_ node: YAMLNode?) -> Bool {
        guard let node else { return true }
        guard let scalar = node.scalar, scalar.isPlain else { return false }
        switch scalar.text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// A value without leading and trailing white space (`trimmed`), with the usual value (ASCII
    /// and no white space at either end) checked on the bytes and returned as it is.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, (33..<128).contains(first),
            (33..<128).contains(last)
        {
            return text
        }
        return text.trimmed
    }

    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): return "'\(scalar.text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

/// Suggests the closest known name for a misspelt one, by edit distance.
enum Suggestion {
    static func closest(to name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(
                Array(lowered.unicodeScalars), Array(candidate.unicodeScalars))
            if distance <= max(2, candidate.count / 3), distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(
                    table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}
