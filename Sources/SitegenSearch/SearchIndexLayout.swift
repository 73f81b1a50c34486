/// What a query needs to know of an index before it fetches anything: the search page carries it
/// (as `data-` attributes), so the browser asks for a query's term files as soon as its script
/// runs instead of after `meta.json`, and reads a frequent term from its file of its own (which
/// starts with the term's entry) without its shard.
///
/// Everything here follows from the index's file names and document count, so it changes only
/// when the set of index files or the number of documents does (a body patch changes neither).
public struct SearchIndexLayout: Sendable, Equatable {
    /// How many documents the index numbers.
    public let documents: Int
    /// How many term shards (`t/<n>.bin`) there are.
    public let shards: Int
    /// Documents per result-data file (`d/<n>.json`).
    public let chunk: Int
    /// A Bloom filter of the hashes of the terms with files of their own (`t/x<hash>.bin`), in
    /// base64url without padding; empty when no term has one. The browser checks it with
    /// search.js's `ownFilter`: a hit is only a guess, the term's shard has the last word.
    public let ownTerms: String

    /// Bits the filter spends per term: about 1 % false hits with four bits set per term.
    static let bitsPerTerm = 10
    /// Where a term's four bits go: its hash mixed with each seed (multiples of the golden
    /// ratio), modulo the filter's size in bits.
    static let seeds: [UInt32] = [0, 0x9E37_79B9, 0x3C6E_F372, 0xDAA6_6D2B]

    /// The layout of an index of `documents` documents whose files are `paths` (relative to the
    /// index folder, as `SearchIndexBuilder` names them).
    public init<Paths: Sequence>(documents: Int, chunk: Int, paths: Paths)
    where Paths.Element == String {
        var shards = 0
        var own: [UInt32] = []
        for path in paths where path.hasPrefix("t/") && path.hasSuffix(".bin") {
            let name = path.dropFirst(2).dropLast(4)
            if name.first == "x" {
                if let hash = UInt32(name.dropFirst(), radix: 16) { own.append(hash) }
            } else if Int(name) != nil {
                shards += 1
            }
        }
        self.documents = documents
        self.shards = shards
        self.chunk = chunk
        self.ownTerms = Self.encoded(Self.filter(own))
    }

    /// The filter's bytes for `hashes`: `bitsPerTerm` bits per hash, bit `b` in byte `b / 8` at
    /// `1 << (b % 8)`.
    static func filter(_ hashes: [UInt32]) -> [UInt8] {
        guard !hashes.isEmpty else { return [] }
        var bytes = [UInt8](repeating: 0, count: (hashes.count * bitsPerTerm + 7) / 8)
        for hash in hashes {
            for bit in bits(of: hash, size: bytes.count * 8) {
                bytes[bit / 8] |= 1 << UInt8(bit % 8)
            }
        }
        return bytes
    }

    /// Whether `filter` may hold `hash` (no false misses, a few false hits).
    static func filter(_ filter: [UInt8], mayHold hash: UInt32) -> Bool {
        guard !filter.isEmpty else { return false }
        return bits(of: hash, size: filter.count * 8).allSatisfy {
            filter[$0 / 8] & (1 << UInt8($0 % 8)) != 0
        }
    }

    static func bits(of hash: UInt32, size: Int) -> [Int] {
        seeds.map { Int(mix(hash ^ $0) % UInt32(size)) }
    }

    /// MurmurHash3's finaliser.
    static func mix(_ value: UInt32) -> UInt32 {
        var x = value
        x = (x ^ (x >> 16)) &* 0x85EB_CA6B
        x = (x ^ (x >> 13)) &* 0xC2B2_AE35
        return x ^ (x >> 16)
    }

    /// Base64url (`-` and `_`, no padding): safe in an HTML attribute without escaping.
    static func encoded(_ bytes: [UInt8]) -> String {
        let alphabet = Array(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group = 0
            for offset in 0..<3 {
                group = group << 8 | (offset < count ? Int(bytes[index + offset]) : 0)
            }
            for sextet in 0...count {
                output.append(alphabet[(group >> (18 - 6 * sextet)) & 63])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
