/// LEB128 unsigned integers, as the index's binary files store them.
enum Varint {
    /// Appends `value` (negative values as 0); returns how many bytes that took.
    @inline(__always) @discardableResult
    static func append(_ value: Int, to bytes: inout [UInt8]) -> Int {
        var rest = UInt(max(0, value))
        var length = 1
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
            length += 1
        }
        bytes.append(UInt8(rest))
        return length
    }

    /// Writes `value` (negative values as 0) at `offset` in a buffer with room for it, moving
    /// `offset` past; returns how many bytes that took.
    @inline(__always) @discardableResult
    static func write(
        _ value: Int, to bytes: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int
    ) -> Int {
        var rest = UInt(max(0, value))
        let start = offset
        while rest >= 0x80 {
            bytes[offset] = UInt8(truncatingIfNeeded: rest) | 0x80
            rest >>= 7
            offset += 1
        }
        bytes[offset] = UInt8(rest)
        offset += 1
        return offset - start
    }

    /// How many bytes `append` takes for `value`.
    @inline(__always)
    static func length(_ value: Int) -> Int {
        var rest = UInt(max(0, value))
        var length = 1
        while rest >= 0x80 {
            rest >>= 7
            length += 1
        }
        return length
    }

    /// Reads one integer at `offset`, moving it past; `nil` at a truncated end.
    static func read(_ bytes: [UInt8], at offset: inout Int) -> Int? {
        var value = 0
        var shift = 0
        while offset < bytes.count, shift < 63 {
            let byte = bytes[offset]
            offset += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

/// A JSON text written by hand, so its bytes never depend on a serializer's choices.
struct JSONText {
    var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            // Runs that need no escape are copied at once.
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x3C { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case 0x22: bytes += [0x5C, 0x22]
        case 0x5C: bytes += [0x5C, 0x5C]
        case 0x0A: bytes += [0x5C, 0x6E]
        case 0x0D: bytes += [0x5C, 0x72]
        case 0x09: bytes += [0x5C, 0x74]
        case 0x3C: bytes += Array("\\u003c".utf8)
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
    }

    mutating func strings(_ texts: [String]) {
        raw("[")
        for (index, text) in texts.enumerated() {
            if index > 0 { raw(",") }
            string(text)
        }
        raw("]")
    }
}
