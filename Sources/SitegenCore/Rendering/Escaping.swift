/// Escapes text for the places it lands: HTML and XML text and attributes, and JSON strings.
///
/// These run on every piece of content text, so they work on UTF-8 bytes and return the input
/// unchanged (no copy) when nothing needs escaping.
public enum Escaping {
    /// Escapes `& < > " '` for HTML or XML text and attribute values.
    public static func html(_ text: String) -> String {
        var needs = false
        for byte in text.utf8
        where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        {
            needs = true
            break
        }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        appendHTML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` to `output` with `& < > " '` escaped, copying runs without them whole.
    public static func appendHTML(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.append(
                    contentsOf: UnsafeBufferPointer(
                        start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Escapes for XML 1.0: like `html`, and drops the control characters XML forbids.
    public static func xml(_ text: String) -> String {
        let cleaned: String
        // Forbidden characters are C0 controls (bytes < 0x20) or U+FFFE/U+FFFF (0xEF 0xBF 0xBE/0xBF).
        var suspicious = false
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if (byte < 0x20 && byte != 9 && byte != 10 && byte != 13)
                    || (byte == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBF
                        && bytes[index + 2] >= 0xBE)
                {
                    suspicious = true
                    return
                }
                index += 1
            }
        }
        if suspicious && text.unicodeScalars.contains(where: isForbiddenInXML) {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text.unicodeScalars.filter { !isForbiddenInXML($0) })
            cleaned = String(scalars)
        } else {
            cleaned = text
        }
        return html(cleaned)
    }

    private static func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x9 && value != 0xA && value != 0xD)
            || value == 0xFFFE || value == 0xFFFF
    }

    /// A JSON string literal, quotes included. `<`, `>`, `&`, U+2028 and U+2029 are written as
    /// `\u` escapes so the JSON is also safe inside an HTML `<script>` element.
    public static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
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
            while index < bytes.count {
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
        return String(decoding: out, as: UTF8.self)
    }

}
