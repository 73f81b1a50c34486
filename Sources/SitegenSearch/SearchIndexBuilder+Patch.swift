/// Rebuilding the index when a few documents' text changed, from the index files as written.
///
/// Each term's postings are read back from the shards (and files of their own), the changed
/// documents' postings dropped, and the rest cut into ranges between the changed documents'
/// numbers; each changed document is tokenised again into a range of its own. `PostingsTable`
/// joins the ranges exactly as it joins a full build's, so the files are byte for byte what a
/// full build of the new documents writes, made without the other documents' text.
extension SearchIndexBuilder {
    /// Every term file and the result files of the changed documents, as `build` would make them
    /// with `replacements` (documents with the same numbers, keys, dates, tags and sources, other
    /// text); `nil` when the files cannot be read, do not match the documents' numbers, or the
    /// shard count would change (then every file does: build it all).
    public func patched(
        replacing replacements: [(number: Int, document: SearchDocument)],
        read: (String) -> [UInt8]?
    ) -> [SearchIndexFile]? {
        guard let meta = read("meta.json"),
            let shardCount = Self.number("shards", in: meta), shardCount > 0,
            let documentCount = Self.number("documents", in: meta),
            Self.number("chunk", in: meta) == documentsPerChunk
        else { return nil }
        let replacements = replacements.sorted { $0.number < $1.number }
        let numbers = replacements.map(\.number)
        guard Set(numbers).count == numbers.count,
            numbers.allSatisfy({ $0 >= 0 && $0 < documentCount })
        else { return nil }
        guard let chunks = replacedChunks(replacements, read: read),
            var parts = readParts(shardCount: shardCount, cuts: numbers, read: read)
        else { return nil }
        // Old ranges and the new documents, in number order.
        for (offset, replacement) in replacements.enumerated().reversed() {
            var collector = PostingsCollector()
            collector.add(replacement.document, number: replacement.number)
            parts.insert(collector.finished(), at: offset + 1)
        }
        let table = PostingsTable(parts: parts)
        let (files, newShardCount) = table.filesSerially(
            targetShardBytes: targetShardBytes, ownFileBytes: ownFileBytes)
        guard newShardCount == shardCount else { return nil }
        return (files + chunks).sorted { $0.path < $1.path }
    }

    /// The result files of the replaced documents with their entries replaced; `nil` when an
    /// entry is not the document's (the numbers are not the index's).
    private func replacedChunks(
        _ replacements: [(number: Int, document: SearchDocument)], read: (String) -> [UInt8]?
    ) -> [SearchIndexFile]? {
        var chunks: [Int: [[UInt8]]] = [:]
        for (number, document) in replacements {
            let chunk = number / documentsPerChunk
            if chunks[chunk] == nil {
                guard let bytes = read("d/\(chunk).json"), let entries = Self.entries(bytes)
                else { return nil }
                chunks[chunk] = entries
            }
            guard var entries = chunks[chunk], entries.indices.contains(number % documentsPerChunk)
            else { return nil }
            var url = JSONText()
            url.raw("{\"u\":")
            url.string(document.url)
            url.raw(",")
            guard entries[number % documentsPerChunk].starts(with: url.bytes) else { return nil }
            entries[number % documentsPerChunk] = resultEntry(document)
            chunks[chunk] = entries
        }
        return chunks.map { chunk, entries in
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for (offset, entry) in entries.enumerated() {
                if offset > 0 { bytes += Array(",\n".utf8) }
                bytes += entry
            }
            bytes += Array("]\n".utf8)
            return SearchIndexFile(path: "d/\(chunk).json", bytes: bytes)
        }
    }

