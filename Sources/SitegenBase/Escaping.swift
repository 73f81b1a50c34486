/// Escapes text for the places it lands: HTML and XML text and attributes, and JSON strings.
///
/// These run on every piece of content text, so they work on UTF-8 bytes and return the input
/// unchanged (no copy) when nothing needs escaping.
public enum Escaping {
    /// Escapes `& < > " '` for HTML or XML text and attribute values.
    public static func html(_ text: String) -> String {
        var text = text
        let needs = text.withUTF8 { bytes in bytes.contains(where: isHTMLSpecial) }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        appendHTML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func isHTMLSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Appends `text` escaped for XML 1.0 (`xml`) to `output`, in one pass.
    public static func appendXML(_ text: String, to output: inout [UInt8]) {
        append(text, to: &output, forXML: true)
    }

    /// Appends `text` to `output` as an XML CDATA section (`<![CDATA[…]]>`): for markup that an
    /// XML element carries as text (an Atom entry's HTML content), read back the same as
    /// `appendXML`'s escaped form, without a character entity for every `<`, `>` and `&`. Each
    /// `]]>` is split across two sections, and the characters XML forbids are dropped, as
    /// `appendXML` drops them. Runs are skipped eight bytes at a time (no `]`, no control, no
    /// 0xEF) and copied whole.
    public static func appendCDATA(_ text: String, to output: inout [UInt8]) {
        var text = text
        output += "<![CDATA[".utf8
        let mark = output.count
        let isClean = text.withUTF8 { appendSections($0, to: &output) }
        if !isClean {
            // A forbidden character, rare: drop them all first, since dropping one can join a
            // `]]` and a `>` that were apart.
            output.removeSubrange(mark...)
            let kept = text.withUTF8 { bytes in
                var kept: [UInt8] = []
                kept.reserveCapacity(bytes.count)
                var index = 0
                while index < bytes.count {
                    let skip = forbiddenLength(bytes, at: index)
                    if skip == 0 { kept.append(bytes[index]) }
                    index += max(skip, 1)
                }
                return kept
            }
            _ = kept.withUnsafeBufferPointer { appendSections($0, to: &output) }
        }
        output += "]]>".utf8
    }

    /// How many bytes at `index` make a character XML forbids (a C0 control but tab, line feed
    /// and carriage return; U+FFFE or U+FFFF): 0 for an allowed one.
    @inline(__always)
    private static func forbiddenLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x20 && byte != 9 && byte != 10 && byte != 13 { return 1 }
        if byte == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBF
            && bytes[index + 2] >= 0xBE
        {
            return 3
        }
        return 0
    }

