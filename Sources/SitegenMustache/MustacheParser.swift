/// Compiles Mustache text into `MustacheNode`s, working on UTF-8 bytes.
///
/// The spec's standalone rule: a section, inverted-section, close, comment, partial or
/// set-delimiter tag that is alone on its line, with only spaces and tabs around it, is removed
/// together with its whole line (the line break included); the whitespace before a standalone
/// partial becomes the partial's indentation. Every error points at the offending tag.
struct MustacheParser {
    private let bytes: [UInt8]
    private var position = 0
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    /// The nodes of the innermost open section (or of the template).
    private var nodes: [MustacheNode] = []
    private var sections: [OpenSection] = []
    /// Whether the next content starts a template line (see `MustacheNode.lineStart`).
    private var isAtLineStart = true

    private struct OpenSection {
        let name: MustacheName
        let isInverted: Bool
        let offset: Int
        let outerNodes: [MustacheNode]
    }

    private enum TagKind {
        case variable, raw, section, inverted, close, comment, partial, delimiters

        /// Whether a tag of this kind on a line of its own takes the line with it.
        var canStandAlone: Bool {
            switch self {
            case .variable, .raw: false
            case .section, .inverted, .close, .comment, .partial, .delimiters: true
            }
        }
    }

    private struct Tag {
        let kind: TagKind
        /// The text between the sigil and the closing delimiter, trimmed.
        let content: String
        let start: Int
        let end: Int
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses the whole text.
    mutating func parse() throws(MustacheParseError) -> [MustacheNode] {
        while let start = find(open, from: position) {
            let tag = try readTag(at: start)
            if tag.kind.canStandAlone, let line = standaloneLine(start: start, end: tag.end) {
                appendText(position..<line.start)
                position = line.next
                try handle(tag, indentation: Array(bytes[line.start..<start]))
                isAtLineStart = true
            } else {
                appendText(position..<start)
                position = tag.end
                if isAtLineStart {
                    nodes.append(.lineStart)
                    isAtLineStart = false
                }
                try handle(tag, indentation: nil)
            }
        }
        appendText(position..<bytes.count)
        if let section = sections.last {
            let closeTag = text(open) + "/" + section.name.text + text(close)
            throw error(
                "unclosed section '\(section.name.text)': no '\(closeTag)' before the end of the template",
                at: section.offset)
        }
        return nodes
    }

    // MARK: Tags

    private mutating func handle(_ tag: Tag, indentation: [UInt8]?) throws(MustacheParseError) {
        switch tag.kind {
        case .variable, .raw:
            nodes.append(.variable(try name(of: tag), isEscaped: tag.kind == .variable))
        case .section, .inverted:
            sections.append(
                OpenSection(
                    name: try name(of: tag), isInverted: tag.kind == .inverted, offset: tag.start,
                    outerNodes: nodes))
            nodes = []
        case .close:
            try closeSection(named: try name(of: tag), at: tag.start)
        case .comment:
            break
        case .partial:
            if tag.content.isEmpty {
                throw error("tag '\(text(tag.start..<tag.end))' has no name", at: tag.start)
            }
            if tag.content.utf8.contains(where: Self.isSpace) {
                throw error("invalid partial name '\(tag.content)'", at: tag.start)
            }
            let (line, column) = location(of: tag.start)
            nodes.append(
                .partial(
                    MustachePartialCall(
                        name: tag.content, index: nil, indentation: indentation, line: line,
                        column: column)))
        case .delimiters:
            try setDelimiters(tag)
        }
    }

    private mutating func closeSection(named name: MustacheName, at offset: Int)
        throws(MustacheParseError)
    {
        guard let section = sections.popLast() else {
            throw error("section '\(name.text)' closed but no section is open", at: offset)
        }
        guard section.name == name else {
            let opened = location(of: section.offset).line
            let openName = section.name.text
            throw error(
                "section '\(name.text)' closed but '\(openName)' is open (opened at line \(opened))",
                at: offset)
        }
        let body = nodes
        nodes = section.outerNodes
        nodes.append(.section(section.name, isInverted: section.isInverted, body: body))
    }

    private mutating func setDelimiters(_ tag: Tag) throws(MustacheParseError) {
        let parts = tag.content.utf8.split(whereSeparator: Self.isSpace)
        guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
            throw error(
                "invalid set-delimiter tag '\(text(tag.start..<tag.end))': expected two delimiters "
                    + "without spaces or '=', like '\(text(open))=<% %>=\(text(close))'",
                at: tag.start)
        }
        open = Array(parts[0])
        close = Array(parts[1])
    }

