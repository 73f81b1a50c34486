import SitegenBase

/// A few lists of short texts packed into one string: a brief's key points in both languages.
///
/// A site holds every brief's key points from parsing to the last page written. As `[String]`s,
/// each text is an allocation of its own with a 32-byte header, and each list one more: at
/// 100,000 briefs about 30 MB of headers and arrays beside the text. Packed, a brief's key points
/// are one allocation; a list is made again (as `[String]`) each time it is read.
///
/// Each list is written as its count and `;`, then each text as its length in UTF-8 bytes, `:`
/// and the text. The encoding is canonical: equal lists give equal strings.
struct PackedTexts: Sendable, Equatable {
    private var packed: String

    /// Packs `lists`.
    init(_ lists: [[String]]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lists.reduce(0) { $0 + $1.reduce(4) { $0 + $1.utf8.count + 4 } })
        for list in lists {
            bytes += String(list.count).utf8
            bytes.append(UInt8(ascii: ";"))
            for text in list {
                bytes += String(text.utf8.count).utf8
                bytes.append(UInt8(ascii: ":"))
                bytes += text.utf8
            }
        }
        packed = String(decoding: bytes, as: UTF8.self)
    }

    /// The list at `index`; empty when there are fewer lists.
    func list(_ index: Int) -> [String] {
        var result: [String] = []
        walk(
            through: index, start: { if $0 == index { result.reserveCapacity($1) } },
            text: { if $0 == index { result.append(String(decoding: $1, as: UTF8.self)) } })
        return result
    }

    /// The same lists with the one at `index` replaced (and empty ones added before it).
    mutating func setList(_ index: Int, _ texts: [String]) {
        var lists: [[String]] = []
        walk(through: Int.max, start: { _, _ in lists.append([]) }) { list, text in
            lists[list].append(String(decoding: text, as: UTF8.self))
        }
        while lists.count <= index { lists.append([]) }
        lists[index] = texts
        self = PackedTexts(lists)
    }

    /// Mixes the list at `index` into `fingerprint` as its count and then each text, as
    /// `combine(Int64)` and `combine(String)` do, without making the strings.
    func combine(_ index: Int, into fingerprint: inout Fingerprint) {
        var counted = false
        walk(
            through: index,
            start: { list, count in
                if list == index {
                    fingerprint.combine(Int64(count))
                    counted = true
                }
            },
            text: { list, text in
                if list == index {
                    fingerprint.combine(bytes: text)
                    fingerprint.combine(bytes: CollectionOfOne(0xFF))
                }
            })
        if !counted { fingerprint.combine(Int64(0)) }
    }

    /// Walks the lists up to `last` (or the end): `start` with each list's index and count,
    /// then `text` with its index and each of its texts.
    private func walk(
        through last: Int, start: (Int, Int) -> Void,
        text: (Int, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var packed = packed
        packed.withUTF8 { bytes in
            var position = 0
            func number(until end: UInt8) -> Int {
                var value = 0
                while position < bytes.count, bytes[position] != end {
                    value = value &* 10 &+ Int(bytes[position] &- UInt8(ascii: "0"))
                    position += 1
                }
                position += 1
                return value
            }
            var list = 0
            while list <= last, position < bytes.count {
                let count = number(until: UInt8(ascii: ";"))
                start(list, count)
                for _ in 0..<count {
                    let length = number(until: UInt8(ascii: ":"))
                    let end = min(position + length, bytes.count)
                    text(list, UnsafeBufferPointer(rebasing: bytes[position..<end]))
                    position = end
                }
                list += 1
            }
        }
    }
}
