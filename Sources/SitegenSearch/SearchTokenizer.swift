/// One term of normalised text.
public enum SearchToken: Sendable, Hashable {
    /// A word of a script that separates words (English): lower case, plural `s` removed.
    case word(String)
    /// Two neighbouring CJK characters, at the position of the first.
    case bigram(Unicode.Scalar, Unicode.Scalar, position: Int)
    /// One CJK character (so that one-character queries find something).
    case unigram(Unicode.Scalar)

    /// The term as stored in the index: the word, the two characters or the one character.
    public var term: String {
        switch self {
        case .word(let word): return word
        case .bigram(let first, let second, _):
            var scalars = String.UnicodeScalarView()
            scalars.append(first)
            scalars.append(second)
            return String(scalars)
        case .unigram(let scalar): return String(Character(scalar))
        }
    }
}

/// Splits normalised text (`SearchText.normalize`) into terms, by script.
///
/// Runs of CJK characters become overlapping pairs with positions (so a query of several
/// characters can ask for them in sequence) and single characters; other letters and digits
/// become words, lightly stemmed. Everything else separates. `templates/static/search.js` does
/// exactly this; `Tests/SitegenSearchTests/tokens.json` holds cases both sides check.
public enum SearchTokenizer {
    /// What a query asks for, one group per term; a document must match every group.
    public enum QueryGroup: Sendable, Equatable {
        /// A word.
        case word(String)
        /// A single CJK character.
        case character(String)
        /// A sequence of CJK characters: its pairs, which must be found at consecutive positions.
        case phrase([String])
    }

    /// Visits the terms of `normalized`, numbering CJK characters from `position`; returns the
    /// position after the last run (with a gap, so runs never join).
    @discardableResult
    public static func tokenize(
        _ normalized: String, from position: Int = 0, _ visit: (SearchToken) -> Void
    ) -> Int {
        var position = position
        scan(normalized) { word in
            visit(.word(word))
        } run: { run in
            for (offset, scalar) in run.enumerated() {
                visit(.unigram(scalar))
                if offset + 1 < run.count {
                    visit(.bigram(scalar, run[offset + 1], position: position + offset))
                }
            }
            position += run.count + 1
        }
        return position
    }

    /// The groups of a query (already normalised): words, single characters and phrases, each
    /// once, in the order they first appear.
    public static func query(_ normalized: String) -> [QueryGroup] {
        var groups: [QueryGroup] = []
        scan(normalized) { word in
            groups.append(.word(word))
        } run: { run in
            if run.count == 1 {
                groups.append(.character(String(Character(run[0]))))
            } else {
                groups.append(
                    .phrase(
                        (0..<run.count - 1).map {
                            SearchToken.bigram(run[$0], run[$0 + 1], position: 0).term
                        }))
            }
        }
        var seen: Set<QueryGroup> = []
        return groups.filter { seen.insert($0).inserted }
    }

    /// Splits `normalized` into stemmed words and runs of CJK characters, in order.
    static func scan(
        _ normalized: String, word visitWord: (String) -> Void,
        run visitRun: ([Unicode.Scalar]) -> Void
    ) {
        var normalized = normalized
        var run: [Unicode.Scalar] = []
        normalized.withUTF8 { bytes in
            scan(bytes) { start, end in
                let (length, addsY) = stemmed(bytes, start, end)
                var word = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + length]),
                    as: UTF8.self)
                if addsY { word += "y" }
                visitWord(word)
            } character: { value in
                run.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            } endRun: {
                visitRun(run)
                run.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Splits normalised UTF-8 into words (`start..<end` in `bytes`, not yet stemmed) and runs
    /// of CJK characters (each character's scalar value, then the end of its run), in order: the
    /// one scanner both the index and queries use.
    @inline(__always)
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, word visitWord: (Int, Int) -> Void,
        character visitCharacter: (UInt32) -> Void, endRun visitEndRun: () -> Void
    ) {
        var wordStart = -1
        var runLength = 0
        // For "OpenAI's": a word "s" right after an apostrophe after a word is dropped.
        var afterApostrophe = false
        @inline(__always) func endWord(at end: Int) {
            guard wordStart >= 0 else { return }
            let isPossessive =
                afterApostrophe && end - wordStart == 1 && bytes[wordStart] == UInt8(ascii: "s")
            if !isPossessive { visitWord(wordStart, end) }
            wordStart = -1
        }
        @inline(__always) func endRun() {
            guard runLength > 0 else { return }
            visitEndRun()
            runLength = 0
        }
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                // A-Z, a-z or 0-9.
                if (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 {
                    endRun()
                    if wordStart < 0 { wordStart = index }
                } else {
                    let wasWord = wordStart >= 0
                    endWord(at: index)
                    endRun()
                    afterApostrophe = wasWord && byte == UInt8(ascii: "'")
                }
                index += 1
                continue
            }
            // Most text beyond ASCII is kana and kanji, three bytes each.
            let value: UInt32
            let length: Int
            if byte & 0xF0 == 0xE0 && index + 2 < count {
                value =
                    UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                    | UInt32(bytes[index + 2] & 0x3F)
                length = 3
            } else {
                let (scalar, scalarLength) = SearchText.decode(bytes, at: index)
                value = scalar.value
                length = scalarLength
            }
            if SearchText.isCJK(value) {
                endWord(at: index)
                afterApostrophe = false
                visitCharacter(value)
                runLength += 1
            } else if SearchText.isWordCharacter(Unicode.Scalar(value) ?? "\u{FFFD}") {
                endRun()
                if wordStart < 0 { wordStart = index }
            } else {
                let wasWord = wordStart >= 0
                endWord(at: index)
                endRun()
                afterApostrophe = wasWord && value == 0x2019
            }
            index += length
        }
        endWord(at: count)
        endRun()
    }

    /// Light English stemming: plural endings only, on words of ASCII letters.
    public static func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes in
            let (length, addsY) = stemmed(bytes, 0, bytes.count)
            let kept = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[..<length]), as: UTF8.self)
            return addsY ? kept + "y" : kept
        }
    }

    /// The stem of the word `start..<end` of `bytes`: how many of its bytes it keeps, and
    /// whether a `y` follows them (`policies` → `policy`).
    @inline(__always)
    static func stemmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
        -> (length: Int, addsY: Bool)
    {
        let count = end - start
        guard count >= 4, bytes[end - 1] == UInt8(ascii: "s") else { return (count, false) }
        for index in start..<end where bytes[index] < 0x61 || bytes[index] > 0x7A {
            return (count, false)
        }
        @inline(__always) func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard length <= count else { return false }
            let pointer = suffix.utf8Start
            for offset in 0..<length where bytes[end - length + offset] != pointer[offset] {
                return false
            }
            return true
        }
        if ends("ies") && count > 4 { return (count - 3, true) }
        if ends("sses") || ends("xes") || ends("ches") || ends("shes") { return (count - 2, false) }
        if !ends("ss") && !ends("us") && !ends("is") { return (count - 1, false) }
        return (count, false)
    }
}

extension SearchTokenizer.QueryGroup: Hashable {}