    /// The entries of a result file (JSON strings escape line breaks, so `,\n` only separates).
    static func entries(_ bytes: [UInt8]) -> [[UInt8]]? {
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "["),
            bytes.suffix(2).elementsEqual("]\n".utf8)
        else { return nil }
        var entries: [[UInt8]] = []
        var start = 1
        var index = 1
        let end = bytes.count - 2
        while index < end {
            if bytes[index] == UInt8(ascii: ","), index + 1 < end, bytes[index + 1] == 0x0A {
                entries.append(Array(bytes[start..<index]))
                start = index + 2
                index += 2
                continue
            }
            index += 1
        }
        entries.append(Array(bytes[start..<end]))
        return entries
    }

    /// A whole number written as `"name":123` in `meta.json`.
    static func number(_ name: String, in meta: [UInt8]) -> Int? {
        let key = Array("\"\(name)\":".utf8)
        guard key.count <= meta.count else { return nil }
        for start in 0...(meta.count - key.count)
        where meta[start..<start + key.count].elementsEqual(key) {
            var value = 0
            var index = start + key.count
            var digits = 0
            while index < meta.count, meta[index] >= 0x30, meta[index] <= 0x39, digits < 18 {
                value = value * 10 + Int(meta[index] - 0x30)
                index += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        return nil
    }

    /// Every term's postings read back, without the documents numbered `cuts`, as the ranges
    /// between them (`cuts.count + 1` parts).
    private func readParts(shardCount: Int, cuts: [Int], read: (String) -> [UInt8]?)
        -> [PostingsPart]?
    {
        var parts = [PartBuilder](repeating: PartBuilder(), count: cuts.count + 1)
        var termNumber = 0
        for shard in 0..<shardCount {
            guard let header = read("t/\(shard).bin") else { return nil }
            let positionFile = read("p/\(shard).bin") ?? []
            var offset = 0
            guard let count = Varint.read(header, at: &offset) else { return nil }
            var terms:
                [(name: ArraySlice<UInt8>, flags: Int, documents: Int, scores: Int, positions: Int)] =
                    []
            terms.reserveCapacity(count)
            for _ in 0..<count {
                guard let length = Varint.read(header, at: &offset), offset + length <= header.count
                else { return nil }
                let name = header[offset..<offset + length]
                offset += length
                guard let flags = Varint.read(header, at: &offset),
                    let documents = Varint.read(header, at: &offset),
                    let scoreLength = Varint.read(header, at: &offset),
                    let positionLength = Varint.read(header, at: &offset)
                else { return nil }
                terms.append((name, flags, documents, scoreLength, positionLength))
            }
            var scoreAt = offset
            var positionAt = 0
            for term in terms {
                termNumber += 1
                let hasPositions = term.flags & 1 != 0
                let scores: [UInt8]
                let positions: [UInt8]
                var scoreOffset: Int
                var positionOffset: Int
                if term.flags & 2 != 0 {
                    let own = "x" + PostingsTable.hex(Self.hash(term.name))
                    guard let ownScores = read("t/\(own).bin"),
                        let start = PostingsTable.ownFilePostingsStart(ownScores)
                    else { return nil }
                    scores = ownScores
                    positions = hasPositions ? read("p/\(own).bin") ?? [] : []
                    scoreOffset = start
                    positionOffset = 0
                } else {
                    scores = header
                    positions = positionFile
                    scoreOffset = scoreAt
                    positionOffset = positionAt
                    scoreAt += term.scores
                    positionAt += term.positions
                }
                var document = 0
                var range = 0
                for _ in 0..<term.documents {
                    guard let delta = Varint.read(scores, at: &scoreOffset),
                        let score = Varint.read(scores, at: &scoreOffset)
                    else { return nil }
                    document += delta
                    var positionBytes: ArraySlice<UInt8> = []
                    if hasPositions {
                        let start = positionOffset
                        guard let positionCount = Varint.read(positions, at: &positionOffset)
                        else { return nil }
                        for _ in 0..<positionCount {
                            guard Varint.read(positions, at: &positionOffset) != nil else {
                                return nil
                            }
                        }
                        positionBytes = positions[start..<positionOffset]
                    }
                    while range < cuts.count && cuts[range] < document { range += 1 }
                    if range < cuts.count && cuts[range] == document { continue }
                    parts[range].post(
                        term: termNumber, name: term.name, hasPositions: hasPositions,
                        document: document,
                        score: score, positions: positionBytes)
                }
            }
        }
        return parts.map { $0.part() }
    }
}

/// One range of postings read back from index files, built term by term.
private struct PartBuilder {
    var names: [UInt8] = []
    var nameStarts: [Int32] = [0]
    var hasPositions: [Bool] = []
    var counts: [Int32] = []
    var lasts: [Int32] = []
    var scoreLengths: [Int32] = []
    var positionLengths: [Int32] = []
    var scores: [UInt8] = []
    var positions: [UInt8] = []
    var scoreStarts: [Int] = []
    var positionStarts: [Int] = []
    /// The term postings go to (the last slot).
    var current = -1

    mutating func post(
        term: Int, name: ArraySlice<UInt8>, hasPositions withPositions: Bool, document: Int,
        score: Int,
        positions bytes: ArraySlice<UInt8>
    ) {
        if current != term {
            current = term
            names += name
            nameStarts.append(Int32(names.count))
            hasPositions.append(withPositions)
            counts.append(0)
            lasts.append(0)
            scoreLengths.append(0)
            positionLengths.append(0)
            scoreStarts.append(scores.count)
            positionStarts.append(positions.count)
        }
        let slot = counts.count - 1
        var length = Varint.append(document - Int(lasts[slot]), to: &scores)
        length += Varint.append(score, to: &scores)
        scoreLengths[slot] += Int32(length)
        positions += bytes
        positionLengths[slot] += Int32(bytes.count)
        lasts[slot] = Int32(document)
        counts[slot] += 1
    }

    func part() -> PostingsPart {
        PostingsPart(
            names: names, nameStarts: nameStarts, hasPositions: hasPositions, counts: counts,
            lasts: lasts, scoreLengths: scoreLengths, positionLengths: positionLengths,
            scores: scores, positions: positions, scoreStarts: scoreStarts,
            positionStarts: positionStarts)
    }
}
