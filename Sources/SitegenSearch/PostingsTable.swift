/// Every term's postings, merged document by document in number order, then laid out in files.
///
/// A term's scores (`delta of document number, score` per document) and its positions (`count,
/// deltas` per document, CJK pairs only) are kept apart, so a query that needs no positions
/// does not download them.
///
/// Merging appends each posting, already encoded and led by its term's slot, to one log, and
/// counts per slot how many bytes its scores and positions take; `layOut` then copies the log
/// into one buffer of scores and one of positions, each slot's bytes at an offset known in
/// advance (a counting sort). No per-term array is grown while merging.
struct PostingsTable {
    private var characterSlots: [UInt64: Int] = [:]
    private var wordSlots: [String: Int] = [:]
    private var names: [String] = []
    private var hasPositions: [Bool] = []
    private var counts: [Int] = []
    private var last: [Int] = []
    private var scoreLengths: [Int] = []
    private var positionLengths: [Int] = []
    /// Per posting: the slot, then its score bytes, then (pairs only) its position bytes.
    private var log: [UInt8] = []

    private mutating func slot(_ name: String, positions withPositions: Bool) -> Int {
        names.append(name)
        hasPositions.append(withPositions)
        counts.append(0)
        last.append(0)
        scoreLengths.append(0)
        positionLengths.append(0)
        return names.count - 1
    }

    private mutating func post(_ slot: Int, document: Int, score: Int, at: [Int32]?) {
        Varint.append(slot, to: &log)
        scoreLengths[slot] += Varint.append(document - last[slot], to: &log)
        scoreLengths[slot] += Varint.append(score, to: &log)
        if let at {
            var length = Varint.append(at.count, to: &log)
            var previous: Int32 = 0
            for position in at {
                length += Varint.append(Int(position - previous), to: &log)
                previous = position
            }
            positionLengths[slot] += length
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

    /// Every slot's score bytes and position bytes, each slot's in one range of its buffer.
    struct Layout {
        var scores: [UInt8]
        var positions: [UInt8]
        var scoreStarts: [Int]
        var positionStarts: [Int]
    }

    /// Copies the log into per-slot ranges: two passes over it, no reallocation.
    private func layOut() -> Layout {
        func starts(_ lengths: [Int]) -> ([Int], Int) {
            var starts = [Int](repeating: 0, count: lengths.count)
            var total = 0
            for (slot, length) in lengths.enumerated() {
                starts[slot] = total
                total += length
            }
            return (starts, total)
        }
        let (scoreStarts, scoreTotal) = starts(scoreLengths)
        let (positionStarts, positionTotal) = starts(positionLengths)
        var scores = [UInt8](repeating: 0, count: scoreTotal)
        var positions = [UInt8](repeating: 0, count: positionTotal)
        var scoreEnds = scoreStarts
        var positionEnds = positionStarts
        log.withUnsafeBufferPointer { log in
            scores.withUnsafeMutableBufferPointer { scores in
                positions.withUnsafeMutableBufferPointer { positions in
                    var offset = 0
                    // Copies one varint from the log to `output` at `cursor`.
                    func copy(_ output: UnsafeMutableBufferPointer<UInt8>, _ cursor: inout Int) {
                        while true {
                            let byte = log[offset]
                            output[cursor] = byte
                            offset += 1
                            cursor += 1
                            if byte < 0x80 { return }
                        }
                    }
                    // Reads one varint from the log.
                    func read() -> Int {
                        var value = 0
                        var shift = 0
                        while true {
                            let byte = log[offset]
                            offset += 1
                            value |= Int(byte & 0x7F) << shift
                            if byte < 0x80 { return value }
                            shift += 7
                        }
                    }
                    while offset < log.count {
                        let slot = read()
                        copy(scores, &scoreEnds[slot])
                        copy(scores, &scoreEnds[slot])
                        if hasPositions[slot] {
                            let countStart = offset
                            let count = read()
                            offset = countStart
                            for _ in 0...count { copy(positions, &positionEnds[slot]) }
                        }
                    }
                }
            }
        }
        return Layout(
            scores: scores, positions: positions, scoreStarts: scoreStarts,
            positionStarts: positionStarts)
    }

    /// Term shards (`t/<n>.bin`, positions in `p/<n>.bin`) and the files of terms that have their
    /// own (`t/x<hash>.bin`, `p/x<hash>.bin`), with the number of shards.
    func files(targetShardBytes: Int, ownFileBytes: Int) -> ([SearchIndexFile], Int) {
        let layout = layOut()
        func scores(_ slot: Int) -> ArraySlice<UInt8> {
            layout.scores[layout.scoreStarts[slot]..<layout.scoreStarts[slot] + scoreLengths[slot]]
        }
        func positions(_ slot: Int) -> ArraySlice<UInt8> {
            let start = layout.positionStarts[slot]
            return layout.positions[start..<start + positionLengths[slot]]
        }
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
            if scoreLengths[slot] >= ownFileBytes, ownHashes.insert(hash).inserted {
                isOwn[slot] = true
                let name = "x" + Self.hex(hash)
                files.append(SearchIndexFile(path: "t/\(name).bin", bytes: Array(scores(slot))))
                if hasPositions[slot] {
                    files.append(
                        SearchIndexFile(path: "p/\(name).bin", bytes: Array(positions(slot))))
                }
            } else {
                inlineBytes +=
                    scoreLengths[slot] + positionLengths[slot] + names[slot].utf8.count + 6
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
                    Varint.append(scoreLengths[slot], to: &header)
                    Varint.append(positionLengths[slot], to: &header)
                    body += scores(slot)
                    positionBytes += positions(slot)
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
