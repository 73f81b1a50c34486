/// The tables that give a term its slot, through buffer pointers, while a piece of text is read.
struct Probes {
    let unigrams: UnsafeMutableBufferPointer<Int32>
    let pairs: UnsafeMutableBufferPointer<SlotTable<UInt32>.Entry>
    let wide: UnsafeMutableBufferPointer<SlotTable<UInt64>.Entry>
}

/// The current document's tallies through buffer pointers, while a piece of text is read.
struct Tallies {
    let tallies: UnsafeMutableBufferPointer<PostingsCollector.Tally>
    let touched: UnsafeMutableBufferPointer<Int32>
    let chain: UnsafeMutableBufferPointer<PostingsCollector.Link>
    let mark: Int32
    var touchedCount: Int
    var chainCount: Int

    @inline(__always)
    mutating func touch(_ slot: Int, weight: Int32) {
        if tallies[slot].mark != mark {
            tallies[slot] = PostingsCollector.Tally(mark: mark)
            touched[touchedCount] = Int32(slot)
            touchedCount += 1
        }
        typealias Weight = SearchDocument.Weight
        if weight == Int32(Weight.body) {
            if tallies[slot].body < Int16(Weight.bodyCap) { tallies[slot].body += 1 }
        } else {
            tallies[slot].fields = Int16(
                min(Int32(Weight.cap), Int32(tallies[slot].fields) + weight))
        }
    }

    @inline(__always)
    mutating func addPosition(_ slot: Int, _ at: Int32) {
        let index = Int32(chainCount)
        chain[chainCount] = PostingsCollector.Link(at: at, next: -1)
        chainCount += 1
        if tallies[slot].head < 0 {
            tallies[slot].head = index
        } else {
            chain[Int(tallies[slot].tail)].next = index
        }
        tallies[slot].tail = index
    }
}
