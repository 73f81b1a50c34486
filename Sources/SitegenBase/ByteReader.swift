/// Reads what `ByteWriter` wrote; every read fails softly on damaged input.
package struct ByteReader {
    package let buffer: [UInt8]
    package var index = 0
    @inlinable package var end: Int { buffer.count }

    @inlinable package init(_ buffer: [UInt8]) { self.buffer = buffer }

    @inlinable package var isAtEnd: Bool { index == end }

    @inlinable package mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, index + count <= end else { return nil }
        defer { index += count }
        return buffer[index..<index + count]
    }

    @inlinable package mutating func uint() -> UInt64? {
        guard index + 8 <= end else { return nil }
        let value = buffer.withUnsafeBytes {
            $0.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        }
        index += 8
        return UInt64(littleEndian: value)
    }

    @inlinable package mutating func int() -> Int64? { uint().map { Int64(bitPattern: $0) } }

    @inlinable package mutating func bool() -> Bool? {
        guard let raw = bytes(1) else { return nil }
        return raw.first == 1
    }

    @inlinable package mutating func varint() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < end, shift < 63 {
            let byte = buffer[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int(exactly: value) }
            shift += 7
        }
        return nil
    }

    @inlinable package mutating func string() -> String? {
        guard let count = varint(), let raw = bytes(count) else { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    @inlinable package mutating func optional() -> String?? {
        guard let present = bool() else { return nil }
        return present ? string().map { Optional($0) } : .some(nil)
    }

    @inlinable package mutating func prefixCoded(after previous: inout [UInt8]) -> String? {
        guard let shared = varint(), shared <= previous.count, let count = varint(),
            let rest = bytes(count)
        else { return nil }
        previous.removeSubrange(shared...)
        previous.append(contentsOf: rest)
        return String(decoding: previous, as: UTF8.self)
    }

    @inlinable package mutating func strings() -> [String]? {
        guard let count = varint(), count < 1_000_000 else { return nil }
        var result: [String] = []
        for _ in 0..<count {
            guard let text = string() else { return nil }
            result.append(text)
        }
        return result
    }
}
