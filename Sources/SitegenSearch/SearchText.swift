import Foundation

/// Search normalisation: NFKC, then lower case, then final sigma as sigma.
///
/// The browser does the same with `text.normalize("NFKC").toLowerCase()` and the same sigma
/// mapping (`templates/static/search.js`), so full-width `ＡＩ` and `AI`, half-width `ｶﾞ` and `ガ`
/// and `Ｏｐｅｎ` and `open` meet in one term. Most text in a brief is ASCII, kana and common
/// kanji, which NFKC leaves as they are: those are copied (ASCII lowered) without Foundation,
/// and only runs of other characters, with the character before them (a base letter a combining
/// mark may join), go through Foundation.
public enum SearchText {
    /// The normalised form of `text`.
    public static func normalize(_ text: String) -> String {
        var output: [UInt8] = []
        normalize(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the normalised form of `text`, as UTF-8, to `output`.
    public static func normalize(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { normalize(bytes: $0, into: &output) }
    }

    static func normalize(bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + bytes.count)
        var index = 0
        while index < bytes.count {
            // A run of stable scalars, copied at once, then its ASCII capitals lowered.
            let unstable = firstUnstable(bytes, from: index)
            // The stable scalar before an unstable one goes through Foundation with it (a base
            // letter a combining mark may join).
            var start = unstable
            if unstable < bytes.count && unstable > index {
                start -= 1
                while start > index && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            }
            if start > index {
                let outputStart = output.count
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<start]))
                output.withUnsafeMutableBytes { lowerASCII(in: $0, from: outputStart) }
            }
            guard unstable < bytes.count else { break }
            // A run of other scalars, with the stable one before it, through Foundation.
            var end = unstable + decode(bytes, at: unstable).1
            while end < bytes.count {
                let (next, nextLength) = decode(bytes, at: end)
                if isStable(next) { break }
                end += nextLength
            }
            // NFKC as compatibility decomposition then canonical composition: Foundation's
            // one-step NFKC on Linux leaves half-width voiced marks (ｶﾞ) uncomposed.
            let folded = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self
            )
            .decomposedStringWithCompatibilityMapping
            .precomposedStringWithCanonicalMapping.lowercased()
            for scalar in folded.unicodeScalars {
                output.append(contentsOf: String(foldSigma(scalar)).utf8)
            }
            index = end
        }
    }

    /// Where the first scalar from `index` on that NFKC or lower-casing may change starts
    /// (`bytes.count` when none does). ASCII is skipped eight bytes at a time, and common
    /// kanji by their lead byte.
    @inline(__always)
    static func firstUnstable(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return bytes.count }
        let count = bytes.count
        var index = start
        while index < count {
            if index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            if byte & 0xF0 == 0xE0 && index + 2 < count {
                // U+5000 to U+9FFF, common kanji, by the lead byte alone.
                if byte &- 0xE5 <= 0xE9 - 0xE5 {
                    index += 3
                    continue
                }
                let value =
                    UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                    | UInt32(bytes[index + 2] & 0x3F)
                guard isStable(value) else { return index }
                index += 3
                continue
            }
            let (scalar, length) = decode(bytes, at: index)
            guard isStable(scalar) else { return index }
            index += length
        }
        return count
    }

    /// Lowers the ASCII capitals of `bytes` from `start` on, eight bytes at a time (other bytes
    /// are left as they are).
    @inline(__always)
    static func lowerASCII(in bytes: UnsafeMutableRawBufferPointer, from start: Int) {
        var index = start
        let high: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // Per byte: its high bit set when it is ASCII and in A...Z.
            let low = word & ~high
            let atLeastA = low &+ 0x3F3F_3F3F_3F3F_3F3F
            let pastZ = low &+ 0x2525_2525_2525_2525
            let capitals = atLeastA & ~pastZ & ~word & high
            if capitals != 0 {
                bytes.storeBytes(of: word | capitals >> 2, toByteOffset: index, as: UInt64.self)
            }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] &- 0x41 < 26 { bytes[index] += 32 }
            index += 1
        }
    }

    /// The scalar whose UTF-8 encoding starts at `index` (the bytes are valid UTF-8), and its
    /// length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)
    {
        let lead = UInt32(bytes[index])
        var value: UInt32
        var length: Int
        if lead < 0x80 {
            return (Unicode.Scalar(UInt8(lead)), 1)
        } else if lead < 0xE0 {
            value = lead & 0x1F
            length = 2
        } else if lead < 0xF0 {
            value = lead & 0x0F
            length = 3
        } else {
            value = lead & 0x07
            length = 4
        }
        length = min(length, bytes.count - index)
        for offset in 1..<max(1, length) {
            value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether NFKC and lower-casing leave `scalar` as it is (up to ASCII case), whatever is
    /// around it: ASCII, hiragana, katakana, CJK punctuation and brackets, dashes and curly
    /// quotes, and the common CJK ideographs.
    @inline(__always)
    static func isStable(_ scalar: Unicode.Scalar) -> Bool {
        isStable(scalar.value)
    }

    @inline(__always)
    static func isStable(_ value: UInt32) -> Bool {
        if value < 0x80 { return true }
        return (0x3041...0x3096).contains(value) || (0x30A1...0x30FC).contains(value)
            || (0x3001...0x3003).contains(value) || (0x3008...0x3011).contains(value)
            || (0x3014...0x301B).contains(value) || value == 0x2010
            || (0x2012...0x2016).contains(value)
            || (0x2018...0x2019).contains(value)
            || (0x201C...0x201D).contains(value) || (0x4E00...0x9FFF).contains(value)
    }

    @inline(__always)
    static func foldSigma(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.value == 0x3C2 ? "\u{3C3}" : scalar
    }

    /// Whether `scalar` is written without spaces between words (Han, kana, Hangul): such text
    /// is indexed as overlapping character pairs.
    @inline(__always)
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        isCJK(scalar.value)
    }

    /// The same for a scalar value (common kanji and kana first).
    @inline(__always)
    static func isCJK(_ value: UInt32) -> Bool {
        if value &- 0x4E00 <= 0x9FFF - 0x4E00 { return true }
        if value < 0x3005 { return false }
        return (0x3041...0x30FA).contains(value) || (0x30FC...0x30FF).contains(value)
            || (0x3005...0x3007).contains(value) || (0x31F0...0x31FF).contains(value)
            || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xAC00...0xD7AF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0x20000...0x3FFFF).contains(value)
    }

    /// Whether `scalar` belongs to a word: a letter, number or mark (`\p{L}\p{N}\p{M}` in the
    /// browser) that is not CJK.
    @inline(__always)
    public static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39)
                || (value >= 0x41 && value <= 0x5A)
        }
        if (0x3000...0x3004).contains(value) || (0x3008...0x3020).contains(value) {
            return false
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark,
            .enclosingMark:
            return true
        default:
            return false
        }
    }
}
