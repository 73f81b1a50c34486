/// An open-addressing table from a key to a collector's slot, kept at most half full so that it
/// stays small enough for the caches it is probed from millions of times.
///
/// A key and its slot sit side by side, so a probe reads one cache line; with `UInt32` keys (a
/// pair of BMP characters, exact) an entry takes 8 bytes, with `UInt64` keys (a word, or a
/// character beyond the BMP) 16. The collector probes the entries through a buffer pointer
/// while it reads a piece of text, having made room for as many new keys as the piece can hold
/// (`reserve`), so the table never grows meanwhile.
struct SlotTable<Key: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    struct Entry: Sendable {
        var key: Key = 0
        /// The slot + 1; 0 for an empty place.
        var slot: Int32 = 0
    }

    private(set) var entries: [Entry]
    /// How many places are taken.
    var count = 0

    /// A table of `capacity` places (a power of two).
    init(capacity: Int = 1_024) {
        entries = [Entry](repeating: Entry(), count: capacity)
    }

    /// Grows the table, if need be, so that it is at most half full and `room` more keys leave
    /// a place empty.
    mutating func reserve(_ room: Int) {
        var capacity = entries.count
        while count * 2 > capacity || count + room >= capacity { capacity *= 2 }
        guard capacity > entries.count else { return }
        var grown = [Entry](repeating: Entry(), count: capacity)
        let mask = capacity - 1
        for entry in entries where entry.slot != 0 {
            var index = Self.bucket(entry.key, mask)
            while grown[index].slot != 0 { index = (index + 1) & mask }
            grown[index] = entry
        }
        entries = grown
    }

    /// The entries, taken out (so that they stay uniquely referenced while probed through a
    /// pointer); `put` gives them back.
    mutating func take() -> [Entry] {
        let taken = entries
        entries = []
        return taken
    }

    mutating func put(_ taken: [Entry]) {
        entries = taken
    }

    /// The slot stored under `key` for which `matches` holds (-1 when none does), and the
    /// place to insert it at when it is not there.
    @inline(__always)
    static func find(
        _ key: Key, in entries: UnsafeMutableBufferPointer<Entry>, matches: (Int) -> Bool
    ) -> (slot: Int, place: Int) {
        let mask = entries.count - 1
        var index = bucket(key, mask)
        while true {
            let entry = entries[index]
            if entry.slot == 0 { return (-1, index) }
            if entry.key == key && matches(Int(entry.slot) - 1) {
                return (Int(entry.slot) - 1, index)
            }
            index = (index + 1) & mask
        }
    }

    /// Where a key starts probing in a table of `mask + 1` places.
    @inline(__always)
    static func bucket(_ key: Key, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> 32)
            & mask
    }
}
