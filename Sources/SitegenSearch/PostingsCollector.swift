/// Tokenises a contiguous range of documents and gathers their postings, with no string and no
/// small allocation per term.
///
/// Several collectors run at once, one per range of document numbers; `PostingsTable` joins
/// them. A CJK character of the BMP finds its slot in a table indexed by its scalar value; a
/// pair of them is keyed by its two scalars in a `UInt32`, in a table of 8-byte entries. A word
/// of at most 7 bytes is keyed by its bytes (and its length), a longer one by the hash of its
/// bytes (with the top bit set), and a character beyond the BMP by its scalars (`1 << 42 |
/// first << 21 | second` for a pair): these share a table of `UInt64` keys. While a document
/// is read, each slot it touches
/// accumulates the document's score and chains the positions of its pairs; when the document
/// ends, one posting per touched slot is appended to a log (its slot, then its score bytes,
/// then for pairs its position bytes), which `finished` then copies into per-slot ranges.
///
/// Text is read in pieces of about a kilobyte, each split at a space (which ends any term and
/// any CJK run, so the pieces give the terms the whole text gives). Before a piece is read,
/// every buffer gets room for as many new terms as the piece can hold, so the hot loop works
/// through buffer pointers and nothing grows while it runs.
struct PostingsCollector: Sendable {
    static let pairFlag: UInt64 = 1 << 42
    static let wordFlag: UInt64 = 1 << 63
    /// About how many bytes of text are read at a time.
    static let pieceBytes = 1_024

    /// What a slot has posted in the range so far.
    struct Posted: Sendable {
        /// The last document posted, for the next delta.
        var last: Int32 = 0
        var count: Int32 = 0
        var scoreLength: Int32 = 0
        var positionLength: Int32 = 0
        var hasPositions = false
    }

    /// The current document's tally for one slot, valid when `mark` is the document's: what
    /// every term of the text reads and writes, in one small value.
    struct Tally: Sendable {
        var mark: Int32 = 0
        /// Field weights, at most `Weight.cap`, and body occurrences, at most `Weight.bodyCap`
        /// (what the score keeps of either), so that a tally takes 16 bytes.
        var fields: Int16 = 0
        var body: Int16 = 0
        /// The first and the last of its positions in `chain` (-1 when none).
        var head: Int32 = -1
        var tail: Int32 = -1
    }

    /// A pair's position in the current document, and the index of its next one (-1: none).
    struct Link: Sendable {
        var at: Int32 = 0
        var next: Int32 = -1
    }

    // Every slot's term and postings so far.
    private(set) var names: [UInt8] = []
    /// The name of slot `s` is `names[nameStarts[s]..<nameStarts[s + 1]]`.
    private(set) var nameStarts: [Int32] = [0]
    private(set) var posted: [Posted] = []
    /// The postings made so far: the full blocks of the log (each with the count of its bytes
    /// used), then `log[..<logCount]`. A block is never grown: when a document's postings may
    /// not fit, the next block begins, so the log holds no doubled storage and `finished()` can
    /// let each block go once it is sorted.
    var fullBlocks: [(bytes: [UInt8], count: Int)] = []
    var log: [UInt8] = []
    private(set) var logCount = 0
    /// The size of a block of the log (a document's postings that need more get a block of
    /// their own size).
    var logBlockBytes = 1 << 20
    /// Slot + 1 of each BMP character seen, by scalar value (0: none yet).
    private var unigrams = [Int32](repeating: 0, count: 0x1_0000)
    /// Pairs of BMP characters, keyed `first << 16 | second`.
    private var pairs = SlotTable<UInt32>()
    /// Words, and characters and pairs beyond the BMP.
    private var wide = SlotTable<UInt64>()

    // The current document. Buffers run ahead of their counts: room for the next piece.
    private var mark: Int32 = 0
    private var tallies: [Tally] = []
    private var touched: [Int32] = []
    private var touchedCount = 0
    private var chain: [Link] = []
    private var chainCount = 0
    private var position = 0
    private var document = 0
    /// Scratch: normalised text, a filter term.
    private var text: [UInt8] = []
    private var word: [UInt8] = []

    init() {}

