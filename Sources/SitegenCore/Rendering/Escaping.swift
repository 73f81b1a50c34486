/// Escapes text for the places it lands: HTML and XML text and attributes, and JSON strings.
///
/// These run on every piece of content text, so they work on UTF-8 bytes and return the input
/// unchanged (no copy) when nothing needs escaping.
public enum Escaping {
    /// Escapes `& < > " '` for HTML or XML text and attribute values.
    public static func html(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
                UInt8(ascii: "'"):
                needs = true
            default: continue
            }
            break
        }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `text` to `output`, escaping `& < > " '` as `html(_:)` does.
    ///
    /// Runs without those bytes are copied whole, and text without any is copied in one go.
    public static func appendHTML(_ text: String, to output: inout [UInt8]) {
        let utf8 = text.utf8
        var runStart = 0
        while let (offset, byte) = firstHTMLSpecial(in: text, from: runStart) {
            let start = utf8.index(utf8.startIndex, offsetBy: runStart)
            output.append(contentsOf: utf8[start..<utf8.index(start, offsetBy: offset - runStart)])
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            default: output.append(contentsOf: "&#39;".utf8)
            }
            runStart = offset + 1
        }
        if runStart == 0 {
            output.append(contentsOf: utf8)
        } else {
            output.append(contentsOf: utf8[utf8.index(utf8.startIndex, offsetBy: runStart)...])
        }
    }

    /// The UTF-8 offset and value of the first byte at or after `start` that HTML escapes.
    private static func firstHTMLSpecial(in text: String, from start: Int) -> (
        offset: Int, byte: UInt8
    )? {
        if #available(macOS 26, *) {
            // A span reads the bytes about three times faster than the UTF-8 view's iterator.
            let bytes = text.utf8.span
            var offset = start
            while offset < bytes.count {
                if isHTMLSpecial(bytes[offset]) { return (offset, bytes[offset]) }
                offset += 1
            }
            return nil
        }
        var offset = start
        for byte in text.utf8.dropFirst(start) {
            if isHTMLSpecial(byte) { return (offset, byte) }
            offset += 1
        }
        return nil
    }

    /// Whether `byte` is one of `& < > " '`, all of which are below 64.
    private static func isHTMLSpecial(_ byte: UInt8) -> Bool {
        let specials: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27
        return byte < 64 && specials >> byte & 1 != 0
    }

    /// Escapes for XML 1.0: like `html`, and drops the control characters XML forbids.
    public static func xml(_ text: String) -> String {
        let cleaned: String
        if text.unicodeScalars.contains(where: isForbiddenInXML) {
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
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}
