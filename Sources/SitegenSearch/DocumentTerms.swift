/// One document's terms with their scores and, for CJK pairs, positions.
///
/// Made for every brief on every full build, so it avoids a string per CJK term: characters and
/// pairs are keyed by their scalars in a `UInt64`, occurrences are gathered in one array and
/// sorted, and only words (and the filter terms) are strings.
struct DocumentTerms: Sendable {
    /// A CJK character (`key < 1 << 42`: the scalar) or pair (`1 << 42 | first << 21 | second`).
    struct Characters: Sendable {
        let key: UInt64
        let score: Int
        /// For pairs: where they occur, ascending; empty for single characters.
        let positions: [Int32]
    }

    struct Word: Sendable {
        let term: String
        let score: Int
    }

    let characters: [Characters]
    let words: [Word]

    static let pairFlag: UInt64 = 1 << 42

    /// The term a character key stands for.
    static func term(_ key: UInt64) -> String {
        var scalars = String.UnicodeScalarView()
        if key & pairFlag != 0 {
            if let first = Unicode.Scalar(UInt32((key >> 21) & 0x1F_FFFF)) {
                scalars.append(first)
            }
        }
        if let last = Unicode.Scalar(UInt32(key & 0x1F_FFFF)) { scalars.append(last) }
        return String(scalars)
    }

    init(indexing document: SearchDocument) {
        typealias Weight = SearchDocument.Weight
        // Every CJK occurrence: key, position (-1 for single characters) and weight.
        var occurrences: [(key: UInt64, position: Int32, weight: Int32)] = []
        var words: [String: (fields: Int, body: Int)] = [:]
        var position = 0
        func add(_ text: String, weight: Int) {
            position = SearchTokenizer.tokenize(SearchText.normalize(text), from: position) {
                token in
                switch token {
                case .word(let word):
                    var entry = words[word] ?? (0, 0)
                    if weight == Weight.body { entry.body += 1 } else { entry.fields += weight }
                    words[word] = entry
                case .unigram(let scalar):
                    occurrences.append((UInt64(scalar.value), -1, Int32(weight)))
                case .bigram(let first, let second, let at):
                    let key = Self.pairFlag | UInt64(first.value) << 21 | UInt64(second.value)
                    occurrences.append((key, Int32(at), Int32(weight)))
                }
            }
        }
        add(document.title, weight: Weight.title)
        if let english = document.titleEN { add(english, weight: Weight.title) }
        for tag in document.tags { add(tag, weight: Weight.tag) }
        add(document.source, weight: Weight.summary)
        for summary in document.summaries { add(summary.text, weight: Weight.summary) }
        for section in document.sections { add(section.text, weight: Weight.body) }
        // Filters: one term per tag and one for the source, which no query text can produce.
        for tag in document.tags { words["#t:" + SearchText.normalize(tag)] = (1, 0) }
        if !document.source.isEmpty {
            words["#s:" + SearchText.normalize(document.source)] = (1, 0)
        }
        func score(fields: Int, body: Int) -> Int {
            max(1, min(Weight.cap, fields + min(body, Weight.bodyCap)))
        }
        self.words = words.map {
            Word(term: $0.key, score: score(fields: $0.value.0, body: $0.value.1))
        }
        // Sorted by key, then by when they occur (positions grow as the text is read): as
        // `key << 21 | occurrence`, plain integers, when there are few enough occurrences.
        var order: [Int]
        if occurrences.count < 1 << 21 {
            var packed = occurrences.indices.map { occurrences[$0].key << 21 | UInt64($0) }
            packed.sort()
            order = packed.map { Int($0 & 0x1F_FFFF) }
        } else {
            order = Array(occurrences.indices)
            order.sort {
                let (left, right) = (occurrences[$0], occurrences[$1])
                return left.key != right.key ? left.key < right.key : $0 < $1
            }
        }
        var characters: [Characters] = []
        var start = 0
        while start < order.count {
            let key = occurrences[order[start]].key
            var end = start
            var fields = 0
            var body = 0
            var positions: [Int32] = []
            while end < order.count && occurrences[order[end]].key == key {
                let occurrence = occurrences[order[end]]
                if occurrence.weight == Int32(Weight.body) {
                    body += 1
                } else {
                    fields += Int(occurrence.weight)
                }
                if occurrence.position >= 0 { positions.append(occurrence.position) }
                end += 1
            }
            characters.append(
                Characters(key: key, score: score(fields: fields, body: body), positions: positions)
            )
            start = end
        }
        self.characters = characters
    }
}
