/// Appends little-endian integers and length-prefixed strings.
package struct ByteWriter {
    package var buffer: [UInt8] = []
    /// Receives the buffer whenever it grows past a few megabytes, so a large cache is never held
    /// whole in memory; `nil` keeps everything in `buffer`.
    package var flush: (([UInt8]) throws -> Void)?
    package var failure: Error?

    /// A writer that keeps everything in `buffer`, or hands it to `flush` every few megabytes.
    @inlinable package init(flush: (([UInt8]) throws -> Void)? = nil) { self.flush = flush }

    @inlinable package mutating func flushIfFull() {
        guard let flush, buffer.count >= 4 << 20, failure == nil else { return }
        do {
            try flush(buffer)
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    @inlinable package mutating func bytes(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    @inlinable package mutating func uint(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
    @inlinable package mutating func int(_ value: Int64) { uint(UInt64(bitPattern: value)) }
    @inlinable package mutating func bool(_ value: Bool) { buffer.append(value ? 1 : 0) }

    /// An unsigned number in as few bytes as it needs (LEB128): string lengths are mostly short.
    @inlinable package mutating func varint(_ value: Int) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        buffer.append(UInt8(rest))
    }

    @inlinable package mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            varint(bytes.count)
            buffer.append(contentsOf: bytes)
        }
    }

    @inlinable package mutating func optional(_ text: String?) {
        bool(text != nil)
        if let text { string(text) }
    }

    /// A string that shares a prefix with the one before it (sorted paths share long ones):
    /// the shared length, then the rest.
    @inlinable package mutating func prefixCoded(_ text: String, after previous: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var shared = 0
            let limit = min(bytes.count, previous.count)
            while shared < limit, bytes[shared] == previous[shared] { shared += 1 }
            varint(shared)
            varint(bytes.count - shared)
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[shared...]))
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: bytes)
        }
    }

    @inlinable package mutating func strings(_ texts: [String]) {
        varint(texts.count)
        for text in texts { string(text) }
    }
}
