/// Tokenises a contiguous range of documents and gathers their postings, with no string and no
/// small allocation per term.
///
/// Several collectors run at once, one per range of document numbers; `PostingsTable` joins
/// them. A CJK character or pair is keyed by its scalars in a `UInt64` (`1 << 42 | first << 21
/// | second` for a pair), a word by its bytes; both find their slot in open-addressing tables.
/// While a document is read, each slot it touches accumulates the document's score and chains
/// the positions of its pairs; when the document ends, one posting per touched slot is appended
/// to a log (its slot, then its score bytes, then for pairs its position bytes), which `layOut`
/// then copies into per-slot ranges.
struct PostingsCollector: Sendable {
    static let pairFlag: UInt64 = 1 << 42

    // Every slot's term and postings so far.
    private(set) var names: [UInt8] = []
    /// The name of slot `s` is `names[nameStarts[s]..<nameStarts[s + 1]]`.
    private(set) var nameStarts: [Int32] = [0]
    private(set) var hasPositions: [Bool] = []
    private(set) var counts: [Int32] = []
    /// The last document posted per slot, for the next delta.
    private(set) var lasts: [Int32] = []
    private(set) var scoreLengths: [Int32] = []
    private(set) var positionLengths: [Int32] = []
    private var log: [UInt8] = []

    // Lookup tables: CJK characters and pairs by key, words by hash (then by name).
    private var terms = SlotTable()
    private var words = SlotTable()

    /// The current document's tally for one slot, valid when `mark` is the document's: what
    /// every term of the text reads and writes, in one small value.
    struct Tally: Sendable {
        var mark: Int32 = 0
        var fields: Int32 = 0
        var body: Int32 = 0
        /// The first of its positions in `positionValues` (-1 when none).
        var head: Int32 = -1
    }

    private var mark: Int32 = 0
    private var tallies: [Tally] = []
    /// Per slot, the last of its positions in the current document.
    private var tails: [Int32] = []
    private var touched: [Int32] = []
    private var positionValues: [Int32] = []
    private var positionNext: [Int32] = []
    private var position = 0
    private var document = 0
    /// Scratch: normalised text, a filter term.
    private var text: [UInt8] = []
    private var word: [UInt8] = []

    init() {}

    var slotCount: Int { counts.count }

    func name(_ slot: Int) -> ArraySlice<UInt8> {
        names[Int(nameStarts[slot])..<Int(nameStarts[slot + 1])]
    }

    // MARK: Documents

    /// Tokenises one document and posts its terms; documents must come in number order.
    mutating func add(_ document: SearchDocument, number: Int) {
        typealias Weight = SearchDocument.Weight
        begin(number)
        collect(document.title, weight: Weight.title)
        if let english = document.titleEN { collect(english, weight: Weight.title) }
        for tag in document.tags { collect(tag, weight: Weight.tag) }
        collect(document.source, weight: Weight.summary)
        for summary in document.summaries { collect(summary.text, weight: Weight.summary) }
        for section in document.sections { collect(section.text, weight: Weight.body) }
        // Filters: one term per tag and one for the source, which no query text can produce.
        for tag in document.tags { filter("#t:", tag) }
        if !document.source.isEmpty { filter("#s:", document.source) }
        finish()
    }

    private mutating func begin(_ number: Int) {
        document = number
        mark += 1
        position = 0
        touched.removeAll(keepingCapacity: true)
        positionValues.removeAll(keepingCapacity: true)
        positionNext.removeAll(keepingCapacity: true)
    }

    private mutating func collect(_ source: String, weight: Int) {
        text.removeAll(keepingCapacity: true)
        SearchText.normalize(source, into: &text)
        let bytes = text
        let weight = Int32(weight)
        var previous: UInt64 = 0
        var runLength = 0
        bytes.withUnsafeBufferPointer { bytes in
            SearchTokenizer.scan(bytes) { start, end in
                let (length, addsY) = SearchTokenizer.stemmed(bytes, start, end)
                let word = UnsafeBufferPointer(rebasing: bytes[start..<start + length])
                touch(wordSlot(word, addsY: addsY), weight: weight)
            } character: { scalar in
                let key = UInt64(scalar.value)
                touch(termSlot(key), weight: weight)
                if runLength > 0 {
                    let slot = termSlot(Self.pairFlag | previous << 21 | key)
                    touch(slot, weight: weight)
                    addPosition(slot, Int32(position + runLength - 1))
                }
                previous = key
                runLength += 1
            } endRun: {
                position += runLength + 1
                runLength = 0
            }
        }
    }