    /// The CDATA sections' contents for `bytes`, each `]]>` split; `false` (with part of it
    /// appended) at the first character XML forbids.
    private static func appendSections(
        _ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]
    ) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var runStart = 0
        var index = 0
        while index < bytes.count {
            while index + 8 <= bytes.count {
                let word = UInt64(
                    littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if hasByte(0x5D, word) || hasByteBelow0x20(word) || hasByte(0xEF, word) { break }
                index += 8
            }
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: "]"), index + 2 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "]"), bytes[index + 2] == UInt8(ascii: ">")
            {
                // `]]` ends this section, `>` starts the next.
                output.append(
                    contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index + 2]))
                output += "]]><![CDATA[".utf8
                runStart = index + 2
                index += 3
                continue
            }
            if forbiddenLength(bytes, at: index) > 0 { return false }
            index += 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        return true
    }

    /// Appends `text` to `output` with `& < > " '` escaped, copying runs without them whole.
    public static func appendHTML(_ text: String, to output: inout [UInt8]) {
        append(text, to: &output, forXML: false)
    }

    /// Appends UTF-8 text, escaped as `appendHTML` escapes a `String`.
    public static func appendHTML(bytes: [UInt8], to output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0, to: &output, forXML: false) }
    }

    private static func append(_ text: String, to output: inout [UInt8], forXML: Bool) {
        var text = text
        text.withUTF8 { append($0, to: &output, forXML: forXML) }
    }

    /// Both of the above: markup characters escaped and, for XML, the characters XML forbids
    /// dropped. Runs with nothing to change are skipped eight bytes at a time (none of
    /// `& ' " < >`, and for XML no control and no 0xEF, which starts U+FFFE and U+FFFF) and
    /// copied whole.
    private static func append(
        _ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], forXML: Bool
    ) {
        var runStart = 0
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while index < bytes.count {
            while index + 8 <= bytes.count {
                let word = UInt64(
                    littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if hasMarkup(word)
                    || (forXML && (hasByteBelow0x20(word) || hasByte(0xEF, word)))
                {
                    break
                }
                index += 8
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            let replacement: StaticString
            var skip = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            case 0..<0x20 where forXML && byte != 9 && byte != 10 && byte != 13:
                replacement = ""
            case 0xEF
            where forXML && index + 2 < bytes.count && bytes[index + 1] == 0xBF
                && bytes[index + 2] >= 0xBE:
                // U+FFFE and U+FFFF are not XML characters.
                replacement = ""
                skip = 3
            default:
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            output.append(
                contentsOf: UnsafeBufferPointer(
                    start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += skip
            runStart = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes is below 0x20 (a control character).
    @inline(__always)
    static func hasByteBelow0x20(_ word: UInt64) -> Bool {
        (word &- ones &* 0x20) & ~word & highs != 0
    }

    /// Whether any of the eight bytes is one of `& ' " < >`: with bit 0 set, `&` (0x26) and `'`
    /// (0x27) both read 0x27; with bit 1 set, `<` (0x3C) and `>` (0x3E) both read 0x3E. Spaces,
    /// digits and the rest of plain text pass, so English runs are skipped as whole words.
    @inline(__always)
    static func hasMarkup(_ word: UInt64) -> Bool {
        hasByte(0x27, word | ones) || hasByte(0x3E, word | (ones &* 2)) || hasByte(0x22, word)
    }

    /// Whether any of the eight bytes is `byte`.
    @inline(__always)
    static func hasByte(_ byte: UInt8, _ word: UInt64) -> Bool {
        let v = word ^ (ones &* UInt64(byte))
        return (v &- ones) & ~v & highs != 0
    }

    /// Escapes for XML 1.0: like `html`, and drops the control characters XML forbids (C0
    /// controls but tab, line feed and carriage return; U+FFFE and U+FFFF).
    public static func xml(_ text: String) -> String {
        var text = text
        let needs = text.withUTF8 { bytes in
            bytes.contains { $0 < 0x20 || $0 == 0xEF || isHTMLSpecial($0) }
        }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        appendXML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal, quotes included. `<`, `>`, `&`, U+2028 and U+2029 are written as
    /// `\u` escapes so the JSON is also safe inside an HTML `<script>` element.
    public static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        appendJSONString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `jsonString(text)` to `out`, without making the string.
    public static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            func escape(_ replacement: StaticString, skipping extra: Int = 0) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(
                    contentsOf: UnsafeBufferPointer(
                        start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += extra
                runStart = index + 1
            }
            let raw = UnsafeRawBufferPointer(bytes)
            while index < bytes.count {
                // Eight bytes at a time past runs with nothing to escape (no control, none of
                // `" \\ < > &`, no 0xE2, which starts U+2028 and U+2029).
                while index + 8 <= bytes.count {
                    let word = UInt64(
                        littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    if hasMarkup(word) || hasByteBelow0x20(word) || hasByte(0x5C, word)
                        || hasByte(0xE2, word)
                    {
                        break
                    }
                    index += 8
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): escape("\\\"")
                case UInt8(ascii: "\\"): escape("\\\\")
                case 10: escape("\\n")
                case 13: escape("\\r")
                case 9: escape("\\t")
                case UInt8(ascii: "<"): escape("\\u003c")
                case UInt8(ascii: ">"): escape("\\u003e")
                case UInt8(ascii: "&"): escape("\\u0026")
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    out += [
                        92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)],
                    ]
                    runStart = index + 1
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029 end a line in JavaScript.
                    escape(bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", skipping: 2)
                default:
                    break
                }
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
    }

}
