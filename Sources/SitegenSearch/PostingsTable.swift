/// Every term's postings, merged document by document in number order, then laid out in files.
///
/// A term's scores (`delta of document number, score` per document) and its positions (`count,
/// deltas` per document, CJK pairs only) are kept apart, so a query that needs no positions
/// does not download them.
struct PostingsTable {
    private var characterSlots: [UInt64: Int] = [:]
    private var wordSlots: [String: Int] = [:]
    private var names: [String] = []
    private var hasPositions: [Bool] = []
    private var scores: [[UInt8]] = []
    private var positions: [[UInt8]] = []
    private var counts: [Int] = []
    private var last: [Int] = []

    private mutating func slot(_ name: String, positions withPositions: Bool) -> Int {
        names.append(name)
        hasPositions.append(withPositions)
        scores.append([])
        positions.append([])
        counts.append(0)
        last.append(0)
        return names.count - 1
    }

    private mutating func post(_ slot: Int, document: Int, score: Int, at: [Int32]?) {
        Varint.append(document - last[slot], to: &scores[slot])
        Varint.append(score, to: &scores[slot])
        if let at {
            Varint.append(at.count, to: &positions[slot])
            var previous: Int32 = 0
            for position in at {
                Varint.append(Int(position - previous), to: &positions[slot])
                previous = position
            }
        }
        last[slot] = document
        counts[slot] += 1
    }

    /// Adds one document's terms; documents must come in number order.
    mutating func add(_ terms: DocumentTerms, document: Int) {
        for entry in terms.characters {
            let isPair = entry.key & DocumentTerms.pairFlag != 0
            let index: Int
            if let known = characterSlots[entry.key] {
                index = known
            } else {
                index = slot(DocumentTerms.term(entry.key), positions: isPair)
                characterSlots[entry.key] = index
            }
            post(index, document: document, score: entry.score, at: isPair ? entry.positions : nil)
        }
        for entry in terms.words {
            let index: Int
            if let known = wordSlots[entry.term] {
                index = known
            } else {
                index = slot(entry.term, positions: false)
                wordSlots[entry.term] = index
            }
            post(index, document: document, score: entry.score, at: nil)
        }
    }

    /// Term shards (`t/<n>.bin`, positions in `p/<n>.bin`) and the files of terms that have their
    /// own (`t/x<hash>.bin`, `p/x<hash>.bin`), with the number of shards.
    func files(targetShardBytes: Int, ownFileBytes: Int) -> ([SearchIndexFile], Int) {
        var files: [SearchIndexFile] = []
        var ownHashes: Set<UInt32> = []
        var isOwn = [Bool](repeating: false, count: names.count)
        var inlineBytes = 0
        // Sorted by name, so that which of two terms with one hash gets the file is fixed.
        let order = names.indices.sorted {
            names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8)
        }
        for slot in order {
            let hash = SearchIndexBuilder.hash(names[slot])
            if scores[slot].count >= ownFileBytes, ownHashes.insert(hash).inserted {
                isOwn[slot] = true
                let name = "x" + Self.hex(hash)
                files.append(SearchIndexFile(path: "t/\(name).bin", bytes: scores[slot]))
                if hasPositions[slot] {
                    files.append(SearchIndexFile(path: "p/\(name).bin", bytes: positions[slot]))
                }
            } else {
                inlineBytes +=
                    scores[slot].count + positions[slot].count + names[slot].utf8.count + 6
            }
        }
        var shardCount = 1
        while shardCount * targetShardBytes < inlineBytes { shardCount *= 2 }
        var members = [[Int]](repeating: [], count: shardCount)
        for slot in order {
            members[Int(SearchIndexBuilder.hash(names[slot]) % UInt32(shardCount))].append(slot)
        }
        for (shard, slots) in members.enumerated() {
            var header: [UInt8] = []
            var body: [UInt8] = []
            var positionBytes: [UInt8] = []
            Varint.append(slots.count, to: &header)
            for slot in slots {
                Varint.append(names[slot].utf8.count, to: &header)
                header.append(contentsOf: names[slot].utf8)
                Varint.append((hasPositions[slot] ? 1 : 0) | (isOwn[slot] ? 2 : 0), to: &header)
                Varint.append(counts[slot], to: &header)
                if isOwn[slot] {
                    Varint.append(0, to: &header)
                    Varint.append(0, to: &header)
                } else {
                    Varint.append(scores[slot].count, to: &header)
                    Varint.append(positions[slot].count, to: &header)
                    body += scores[slot]
                    positionBytes += positions[slot]
                }
            }
            files.append(SearchIndexFile(path: "t/\(shard).bin", bytes: header + body))
            if !positionBytes.isEmpty {
                files.append(SearchIndexFile(path: "p/\(shard).bin", bytes: positionBytes))
            }
        }
        return (files, shardCount)
    }

    /// Eight lower-case hex digits.
    static func hex(_ value: UInt32) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }
}
