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
        let bytes = Array(normalized.utf8)
        var wordStart = -1
        var run: [Unicode.Scalar] = []
        // For "OpenAI's": a word "s" right after an apostrophe after a word is dropped.
        var afterApostrophe = false
        func endWord(at end: Int) {
            guard wordStart >= 0 else { return }
            let isPossessive =
                afterApostrophe && end - wordStart == 1 && bytes[wordStart] == UInt8(ascii: "s")
            if !isPossessive {
                visitWord(stem(String(decoding: bytes[wordStart..<end], as: UTF8.self)))
            }
            wordStart = -1
        }
        func endRun() {
            guard !run.isEmpty else { return }
            visitRun(run)
            run.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < bytes.count {
            let (scalar, length) = SearchText.decode(bytes, at: index)
            if SearchText.isCJK(scalar) {
                endWord(at: index)
                afterApostrophe = false
                run.append(scalar)
            } else if SearchText.isWordCharacter(scalar) {
                endRun()
                if wordStart < 0 { wordStart = index }
            } else {
                let wasWord = wordStart >= 0
                endWord(at: index)
                endRun()
                afterApostrophe = wasWord && (scalar == "'" || scalar == "\u{2019}")
            }
            index += length
        }
        endWord(at: bytes.count)
        endRun()
    }

    /// Light English stemming: plural endings only, on words of ASCII letters.
    public static func stem(_ word: String) -> String {
        let count = word.utf8.count
        guard count >= 4, word.utf8.last == UInt8(ascii: "s"),
            word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
        else { return word }
        func ends(_ suffix: String) -> Bool { word.hasSuffix(suffix) }
        if ends("ies") && count > 4 { return String(word.dropLast(3)) + "y" }
        if ends("sses") || ends("xes") || ends("ches") || ends("shes") {
            return String(word.dropLast(2))
        }
        if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
            return String(word.dropLast())
        }
        return word
    }
}

extension SearchTokenizer.QueryGroup: Hashable {}
