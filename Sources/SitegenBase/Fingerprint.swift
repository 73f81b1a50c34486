/// A stable 64-bit hash (FNV-1a) for build-cache keys.
///
/// Swift's `Hasher` is seeded per process, so it cannot key a cache that outlives one run.
/// FNV-1a is simple, fast on short inputs, and good enough to tell inputs apart; it is not a
/// defence against crafted collisions, which a site's own author has no reason to make.
public struct Fingerprint: Sendable, Equatable, Hashable {
    /// The hash so far.
    @inlinable public var value: UInt64 { state }
    @usableFromInline var state: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Starts a new hash.
    @inlinable public init() {}

    /// A fingerprint read back from a cache.
    package static func restored(_ value: UInt64) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.state = value
        return fingerprint
    }

    /// Mixes bytes in.
    @inlinable
    public mutating func combine<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        var hash = state
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        state = hash
    }

    /// Mixes a string in, with a separator so that ("ab", "c") and ("a", "bc") differ.
    @inlinable
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: $0) }
        combine(bytes: CollectionOfOne(0xFF))
    }

    /// Mixes an integer in.
    @inlinable
    public mutating func combine(_ number: Int64) {
        withUnsafeBytes(of: number.littleEndian) { combine(bytes: $0) }
    }

    /// Mixes another fingerprint in.
    @inlinable
    public mutating func combine(_ other: Fingerprint) {
        withUnsafeBytes(of: other.value.littleEndian) { combine(bytes: $0) }
    }

    /// The fingerprint of some bytes.
    @inlinable
    public static func of<Bytes: Sequence>(bytes: Bytes) -> Fingerprint
    where Bytes.Element == UInt8 {
        var fingerprint = Fingerprint()
        fingerprint.combine(bytes: bytes)
        return fingerprint
    }

    /// A fast hash of a whole file's bytes, eight bytes at a time, to tell whether a file whose
    /// stamp looks unchanged really is (file times can be too coarse to see quick edits).
    @inlinable
    public static func ofContents(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { ofContents($0) }
    }

    /// `ofContents` of bytes in memory.
    @inlinable package static func ofContents(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        while offset < raw.count {
            hash = (hash ^ UInt64(raw[offset])) &* 0xC4CE_B9FE_1A85_EC53
            offset += 1
        }
        return hash ^ (hash >> 29)
    }

    /// Sixteen hex digits.
    public var hex: String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
