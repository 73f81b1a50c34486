import SitegenBase
import SitegenYAML

/// Splits a content file into its YAML front matter and its Markdown body, and parses the YAML.
///
/// Second stage of the pipeline (after `ContentLoader`): it works on the file's UTF-8 bytes, so a
/// 10,000-file site does not pay for Foundation string searching. Line endings are normalised to
/// `\n` and a byte-order mark is dropped before splitting. YAML positions are reported in file
/// lines: the YAML starts on the line after the opening fence.
public struct FrontMatter: Sendable {
    /// The YAML text between the fences.
    public let yaml: String
    /// The Markdown after the closing fence.
    public let body: String
    /// The 1-based file line of the opening `---`.
    public let openingLine: Int
    /// The 1-based file line on which the body starts.
    public let bodyLine: Int

    /// Why a file could not be split.
    public enum SplitFailure: Error, Equatable, Sendable {
        /// The file is empty or only white space.
        case empty
        /// The first line is not `---`.
        case missingOpeningFence
        /// No closing `---` line after the opening one.
        case missingClosingFence
    }

    /// Splits normalised text (see `normalise`) into front matter and body.
    public static func split(_ text: [UInt8]) -> Result<FrontMatter, SplitFailure> {
        locate(text).map { layout in
            FrontMatter(
                yaml: String(decoding: text[layout.yaml], as: UTF8.self),
                body: String(decoding: text[layout.bodyStart...], as: UTF8.self),
                openingLine: layout.openingLine, bodyLine: layout.bodyLine)
        }
    }

    /// `split` for text already known to be valid UTF-8: the parts are copied out of it
    /// without checking them again.
    public static func split(validated text: String) -> Result<FrontMatter, SplitFailure> {
        var text = text
        let found = text.withUTF8 { locate($0) }
        return found.map { layout in
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index {
                utf8.index(utf8.startIndex, offsetBy: offset)
            }
            // The part boundaries are line starts, so they fall between characters.
            return FrontMatter(
                yaml: String(text[index(layout.yaml.lowerBound)..<index(layout.yaml.upperBound)]),
                body: String(text[index(layout.bodyStart)...]),
                openingLine: layout.openingLine, bodyLine: layout.bodyLine)
        }
    }

    /// Where the parts of a content file are, in bytes.
    private struct Layout {
        let yaml: Range<Int>
        let bodyStart: Int
        let openingLine: Int
        let bodyLine: Int
    }

    private static func locate<Text: RandomAccessCollection<UInt8>>(_ text: Text)
        -> Result<Layout, SplitFailure> where Text.Index == Int
    {
        var start = text.startIndex
        // Leading blank lines before the fence are tolerated, as Jekyll does not, but Hugo does.
        var line = 1
        while true {
            let end = lineEnd(text, from: start)
            if isBlank(text[start..<end]) {
                if end == text.endIndex { return .failure(.empty) }
                start = end + 1
                line += 1
                continue
            }
            guard isFence(text[start..<end]) else { return .failure(.missingOpeningFence) }
            break
        }
        let openingLine = line
        let yamlStart = min(lineEnd(text, from: start) + 1, text.endIndex)
        var cursor = yamlStart
        line += 1
        while cursor < text.endIndex {
            let end = lineEnd(text, from: cursor)
            if isFence(text[cursor..<end]) || isDocumentEnd(text[cursor..<end]) {
                return .success(
                    Layout(
                        yaml: yamlStart..<cursor, bodyStart: min(end + 1, text.endIndex),
                        openingLine: openingLine, bodyLine: line + 1))
            }
            cursor = end + 1
            line += 1
        }
        return .failure(.missingClosingFence)
    }

    /// Drops a UTF-8 byte-order mark and turns CRLF and lone CR line endings into LF.
    public static func normalise(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let hasCarriageReturn = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > start else { return false }
            return Platform.contains(13, in: base + start, count: raw.count - start)
        }
        guard hasCarriageReturn else {
            return start == 0 ? bytes : Array(bytes[start...])
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13 {
                result.append(10)
                if index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1 }
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }

    /// Maps positions in `yaml` to file positions.
    /// A hash of the YAML text and the line it starts on (`ParsedBrief.frontMatterHash`).
    var hash: UInt64 {
        var yaml = yaml
        return yaml.withUTF8 { Fingerprint.ofContents(UnsafeRawBufferPointer($0)) }
            ^ UInt64(openingLine) &* 0x9E37_79B9_7F4A_7C15
    }

    var yamlPositions: YAMLPositions { YAMLPositions(yaml: yaml, lineOffset: openingLine) }

    /// Parses the YAML into a node tree with positions in file lines.
    public func parseYAML() throws(YAMLFailure) -> YAMLNode? {
        do {
            return try YAML.parse(yaml)
        } catch {
            throw YAMLFailure(error, positions: yamlPositions)
        }
    }

    private static func lineEnd<Text: RandomAccessCollection<UInt8>>(
        _ text: Text, from start: Int
    ) -> Int where Text.Index == Int {
        var index = start
        while index < text.endIndex, text[index] != 10 { index += 1 }
        return index
    }

    private static func isBlank<Line: Collection<UInt8>>(_ line: Line) -> Bool {
        line.allSatisfy { $0 == 32 || $0 == 9 }
    }

    private static func isFence<Line: Collection<UInt8>>(_ line: Line) -> Bool {
        isMarker(line, byte: UInt8(ascii: "-"))
    }

    private static func isDocumentEnd<Line: Collection<UInt8>>(_ line: Line) -> Bool {
        isMarker(line, byte: UInt8(ascii: "."))
    }

    /// Exactly three `byte`s, then optional trailing spaces.
    private static func isMarker<Line: Collection<UInt8>>(_ line: Line, byte: UInt8) -> Bool {
        var rest = line[...]
        for _ in 0..<3 {
            guard rest.first == byte else { return false }
            rest = rest.dropFirst()
        }
        return rest.allSatisfy { $0 == 32 || $0 == 9 }
    }
}

/// A YAML syntax error, positioned in the content file.
public struct YAMLFailure: Error, Sendable, Equatable {
    /// What libyaml said, in a sentence.
    public let message: String
    /// The 1-based file line.
    public let line: Int
    /// The 1-based column, when known.
    public let column: Int?

    init(message: String, line: Int, column: Int?) {
        self.message = message
        self.line = line
        self.column = column
    }

    init(_ error: YAMLError, positions: YAMLPositions) {
        var text = "invalid YAML: \(error.problem)"
        if let context = error.context {
            text += " (\(context.text) at line \(positions.line(context.mark.line)))"
        }
        let position = positions.position(line: error.mark.line, column: error.mark.column)
        self.init(message: text, line: position.line, column: position.column)
    }
}