    var slotCount: Int { posted.count }

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
        touchedCount = 0
        chainCount = 0
    }

    private mutating func collect(_ source: String, weight: Int) {
        text.removeAll(keepingCapacity: true)
        SearchText.normalize(source, into: &text)
        let text = self.text
        text.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                let end = Self.pieceEnd(bytes, from: start)
                read(UnsafeBufferPointer(rebasing: bytes[start..<end]), weight: Int32(weight))
                start = end
            }
        }
    }

    /// Where the piece of `bytes` from `start` ends: before a space near `pieceBytes` on, or
    /// at the end.
    static func pieceEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let limit = start + pieceBytes
        guard limit < bytes.count else { return bytes.count }
        var index = limit
        while index > start && bytes[index] != UInt8(ascii: " ") { index -= 1 }
        if index > start { return index }
        index = limit
        while index < bytes.count && bytes[index] != UInt8(ascii: " ") { index += 1 }
        return index
    }

    /// Posts the terms of a piece of normalised text.
    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, weight: Int32) {
        // A CJK character takes three bytes or four, and adds a character and a pair at most;
        // a word takes a byte and a separator.
        var leads = 0
        for byte in bytes where byte >= 0xE0 { leads += 1 }
        let room = 2 * leads + bytes.count / 2 + 1
        makeRoom(slots: room, links: leads)
        var tallies = Self.take(&self.tallies)
        var touched = Self.take(&self.touched)
        var chain = Self.take(&self.chain)
        var unigrams = Self.take(&self.unigrams)
        var pairs = self.pairs.take()
        var wide = self.wide.take()
        tallies.withUnsafeMutableBufferPointer { tallies in
            touched.withUnsafeMutableBufferPointer { touched in
                chain.withUnsafeMutableBufferPointer { chain in
                    unigrams.withUnsafeMutableBufferPointer { unigrams in
                        pairs.withUnsafeMutableBufferPointer { pairs in
                            wide.withUnsafeMutableBufferPointer { wide in
                                var tally = Tallies(
                                    tallies: tallies, touched: touched, chain: chain, mark: mark,
                                    touchedCount: touchedCount, chainCount: chainCount)
                                let probes = Probes(unigrams: unigrams, pairs: pairs, wide: wide)
                                scan(bytes, weight: weight, probes: probes, tally: &tally)
                                touchedCount = tally.touchedCount
                                chainCount = tally.chainCount
                            }
                        }
                    }
                }
            }
        }
        self.tallies = tallies
        self.touched = touched
        self.chain = chain
        self.unigrams = unigrams
        self.pairs.put(pairs)
        self.wide.put(wide)
    }

    @inline(__always)
    private mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, weight: Int32, probes: Probes, tally: inout Tallies
    ) {
        var previous: UInt32 = 0
        var runLength = 0
        SearchTokenizer.scan(bytes) { start, end in
            let (length, addsY) = SearchTokenizer.stemmed(bytes, start, end)
            let word = UnsafeBufferPointer(
                start: bytes.baseAddress.map { $0 + start }, count: length)
            tally.touch(wordSlot(word, addsY: addsY, probes.wide), weight: weight)
        } character: { value in
            tally.touch(characterSlot(value, probes), weight: weight)
            if runLength > 0 {
                let slot = pairSlot(previous, value, probes)
                tally.touch(slot, weight: weight)
                tally.addPosition(slot, Int32(position + runLength - 1))
            }
            previous = value
            runLength += 1
        } endRun: {
            position += runLength + 1
            runLength = 0
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
        makeRoom(slots: 1, links: 0)
        let term = word
        var entries = wide.take()
        let slot = entries.withUnsafeMutableBufferPointer { entries in
            term.withUnsafeBufferPointer { wordSlot($0, addsY: false, entries) }
        }
        wide.put(entries)
        if tallies[slot].mark != mark {
            tallies[slot] = Tally(mark: mark)
            touched[touchedCount] = Int32(slot)
            touchedCount += 1
        }
        tallies[slot].fields = 1
        tallies[slot].body = 0
    }

    /// Room for `slots` more slots and `links` more positions in the current document.
    private mutating func makeRoom(slots: Int, links: Int) {
        pairs.reserve(slots)
        wide.reserve(slots)
        let needed = slotCount + slots
        if tallies.count < needed {
            tallies += repeatElement(Tally(), count: max(needed - tallies.count, tallies.count))
        }
        if touched.count < needed {
            touched += repeatElement(0, count: max(needed - touched.count, touched.count))
        }
        if chain.count < chainCount + links {
            chain += repeatElement(
                Link(), count: max(chainCount + links - chain.count, chain.count))
        }
    }

    static func take<Element>(_ array: inout [Element]) -> [Element] {
        let taken = array
        array = []
        return taken
    }

    /// Posts one posting per slot the document touched.
    private mutating func finish() {
        typealias Weight = SearchDocument.Weight
        // At most 5 bytes for a slot, a delta or a count, 2 for a score and 5 for a position.
        let bound = touchedCount * 17 + chainCount * 5
        if log.count < logCount + bound {
            if logCount > 0 { fullBlocks.append((Self.take(&log), logCount)) }
            log = [UInt8](repeating: 0, count: max(logBlockBytes, bound))
            logCount = 0
        }
        var log = Self.take(&self.log)
        var posted = Self.take(&self.posted)
        var end = logCount
        let document = self.document
        log.withUnsafeMutableBufferPointer { log in
            posted.withUnsafeMutableBufferPointer { posted in
                tallies.withUnsafeBufferPointer { tallies in
                    chain.withUnsafeBufferPointer { chain in
                        for slot in touched[..<touchedCount] {
                            let slot = Int(slot)
                            let tally = tallies[slot]
                            let score = max(
                                1,
                                min(
                                    Weight.cap,
                                    Int(tally.fields) + min(Int(tally.body), Weight.bodyCap)))
                            Varint.write(slot, to: log, at: &end)
                            var length = Varint.write(
                                document - Int(posted[slot].last), to: log, at: &end)
                            length += Varint.write(score, to: log, at: &end)
                            posted[slot].scoreLength += Int32(length)
                            if posted[slot].hasPositions {
                                // The count first, then the positions' deltas.
                                var count = 0
                                var index = tally.head
                                while index >= 0 {
                                    count += 1
                                    index = chain[Int(index)].next
                                }
                                var length = Varint.write(count, to: log, at: &end)
                                var previous: Int32 = 0
                                index = tally.head
                                while index >= 0 {
                                    let at = chain[Int(index)].at
                                    length += Varint.write(Int(at - previous), to: log, at: &end)
                                    previous = at
                                    index = chain[Int(index)].next
                                }
                                posted[slot].positionLength += Int32(length)
                            }
                            posted[slot].last = Int32(document)
                            posted[slot].count += 1
                        }
                    }
                }
            }
        }
        logCount = end
        self.log = log
        self.posted = posted
    }

    // MARK: Slots

    private mutating func newSlot(positions: Bool) -> Int {
        nameStarts.append(Int32(names.count))
        posted.append(Posted(hasPositions: positions))
        return posted.count - 1
    }

    /// The slot of a CJK character.
    @inline(__always)
    private mutating func characterSlot(_ value: UInt32, _ probes: Probes) -> Int {
        guard value < 0x1_0000 else { return wideSlot(UInt64(value), probes.wide) }
        let known = Int(probes.unigrams[Int(value)])
        if known > 0 { return known - 1 }
        let slot = newSlot(positions: false)
        Self.appendUTF8(value, to: &names)
        nameStarts[slot + 1] = Int32(names.count)
        probes.unigrams[Int(value)] = Int32(slot + 1)
        return slot
    }

    /// The slot of the pair of CJK characters `first`, `second`.
    @inline(__always)
    private mutating func pairSlot(_ first: UInt32, _ second: UInt32, _ probes: Probes) -> Int {
        guard first | second < 0x1_0000 else {
            return wideSlot(
                Self.pairFlag | UInt64(first) << 21 | UInt64(second), probes.wide)
        }
        let key = first << 16 | second
        let (found, place) = SlotTable.find(key, in: probes.pairs) { _ in true }
        if found >= 0 { return found }
        let slot = newSlot(positions: true)
        Self.appendUTF8(first, to: &names)
        Self.appendUTF8(second, to: &names)
        nameStarts[slot + 1] = Int32(names.count)
        probes.pairs[place] = SlotTable.Entry(key: key, slot: Int32(slot + 1))
        pairs.count += 1
        return slot
    }

    /// The slot of a character or pair beyond the BMP, keyed by its scalars.
    private mutating func wideSlot(
        _ key: UInt64, _ entries: UnsafeMutableBufferPointer<SlotTable<UInt64>.Entry>
    ) -> Int {
        let (found, place) = SlotTable.find(key, in: entries) { _ in true }
        if found >= 0 { return found }
        let slot = newSlot(positions: key & Self.pairFlag != 0)
        if key & Self.pairFlag != 0 {
            Self.appendUTF8(UInt32((key >> 21) & 0x1F_FFFF), to: &names)
        }
        Self.appendUTF8(UInt32(key & 0x1F_FFFF), to: &names)
        nameStarts[slot + 1] = Int32(names.count)
        entries[place] = SlotTable.Entry(key: key, slot: Int32(slot + 1))
        wide.count += 1
        return slot
    }

    /// The slot of a word: `word`'s bytes, then a `y` when `addsY`.
    @inline(__always)
    private mutating func wordSlot(
        _ word: UnsafeBufferPointer<UInt8>, addsY: Bool,
        _ entries: UnsafeMutableBufferPointer<SlotTable<UInt64>.Entry>
    ) -> Int {
        let key = Self.wordKey(word, addsY: addsY)
        // A short word's key is its bytes; a long one's is a hash, checked against the name.
        let (found, place) = SlotTable.find(key, in: entries) {
            key & Self.wordFlag == 0 || nameIs($0, word, addsY: addsY)
        }
        if found >= 0 { return found }
        let slot = newSlot(positions: false)
        names.append(contentsOf: word)
        if addsY { names.append(UInt8(ascii: "y")) }
        nameStarts[slot + 1] = Int32(names.count)
        entries[place] = SlotTable.Entry(key: key, slot: Int32(slot + 1))
        wide.count += 1
        return slot
    }

    /// A word's key: for at most 7 bytes (with the `y`), the bytes and the length in the top
    /// byte, which no other key has; for more, the hash of the bytes with the top bit set.
    @inline(__always)
    static func wordKey(_ word: UnsafeBufferPointer<UInt8>, addsY: Bool) -> UInt64 {
        let length = word.count + (addsY ? 1 : 0)
        guard length > 7 else {
            var key = UInt64(length) << 56
            for offset in 0..<word.count { key |= UInt64(word[offset]) << (8 * offset) }
            if addsY { key |= UInt64(UInt8(ascii: "y")) << (8 * word.count) }
            return key
        }
        var hash = hash64(word)
        if addsY { hash = (hash ^ UInt64(UInt8(ascii: "y"))) &* 0x0000_0100_0000_01B3 }
        return hash | wordFlag
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
}
