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
        // The last stable scalar copied: where it starts in `bytes` and in `output`.
        var previous: (input: Int, output: Int)?
        var index = 0
        while index < bytes.count {
            // A run of stable scalars, copied at once, then its ASCII capitals lowered.
            let runStart = index
            var last = -1
            while index < bytes.count {
                if bytes[index] < 0x80 {
                    last = index
                    index += 1
                    continue
                }
                let (scalar, length) = decode(bytes, at: index)
                if !isStable(scalar) { break }
                last = index
                index += length
            }
            if index > runStart {
                let outputStart = output.count
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output.withUnsafeMutableBufferPointer { output in
                    for offset in outputStart..<output.count
                    where output[offset] >= 0x41 && output[offset] <= 0x5A {
                        output[offset] += 32
                    }
                }
                previous = (last, outputStart + last - runStart)
            }
            guard index < bytes.count else { break }
            let (_, length) = decode(bytes, at: index)
            // A run of other scalars, with the stable one before it, through Foundation.
            var end = index + length
            while end < bytes.count {
                let (next, nextLength) = decode(bytes, at: end)
                if isStable(next) { break }
                end += nextLength
            }
            var start = index
            if let previous {
                start = previous.input
                output.removeSubrange(previous.output...)
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
            previous = nil
            index = end
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
        let value = scalar.value
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
        let value = scalar.value
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
