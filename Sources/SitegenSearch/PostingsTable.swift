/// Every term's postings, joined from the ranges `PostingsCollector`s gathered, then laid out
/// in files.
///
/// A term's scores (`delta of document number, score` per document) and its positions (`count,
/// deltas` per document, CJK pairs only) are kept apart, so a query that needs no positions
/// does not download them. Ranges are joined without copying a term's postings twice: a term's
/// bytes are each range's bytes in turn, the first delta of every range but the first written
/// again against the last document of the range before.
struct PostingsTable: Sendable {
    let parts: [PostingsPart]
    /// Per term: the part and slot its name is read from.
    private var nameParts: [Int32] = []
    private var nameSlots: [Int32] = []
    /// Per part: the slot of each term (-1 when the part does not have it).
    private var partSlots: [[Int32]] = []
    private var hasPositions: [Bool] = []
    private var counts: [Int] = []
    private var scoreLengths: [Int] = []
    private var positionLengths: [Int] = []
    private var hashes: [UInt32] = []

    init(parts: [PostingsPart]) {
        self.parts = parts
        var table = [UInt64](repeating: 0, count: 2 << 16)
        var termCount = 0
        for (partIndex, part) in parts.enumerated() {
            partSlots.append([Int32](repeating: -1, count: termCount))
            for slot in 0..<part.slotCount {
                let name = part.name(slot)
                let hash = PostingsCollector.hash64(name)
                let mask = table.count / 2 - 1
                var index = PostingsCollector.bucket(hash, mask)
                var term = -1
                while table[2 * index + 1] != 0 {
                    let candidate = Int(table[2 * index + 1]) - 1
                    if table[2 * index] == hash && self.name(candidate).elementsEqual(name) {
                        term = candidate
                        break
                    }
                    index = (index + 1) & mask
                }
                if term < 0 {
                    term = termCount
                    termCount += 1
                    table[2 * index] = hash
                    table[2 * index + 1] = UInt64(term + 1)
                    nameParts.append(Int32(partIndex))
                    nameSlots.append(Int32(slot))
                    hasPositions.append(part.hasPositions[slot])
                    counts.append(0)
                    scoreLengths.append(0)
                    positionLengths.append(0)
                    hashes.append(SearchIndexBuilder.hash(name))
                    for other in partSlots.indices { partSlots[other].append(-1) }
                    if termCount * 4 > table.count { table = PostingsCollector.grown(table) }
                }
                partSlots[partIndex][term] = Int32(slot)
            }
        }
        for term in 0..<termCount {
            var last = -1
            for (partIndex, part) in parts.enumerated() {
                let slot = Int(partSlots[partIndex][term])
                guard slot >= 0 else { continue }
                counts[term] += Int(part.counts[slot])
                positionLengths[term] += Int(part.positionLengths[slot])
                scoreLengths[term] += Int(part.scoreLengths[slot])
                if last >= 0 {
                    let first = Self.firstDocument(part.scoreBytes(slot))
                    scoreLengths[term] +=
                        Varint.length(first - last) - Varint.length(first)
                }
                last = Int(part.lasts[slot])
            }
        }
    }

    var termCount: Int { counts.count }

    func name(_ term: Int) -> ArraySlice<UInt8> {
        parts[Int(nameParts[term])].name(Int(nameSlots[term]))
    }

