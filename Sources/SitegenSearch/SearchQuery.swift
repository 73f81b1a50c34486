/// Runs a query over built index files, as `templates/static/search.js` does in the browser.
///
/// The browser is what readers use; this is for tests and for tools that want to ask the index
/// from Swift. It reads only the files a query needs, through `read`.
public struct SearchQuery: Sendable {
    /// One ranked result: the document number and its score.
    public struct Hit: Sendable, Equatable {
        public let document: Int
        public let score: Double
    }

    /// The number of term shards (from `meta.json`).
    public let shardCount: Int
    /// How many documents the index holds.
    public let documentCount: Int

    /// Creates a query runner for an index with this layout.
    public init(shardCount: Int, documentCount: Int) {
        self.shardCount = shardCount
        self.documentCount = documentCount
    }

    /// Postings of one term: score and positions per document.
    struct Postings {
        var scores: [Int: Int] = [:]
        var positions: [Int: [Int]] = [:]
    }

    /// The documents matching every group of `text` (and every filter term), best first; ties go
    /// to the higher document number (the newer one).
    public func run(
        _ text: String, filters: [String] = [], read: (String) -> [UInt8]?
    ) -> [Hit] {
        let groups = SearchTokenizer.query(SearchText.normalize(text))
        guard !groups.isEmpty else { return [] }
        var total: [Int: Double]?
        func combine(_ scores: [Int: Int], weight: Double) {
            var next: [Int: Double] = [:]
            for (document, score) in scores {
                if let total, total[document] == nil { continue }
                next[document] = (total?[document] ?? 0) + Double(score) * weight
            }
            total = next
        }
        for group in groups {
            switch group {
            case .word(let term), .character(let term):
                let postings = lookUp(term, read: read)
                combine(postings.scores, weight: idf(postings.scores.count))
            case .phrase(let pairs):
                let lists = pairs.map { lookUp($0, withPositions: pairs.count > 1, read: read) }
                var scores: [Int: Int] = [:]
                for (document, first) in lists[0].scores {
                    if lists.count == 1 {
                        scores[document] = first
                        continue
                    }
                    guard let starts = lists[0].positions[document] else { continue }
                    var score = first
                    var possible = Set(starts)
                    for (offset, list) in lists.enumerated().dropFirst() {
                        guard let at = list.positions[document], let s = list.scores[document]
                        else {
                            possible = []
                            break
                        }
                        score = min(score, s)
                        possible = possible.filter { Set(at).contains($0 + offset) }
                    }
                    if !possible.isEmpty { scores[document] = score }
                }
                combine(scores, weight: idf(scores.count))
            }
        }
        for filter in filters {
            combine(lookUp(filter, read: read).scores, weight: 0)
        }
        return (total ?? [:]).map { Hit(document: $0.key, score: $0.value) }.sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.document > $1.document
        }
    }

    /// How much a term counts: rarer terms more. The browser uses the same formula.
    func idf(_ documents: Int) -> Double {
        documents == 0 ? 0 : 1 + (Double(documentCount) / Double(documents)).squareRoot() / 10
    }

    /// A term's postings, with positions when `withPositions` (and the term has them).
    func lookUp(_ term: String, withPositions: Bool = false, read: (String) -> [UInt8]?)
        -> Postings
    {
        let hash = SearchIndexBuilder.hash(term)
        let shard = Int(hash % UInt32(max(1, shardCount)))
        guard let header = read("t/\(shard).bin") else { return Postings() }
        var offset = 0
        guard let count = Varint.read(header, at: &offset) else { return Postings() }
        var scoreStart = 0
        var positionStart = 0
        var found: (flags: Int, documents: Int, scores: Int, positions: Int)?
        let wanted = Array(term.utf8)
        for _ in 0..<count {
            guard let length = Varint.read(header, at: &offset), offset + length <= header.count
            else { return Postings() }
            let name = header[offset..<offset + length]
            offset += length
            guard let flags = Varint.read(header, at: &offset),
                let documents = Varint.read(header, at: &offset),
                let scoreLength = Varint.read(header, at: &offset),
                let positionLength = Varint.read(header, at: &offset)
            else { return Postings() }
            if found == nil && name.elementsEqual(wanted) {
                found = (flags, documents, scoreStart, positionStart)
            }
            scoreStart += scoreLength
            positionStart += positionLength
        }
        guard let found else { return Postings() }
        let isOwn = found.flags & 2 != 0
        let own = "x" + PostingsTable.hex(hash)
        let scoreBytes = isOwn ? read("t/\(own).bin") ?? [] : header
        var at =
            isOwn
            ? PostingsTable.ownFilePostingsStart(scoreBytes) ?? scoreBytes.count
            : offset + found.scores
        let wantsPositions = withPositions && found.flags & 1 != 0
        let positionBytes =
            wantsPositions ? read(isOwn ? "p/\(own).bin" : "p/\(shard).bin") ?? [] : []
        var positionAt = isOwn ? 0 : found.positions
        var postings = Postings()
        var document = 0
        for _ in 0..<found.documents {
            guard let delta = Varint.read(scoreBytes, at: &at),
                let score = Varint.read(scoreBytes, at: &at)
            else { break }
            document += delta
            postings.scores[document] = score
            if wantsPositions {
                guard let count = Varint.read(positionBytes, at: &positionAt) else { break }
                var list: [Int] = []
                var position = 0
                for _ in 0..<count {
                    position += Varint.read(positionBytes, at: &positionAt) ?? 0
                    list.append(position)
                }
                postings.positions[document] = list
            }
        }
        return postings
    }
}
