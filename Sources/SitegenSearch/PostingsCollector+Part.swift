extension PostingsCollector {
    /// The range's postings, each slot's score bytes and position bytes in one range of a buffer
    /// (the log copied in two passes, with no reallocation: a counting sort by slot, block by
    /// block).
    consuming func finished() -> PostingsPart {
        let hasPositions = posted.map(\.hasPositions)
        let scoreLengths = posted.map(\.scoreLength)
        let positionLengths = posted.map(\.positionLength)
        func starts(_ lengths: [Int32]) -> ([Int], Int) {
            var starts = [Int](repeating: 0, count: lengths.count)
            var total = 0
            for (slot, length) in lengths.enumerated() {
                starts[slot] = total
                total += Int(length)
            }
            return (starts, total)
        }
        let (scoreStarts, scoreTotal) = starts(scoreLengths)
        let (positionStarts, positionTotal) = starts(positionLengths)
        // Every byte is written below; left unset until then, untouched pages take no memory.
        var scores = [UInt8](unsafeUninitializedCapacity: scoreTotal) { $1 = scoreTotal }
        var positions = [UInt8](unsafeUninitializedCapacity: positionTotal) { $1 = positionTotal }
        var scoreEnds = scoreStarts
        var positionEnds = positionStarts
        // Block by block, each let go once sorted: the sorted copy grows as the log shrinks.
        var blocks = Self.take(&fullBlocks)
        blocks.append((Self.take(&log), logCount))
        for index in blocks.indices {
            let block = blocks[index]
            blocks[index] = ([], 0)
            block.bytes.withUnsafeBufferPointer { log in
                scores.withUnsafeMutableBufferPointer { scores in
                    positions.withUnsafeMutableBufferPointer { positions in
                        scoreEnds.withUnsafeMutableBufferPointer { scoreEnds in
                            positionEnds.withUnsafeMutableBufferPointer { positionEnds in
                                Self.sort(
                                    UnsafeBufferPointer(rebasing: log[..<block.count]),
                                    hasPositions: hasPositions, scores: scores,
                                    scoreEnds: scoreEnds, positions: positions,
                                    positionEnds: positionEnds)
                            }
                        }
                    }
                }
            }
        }
        return PostingsPart(
            names: names, nameStarts: nameStarts, hasPositions: hasPositions,
            counts: posted.map(\.count), lasts: posted.map(\.last), scoreLengths: scoreLengths,
            positionLengths: positionLengths, scores: scores, positions: positions,
            scoreStarts: scoreStarts, positionStarts: positionStarts)
    }

    /// Copies each posting of `log` to its slot's next place in `scores` (and `positions`).
    private static func sort(
        _ log: UnsafeBufferPointer<UInt8>, hasPositions: [Bool],
        scores: UnsafeMutableBufferPointer<UInt8>, scoreEnds: UnsafeMutableBufferPointer<Int>,
        positions: UnsafeMutableBufferPointer<UInt8>,
        positionEnds: UnsafeMutableBufferPointer<Int>
    ) {
        var offset = 0
        hasPositions.withUnsafeBufferPointer { hasPositions in
            while offset < log.count {
                let slot = read(log, &offset)
                copy(log, &offset, to: scores, at: &scoreEnds[slot])
                copy(log, &offset, to: scores, at: &scoreEnds[slot])
                if hasPositions[slot] {
                    let countStart = offset
                    let count = read(log, &offset)
                    offset = countStart
                    for _ in 0...count {
                        copy(log, &offset, to: positions, at: &positionEnds[slot])
                    }
                }
            }
        }
    }

    /// Copies one varint at `offset` in `log` to `output` at `cursor`, moving both past it.
    @inline(__always)
    private static func copy(
        _ log: UnsafeBufferPointer<UInt8>, _ offset: inout Int,
        to output: UnsafeMutableBufferPointer<UInt8>, at cursor: inout Int
    ) {
        while true {
            let byte = log[offset]
            output[cursor] = byte
            offset += 1
            cursor += 1
            if byte < 0x80 { return }
        }
    }

    /// Reads one varint at `offset` in `log`, moving past it.
    @inline(__always)
    private static func read(_ log: UnsafeBufferPointer<UInt8>, _ offset: inout Int) -> Int {
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

    /// Appends the UTF-8 encoding of a scalar value.
    static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | (value >> 12) & 0x3F))
            bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }

    /// Where a key (or hash) starts probing in a table of `mask + 1` places.
    @inline(__always)
    static func bucket(_ key: UInt64, _ mask: Int) -> Int {
        SlotTable<UInt64>.bucket(key, mask)
    }

    /// A table of (key, slot + 1) twice as large with the same entries.
    static func grown(_ table: [UInt64]) -> [UInt64] {
        var grown = [UInt64](repeating: 0, count: table.count * 2)
        let mask = grown.count / 2 - 1
        for index in 0..<table.count / 2 where table[2 * index + 1] != 0 {
            var target = bucket(table[2 * index], mask)
            while grown[2 * target + 1] != 0 { target = (target + 1) & mask }
            grown[2 * target] = table[2 * index]
            grown[2 * target + 1] = table[2 * index + 1]
        }
        return grown
    }

    /// FNV-1a, 64 bits.
    @inline(__always)
    static func hash64<Bytes: Collection>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// One range of documents' postings, laid out by slot: what `PostingsTable` joins.
struct PostingsPart: Sendable {
    let names: [UInt8]
    let nameStarts: [Int32]
    let hasPositions: [Bool]
    let counts: [Int32]
    let lasts: [Int32]
    let scoreLengths: [Int32]
    let positionLengths: [Int32]
    let scores: [UInt8]
    let positions: [UInt8]
    let scoreStarts: [Int]
    let positionStarts: [Int]

    var slotCount: Int { counts.count }

    func name(_ slot: Int) -> ArraySlice<UInt8> {
        names[Int(nameStarts[slot])..<Int(nameStarts[slot + 1])]
    }

    func scoreBytes(_ slot: Int) -> ArraySlice<UInt8> {
        scores[scoreStarts[slot]..<scoreStarts[slot] + Int(scoreLengths[slot])]
    }

    func positionBytes(_ slot: Int) -> ArraySlice<UInt8> {
        positions[positionStarts[slot]..<positionStarts[slot] + Int(positionLengths[slot])]
    }
}
