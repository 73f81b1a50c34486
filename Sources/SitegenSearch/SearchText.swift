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
        var output = String.UnicodeScalarView()
        var pending = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        func flush() {
            guard !pending.isEmpty else { return }
            // NFKC as compatibility decomposition then canonical composition: Foundation's
            // one-step NFKC on Linux leaves half-width voiced marks (ｶﾞ) uncomposed.
            let folded = String(pending).decomposedStringWithCompatibilityMapping
                .precomposedStringWithCanonicalMapping.lowercased()
            for scalar in folded.unicodeScalars { output.append(foldSigma(scalar)) }
            pending.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isStable(scalar) {
                flush()
                if let previous { output.append(previous) }
                previous = lowerASCII(scalar)
            } else {
                if pending.isEmpty, let last = previous {
                    pending.append(last)
                    previous = nil
                }
                pending.append(scalar)
            }
        }
        flush()
        if let previous { output.append(previous) }
        return String(output)
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
    static func lowerASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value >= 0x41 && value <= 0x5A { return Unicode.Scalar(UInt8(value + 32)) }
        return scalar
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