    static func firstDocument(_ bytes: ArraySlice<UInt8>) -> Int {
        var offset = bytes.startIndex
        var value = 0
        var shift = 0
        while offset < bytes.endIndex {
            let byte = bytes[offset]
            offset += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }

    /// Appends a term's score bytes, range after range.
    func appendScores(_ term: Int, to output: inout [UInt8]) {
        var last = -1
        for (partIndex, part) in parts.enumerated() {
            let slot = Int(partSlots[partIndex][term])
            guard slot >= 0 else { continue }
            let bytes = part.scoreBytes(slot)
            if last < 0 {
                output += bytes
            } else {
                let first = Self.firstDocument(bytes)
                Varint.append(first - last, to: &output)
                output += bytes[(bytes.startIndex + Varint.length(first))...]
            }
            last = Int(part.lasts[slot])
        }
    }

    func appendPositions(_ term: Int, to output: inout [UInt8]) {
        for (partIndex, part) in parts.enumerated() {
            let slot = Int(partSlots[partIndex][term])
            if slot >= 0 { output += part.positionBytes(slot) }
        }
    }

    func precedes(_ left: Int, _ right: Int) -> Bool {
        name(left).lexicographicallyPrecedes(name(right))
    }

    /// Which terms have files of their own, how many shards there are and which terms each
    /// holds (not yet in name order).
    private func layout(targetShardBytes: Int, ownFileBytes: Int) -> (
        isOwn: [Bool], own: [Int], shardCount: Int, members: [[Int]]
    ) {
        // Which of two large terms with one hash gets the file is fixed by name order.
        let large = (0..<termCount).filter { scoreLengths[$0] >= ownFileBytes }.sorted(
            by: precedes)
        var ownHashes: Set<UInt32> = []
        var isOwn = [Bool](repeating: false, count: termCount)
        for term in large where ownHashes.insert(hashes[term]).inserted { isOwn[term] = true }
        var inlineBytes = 0
        for term in 0..<termCount where !isOwn[term] {
            inlineBytes += scoreLengths[term] + positionLengths[term] + name(term).count + 6
        }
        var shardCount = 1
        while shardCount * targetShardBytes < inlineBytes { shardCount *= 2 }
        var members = [[Int]](repeating: [], count: shardCount)
        for term in 0..<termCount {
            members[Int(hashes[term] % UInt32(shardCount))].append(term)
        }
        return (isOwn, large.filter { isOwn[$0] }, shardCount, members)
    }

    /// Term shards (`t/<n>.bin`, positions in `p/<n>.bin`) and the files of terms that have their
    /// own (`t/x<hash>.bin`, `p/x<hash>.bin`), with the number of shards; built on every core.
    /// Each file is handed to `keep` as soon as it is made; what it returns is gathered.
    func files<Kept: Sendable>(
        targetShardBytes: Int, ownFileBytes: Int,
        keep: @escaping @Sendable (SearchIndexFile) -> Kept
    ) async -> ([(path: String, kept: Kept)], Int) {
        let (isOwn, own, shardCount, members) = layout(
            targetShardBytes: targetShardBytes, ownFileBytes: ownFileBytes)
        let table = self
        let shardFiles = await SearchIndexBuilder.parallelMap(
            Array(members.enumerated()), batch: 8
        ) {
            table.shardFiles($0.offset, terms: $0.element.sorted(by: table.precedes), isOwn: isOwn)
                .map { ($0.path, keep($0)) }
        }
        let ownFiles = await SearchIndexBuilder.parallelMap(own, batch: 64) {
            table.ownFiles($0).map { ($0.path, keep($0)) }
        }
        return (shardFiles.flatMap { $0 } + ownFiles.flatMap { $0 }, shardCount)
    }

    /// The same files, made on the calling thread.
    func filesSerially(targetShardBytes: Int, ownFileBytes: Int) -> ([SearchIndexFile], Int) {
        let (isOwn, own, shardCount, members) = layout(
            targetShardBytes: targetShardBytes, ownFileBytes: ownFileBytes)
        let made = members.enumerated().flatMap {
            shardFiles($0.offset, terms: $0.element.sorted(by: precedes), isOwn: isOwn)
        }
        return (made + own.flatMap(ownFiles), shardCount)
    }

    private func shardFiles(_ shard: Int, terms: [Int], isOwn: [Bool]) -> [SearchIndexFile] {
        var header: [UInt8] = []
        var body: [UInt8] = []
        var positionBytes: [UInt8] = []
        Varint.append(terms.count, to: &header)
        for term in terms {
            let name = name(term)
            Varint.append(name.count, to: &header)
            header += name
            Varint.append((hasPositions[term] ? 1 : 0) | (isOwn[term] ? 2 : 0), to: &header)
            Varint.append(counts[term], to: &header)
            if isOwn[term] {
                Varint.append(0, to: &header)
                Varint.append(0, to: &header)
            } else {
                Varint.append(scoreLengths[term], to: &header)
                Varint.append(positionLengths[term], to: &header)
                appendScores(term, to: &body)
                appendPositions(term, to: &positionBytes)
            }
        }
        var files = [SearchIndexFile(path: "t/\(shard).bin", bytes: header + body)]
        if !positionBytes.isEmpty {
            files.append(SearchIndexFile(path: "p/\(shard).bin", bytes: positionBytes))
        }
        return files
    }

    private func ownFiles(_ term: Int) -> [SearchIndexFile] {
        let name = "x" + Self.hex(hashes[term])
        let termName = self.name(term)
        var scores: [UInt8] = []
        scores.reserveCapacity(scoreLengths[term] + termName.count + 12)
        // The term's entry as its shard has it (name, flags, documents): a reader that guesses
        // the term has this file (search.js, from the page's filter) needs no shard.
        Varint.append(termName.count, to: &scores)
        scores += termName
        Varint.append((hasPositions[term] ? 1 : 0) | 2, to: &scores)
        Varint.append(counts[term], to: &scores)
        appendScores(term, to: &scores)
        var files = [SearchIndexFile(path: "t/\(name).bin", bytes: scores)]
        if hasPositions[term] {
            var positions: [UInt8] = []
            positions.reserveCapacity(positionLengths[term])
            appendPositions(term, to: &positions)
            files.append(SearchIndexFile(path: "p/\(name).bin", bytes: positions))
        }
        return files
    }

    /// Where the postings of a term's own file (`t/x<hash>.bin`) start, after the term's entry;
    /// `nil` when the file is too short for one.
    static func ownFilePostingsStart(_ bytes: [UInt8]) -> Int? {
        var offset = 0
        guard let length = Varint.read(bytes, at: &offset), offset + length <= bytes.count else {
            return nil
        }
        offset += length
        guard Varint.read(bytes, at: &offset) != nil, Varint.read(bytes, at: &offset) != nil else {
            return nil
        }
        return offset
    }

    /// Eight lower-case hex digits.
    static func hex(_ value: UInt32) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }
}
