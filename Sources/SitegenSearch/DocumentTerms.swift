/// One document's terms with their scores and, for CJK pairs, positions.
struct DocumentTerms: Sendable {
    struct Entry: Sendable {
        let term: String
        let score: Int
        let positions: [Int32]?
    }

    /// Sorted by term, so that the merged postings do not depend on hashing order.
    let entries: [Entry]

    init(indexing document: SearchDocument) {
        var weights: [String: (fields: Int, body: Int, positions: [Int32]?)] = [:]
        var position = 0
        func add(_ text: String, weight: Int) {
            position = SearchTokenizer.tokenize(SearchText.normalize(text), from: position) {
                token in
                let term = token.term
                var entry = weights[term] ?? (0, 0, nil)
                if weight == SearchDocument.Weight.body {
                    entry.body += 1
                } else {
                    entry.fields += weight
                }
                if case .bigram(_, _, let at) = token {
                    entry.positions = (entry.positions ?? []) + [Int32(at)]
                }
                weights[term] = entry
            }
        }
        typealias Weight = SearchDocument.Weight
        add(document.title, weight: Weight.title)
        if let english = document.titleEN { add(english, weight: Weight.title) }
        for tag in document.tags { add(tag, weight: Weight.tag) }
        add(document.source, weight: Weight.summary)
        for summary in document.summaries { add(summary.text, weight: Weight.summary) }
        for section in document.sections { add(section.text, weight: Weight.body) }
        // Filters: one term per tag and one for the source, which no query text can produce.
        for tag in document.tags { weights["#t:" + SearchText.normalize(tag)] = (1, 0, nil) }
        if !document.source.isEmpty {
            weights["#s:" + SearchText.normalize(document.source)] = (1, 0, nil)
        }
        entries = weights.map { term, value in
            Entry(
                term: term,
                score: max(
                    1, min(Weight.cap, value.fields + min(value.body, Weight.bodyCap))),
                positions: value.positions)
        }.sorted { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
    }
}
