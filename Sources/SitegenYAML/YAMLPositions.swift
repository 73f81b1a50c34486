/// Turns libyaml's line and column numbers into positions in the file the YAML came from.
///
/// libyaml follows YAML 1.1, where NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR
/// (U+2029) also end a line; in the file, as in editors, only `\n` does (after
/// `FrontMatter.normalise`). Adding the fence line alone would report everything after such a
/// character too far down, even past the end of the file.
package struct YAMLPositions: Sendable {
    /// The file line just before the YAML's first line (the opening fence, or 0 for `site.yml`).
    package let lineOffset: Int
    /// For each libyaml line, from 1: the YAML line it lies on and the columns before it there.
    private let lineStarts: [(line: Int, column: Int)]
    /// The YAML's last line and its length in scalars.
    private let end: (line: Int, column: Int)
    /// Whether libyaml's lines are the file's (no NEL, U+2028 or U+2029 in the YAML).
    private let isPlain: Bool

    /// Maps positions in `yaml`, which starts on file line `lineOffset + 1`.
    package init(yaml: String, lineOffset: Int) {
        self.lineOffset = lineOffset
        // Fast path: without NEL, U+2028 or U+2029 (C2 85, E2 80 A8, E2 80 A9 in UTF-8),
        // libyaml's lines are the file's.
        var yaml = yaml
        let plain = yaml.withUTF8 { bytes -> (lines: Int, lastLineLength: Int)? in
            var lines = 1
            var lastLineLength = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 10 {
                    lines += 1
                    lastLineLength = 0
                } else if byte & 0xC0 != 0x80 {
                    if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 {
                        return nil
                    }
                    if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                        bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                    {
                        return nil
                    }
                    lastLineLength += 1  // count scalars, not continuation bytes
                }
                index += 1
            }
            return (lines, lastLineLength)
        }
        if let plain {
            lineStarts = []
            end = (plain.lines, plain.lastLineLength)
            isPlain = true
            return
        }
        isPlain = false
        var starts: [(line: Int, column: Int)] = [(1, 0)]
        var line = 1
        var column = 0
        for scalar in yaml.unicodeScalars {
            switch scalar {
            case "\n":
                line += 1
                column = 0
                starts.append((line, 0))
            case "\u{85}", "\u{2028}", "\u{2029}":
                column += 1
                starts.append((line, column))
            default:
                column += 1
            }
        }
        self.lineStarts = starts
        self.end = (line, column)
    }

    /// The file line and column of a libyaml line and column (both from 1).
    ///
    /// At the end of a stream whose last line has no line break, libyaml moves to a line of its
    /// own; that position is the end of the last line.
    package func position(line: Int, column: Int) -> (line: Int, column: Int) {
        guard line >= 1 else { return (lineOffset + 1, column) }
        if isPlain {
            return line <= end.line
                ? (line + lineOffset, column) : (end.line + lineOffset, end.column + 1)
        }
        guard line <= lineStarts.count else { return (end.line + lineOffset, end.column + 1) }
        let start = lineStarts[line - 1]
        return (start.line + lineOffset, start.column + column)
    }

    /// The file line of a libyaml line.
    package func line(_ line: Int) -> Int {
        position(line: line, column: 1).line
    }
}