    /// A filter term: the prefix and the normalised name, scored 1 whatever else the document
    /// holds.
    private mutating func filter(_ prefix: StaticString, _ name: String) {
        word.removeAll(keepingCapacity: true)
        word.append(
            contentsOf: UnsafeBufferPointer(
                start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        SearchText.normalize(name, into: &word)
        let term = word
        let slot = term.withUnsafeBufferPointer { wordSlot($0, addsY: false) }
        touch(slot, weight: 1)
        tallies[slot].fields = 1
        tallies[slot].body = 0
    }

    @inline(__always)
    private mutating func touch(_ slot: Int, weight: Int32) {
        if tallies[slot].mark != mark {
            tallies[slot] = Tally(mark: mark)
            touched.append(Int32(slot))
        }
        if weight == Int32(SearchDocument.Weight.body) {
            tallies[slot].body += 1
        } else {
            tallies[slot].fields += weight
        }
    }

    @inline(__always)
    private mutating func addPosition(_ slot: Int, _ at: Int32) {
        let index = Int32(positionValues.count)
        positionValues.append(at)
        positionNext.append(-1)
        if tallies[slot].head < 0 {
            tallies[slot].head = index
        } else {
            positionNext[Int(tails[slot])] = index
        }
        tails[slot] = index
    }

    /// Posts one posting per slot the document touched.
    private mutating func finish() {
        typealias Weight = SearchDocument.Weight
        for slot in touched {
            let slot = Int(slot)
            let tally = tallies[slot]
            let score = max(
                1, min(Weight.cap, Int(tally.fields) + min(Int(tally.body), Weight.bodyCap)))
            Varint.append(slot, to: &log)
            var length = Varint.append(document - Int(lasts[slot]), to: &log)
            length += Varint.append(score, to: &log)
            scoreLengths[slot] += Int32(length)
            if hasPositions[slot] {
                let countAt = log.count
                log.append(0)
                var count = 0
                var previous: Int32 = 0
                var index = tally.head
                var length = 0
                while index >= 0 {
                    let at = positionValues[Int(index)]
                    length += Varint.append(Int(at - previous), to: &log)
                    previous = at
                    count += 1
                    index = positionNext[Int(index)]
                }
                // The count goes first: written in place when it fits one byte, as it does but
                // for a pair seen 128 times or more in one document.
                if count < 0x80 {
                    log[countAt] = UInt8(count)
                    length += 1
                } else {
                    var prefix: [UInt8] = []
                    length += Varint.append(count, to: &prefix)
                    log.replaceSubrange(countAt..<countAt + 1, with: prefix)
                }
                positionLengths[slot] += Int32(length)
            }
            lasts[slot] = Int32(document)
            counts[slot] += 1
        }
    }

    // MARK: Slots

    private mutating func newSlot(positions: Bool) -> Int {
        nameStarts.append(Int32(names.count))
        hasPositions.append(positions)
        counts.append(0)
        lasts.append(0)
        scoreLengths.append(0)
        positionLengths.append(0)
        tallies.append(Tally())
        tails.append(-1)
        return counts.count - 1
    }

    /// The slot of a CJK character or pair.
    @inline(__always)
    private mutating func termSlot(_ key: UInt64) -> Int {
        let (found, place) = terms.find(key) { _ in true }
        if found >= 0 { return found }
        let slot = newSlot(positions: key & Self.pairFlag != 0)
        if key & Self.pairFlag != 0 { Self.appendUTF8(UInt32((key >> 21) & 0x1F_FFFF), to: &names) }
        Self.appendUTF8(UInt32(key & 0x1F_FFFF), to: &names)
        nameStarts[slot + 1] = Int32(names.count)
        terms.insert(key, slot: slot, at: place)
        return slot
    }

    /// The slot of a word: `word`'s bytes, then a `y` when `addsY`.
    @inline(__always)
    private mutating func wordSlot(_ word: UnsafeBufferPointer<UInt8>, addsY: Bool) -> Int {
        var hash = Self.hash64(word)
        if addsY { hash = (hash ^ UInt64(UInt8(ascii: "y"))) &* 0x0000_0100_0000_01B3 }
        let (found, place) = words.find(hash) { nameIs($0, word, addsY: addsY) }
        if found >= 0 { return found }
        let slot = newSlot(positions: false)
        names.append(contentsOf: word)
        if addsY { names.append(UInt8(ascii: "y")) }
        nameStarts[slot + 1] = Int32(names.count)
        words.insert(hash, slot: slot, at: place)
        return slot
    }

    /// Whether slot `slot` is named `word` (and a `y` when `addsY`).
    @inline(__always)
    private func nameIs(_ slot: Int, _ word: UnsafeBufferPointer<UInt8>, addsY: Bool) -> Bool {
        let start = Int(nameStarts[slot])
        let end = Int(nameStarts[slot + 1])
        guard end - start == word.count + (addsY ? 1 : 0) else { return false }
        for offset in 0..<word.count where names[start + offset] != word[offset] { return false }
        return !addsY || names[end - 1] == UInt8(ascii: "y")
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
        SlotTable.bucket(key, mask)
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

extension PostingsCollector {
    /// The range's postings, each slot's score bytes and position bytes in one range of a buffer
    /// (the log copied in two passes, with no reallocation: a counting sort by slot).
    consuming func finished() -> PostingsPart {
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
        var scores = [UInt8](repeating: 0, count: scoreTotal)
        var positions = [UInt8](repeating: 0, count: positionTotal)
        var scoreEnds = scoreStarts
        var positionEnds = positionStarts
        let hasPositions = self.hasPositions
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
        return PostingsPart(
            names: names, nameStarts: nameStarts, hasPositions: hasPositions, counts: counts,
            lasts: lasts, scoreLengths: scoreLengths, positionLengths: positionLengths,
            scores: scores, positions: positions, scoreStarts: scoreStarts,
            positionStarts: positionStarts)
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