    /// The name in a variable or section tag, checked.
    private func name(of tag: Tag) throws(MustacheParseError) -> MustacheName {
        if tag.content.isEmpty {
            throw error("tag '\(text(tag.start..<tag.end))' has no name", at: tag.start)
        }
        guard let first = tag.content.utf8.first, !Self.sigils.contains(first),
            !tag.content.utf8.contains(where: Self.isSpace), let name = MustacheName(tag.content)
        else {
            throw error("invalid name '\(tag.content)'", at: tag.start)
        }
        return name
    }

    /// Reads the tag whose opening delimiter starts at `start`.
    private func readTag(at start: Int) throws(MustacheParseError) -> Tag {
        var contentStart = start + open.count
        let sigil = contentStart < bytes.count ? bytes[contentStart] : 0
        var terminator = close
        let kind: TagKind
        switch sigil {
        case UInt8(ascii: "{"):
            kind = .raw
            terminator = [UInt8(ascii: "}")] + close
        case UInt8(ascii: "&"): kind = .raw
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .inverted
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "="):
            kind = .delimiters
            terminator = [UInt8(ascii: "=")] + close
        case UInt8(ascii: "<"), UInt8(ascii: "$"):
            throw error(
                "template inheritance ('\(text(open))<' and '\(text(open))$') is not supported",
                at: start)
        default: kind = .variable
        }
        if kind != .variable { contentStart += 1 }
        guard let contentEnd = find(terminator, from: contentStart) else {
            throw error("unclosed tag: no '\(text(terminator))' after '\(text(open))'", at: start)
        }
        if kind != .comment, kind != .delimiters,
            find(open, from: contentStart, before: contentEnd) != nil
        {
            throw error(
                "unclosed tag: no '\(text(terminator))' before the next '\(text(open))'", at: start)
        }
        let content = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
        return Tag(
            kind: kind, content: Self.trimmed(content), start: start,
            end: contentEnd + terminator.count)
    }

    /// The line around a tag, if the tag stands alone on it: where the line starts (after any
    /// indentation's start) and where the next line starts.
    private func standaloneLine(start: Int, end: Int) -> (start: Int, next: Int)? {
        var lineStart = start
        while lineStart > position, Self.isBlank(bytes[lineStart - 1]) { lineStart -= 1 }
        guard lineStart == 0 || bytes[lineStart - 1] == UInt8(ascii: "\n") else { return nil }
        var next = end
        while next < bytes.count, Self.isBlank(bytes[next]) { next += 1 }
        if next == bytes.count { return (lineStart, next) }
        if bytes[next] == UInt8(ascii: "\n") { return (lineStart, next + 1) }
        if bytes[next] == UInt8(ascii: "\r"), next + 1 < bytes.count,
            bytes[next + 1] == UInt8(ascii: "\n")
        {
            return (lineStart, next + 2)
        }
        return nil
    }

    // MARK: Text

    private mutating func appendText(_ range: Range<Int>) {
        guard let last = range.last else { return }
        if isAtLineStart { nodes.append(.lineStart) }
        nodes.append(.text(Array(bytes[range])))
        isAtLineStart = bytes[last] == UInt8(ascii: "\n")
    }

    private func find(_ pattern: [UInt8], from start: Int, before limit: Int? = nil) -> Int? {
        guard let first = pattern.first else { return nil }
        let last = (limit ?? bytes.count) - pattern.count
        var index = start
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < pattern.count, bytes[index + matched] == pattern[matched] {
                    matched += 1
                }
                if matched == pattern.count { return index }
            }
            index += 1
        }
        return nil
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func text(_ delimiter: [UInt8]) -> String { String(decoding: delimiter, as: UTF8.self) }

    // MARK: Positions

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (
            line,
            String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        )
    }

    private func error(_ message: String, at offset: Int) -> MustacheParseError {
        let (line, column) = location(of: offset)
        return MustacheParseError(message, line: line, column: column)
    }

    // MARK: Bytes

    /// Characters that start a tag's kind, and so cannot start a name.
    private static let sigils: Set<UInt8> = Set("#^/!>&{}=<$".utf8)

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        isBlank(byte) || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func trimmed(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
            let last = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: utf8[first...last], as: UTF8.self)
    }
}
