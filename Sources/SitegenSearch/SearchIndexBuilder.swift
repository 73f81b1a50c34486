import Foundation

/// Builds the search index: documents in, deterministic files out.
///
/// The index is split so that a query fetches only what it needs:
/// - `meta.json`: how many documents and term shards there are, and the tags and sources with
///   their counts (for the filters);
/// - `t/<n>.bin`: a term shard: every term whose FNV-1a hash modulo the shard count is `n`, each
///   with its postings (document numbers and scores) inline, or, for a term in many documents,
///   a flag saying they are in a file of its own, `t/x<hash in hex>.bin` (which starts with the
///   term's entry: name, flags and document count, so it can be read without the shard);
/// - `p/<n>.bin`, `p/x<hash>.bin`: the positions of CJK pairs, in the same order, fetched only
///   for a phrase of two pairs or more;
/// - `d/<n>.json`: what a result shows for documents `n * chunk ..< (n + 1) * chunk`.
///
/// Documents are numbered from the oldest (date, then key descending), so a new brief usually
/// takes the next number and the others keep theirs: only the shards of its terms and its chunk
/// change. Ties in ranking go to the higher number, the newer brief.
public struct SearchIndexBuilder: Sendable {
    /// The average size a term shard aims at; the shard count is a power of two.
    public var targetShardBytes: Int
    /// Documents per result-data file.
    public var documentsPerChunk: Int
    /// Characters of text kept per language for snippets.
    public var snippetCharacters: Int
    /// A term whose postings take at least this many bytes gets files of its own.
    public var ownFileBytes: Int
    /// The fewest documents a range tokenised on its own holds (the output does not depend on
    /// it).
    var documentsPerRange = 256
    /// The most documents a range holds, when there are more than a few ranges per core: a
    /// range's posting log is held until its range is done, so on a large site smaller ranges
    /// bound what the running ones hold (the output does not depend on it).
    var documentsPerLargeRange = 6_000

    /// Creates a builder with the defaults measured on a 10,000-brief site.
    public init(
        targetShardBytes: Int = 8_192, documentsPerChunk: Int = 2, snippetCharacters: Int = 200,
        ownFileBytes: Int = 1_024
    ) {
        self.ownFileBytes = ownFileBytes
        self.targetShardBytes = targetShardBytes
        self.documentsPerChunk = documentsPerChunk
        self.snippetCharacters = snippetCharacters
    }

    /// The order documents are numbered in: oldest first, then key descending.
    public static func numbered(_ documents: [SearchDocument]) -> [SearchDocument] {
        documents.sorted { precedes(($0.dateValue, $0.key), ($1.dateValue, $1.key)) }
    }

    /// Whether a document dated `left.date` with key `left.key` is numbered before one dated
    /// `right.date` with key `right.key`: the order `numbered` sorts in, for a caller that orders
    /// documents from their metadata before making them.
    public static func precedes(
        _ left: (date: Int64, key: String), _ right: (date: Int64, key: String)
    ) -> Bool {
        left.date != right.date ? left.date < right.date : left.key > right.key
    }

    /// Every file of the index, sorted by path.
    public func build(_ documents: [SearchDocument]) async -> [SearchIndexFile] {
        let ordered = Self.numbered(documents)
        return await build(count: ordered.count, document: { ordered[$0] }, keep: { $0 }).map(
            \.kept)
    }

    /// Builds the index of `count` documents, made one at a time by `document` (given a number,
    /// in `numbered` order) and dropped once tokenised, and hands each file to `keep` as soon as
    /// it is made, from several tasks at once: neither every document's text nor every file's
    /// bytes are held together. Returns what `keep` returned for each file, sorted by path.
    public func build<Kept: Sendable>(
        count: Int, document: @escaping @Sendable (Int) -> SearchDocument,
        keep: @escaping @Sendable (SearchIndexFile) -> Kept
    ) async -> [(path: String, kept: Kept)] {
        // Contiguous ranges of document numbers, a few per core, each tokenised and collected
        // on its own; their postings are joined in number order. Ranges hold whole result
        // chunks, so each range writes its own.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let rangeCount = max(
            1, min(count / max(1, documentsPerRange), 2 * cores, 16),
            min(count / max(1, documentsPerLargeRange), 64))
        let perChunk = max(1, documentsPerChunk)
        let size = ((count + rangeCount - 1) / rangeCount + perChunk - 1) / perChunk * perChunk
        let starts = Array(stride(from: 0, to: max(1, count), by: max(1, size)))
        let ranges = await Self.parallelMap(starts, batch: 1) {
            start -> (PostingsPart, NameCounts, NameCounts, [(path: String, kept: Kept)]) in
            var collector = PostingsCollector()
            var tags = NameCounts()
            var sources = NameCounts()
            var kept: [(path: String, kept: Kept)] = []
            var entries: [[UInt8]] = []
            let end = min(start + size, count)
            for number in start..<end {
                let document = document(number)
                collector.add(document, number: number)
                for tag in document.tags { tags.add(tag) }
                sources.add(document.source)
                entries.append(self.resultEntry(document))
                if entries.count == perChunk || number == end - 1 {
                    let file = self.chunk(number / perChunk, entries: entries)
                    kept.append((file.path, keep(file)))
                    entries.removeAll(keepingCapacity: true)
                }
            }
            return (collector.finished(), tags, sources, kept)
        }
        var tags = NameCounts()
        var sources = NameCounts()
        for range in ranges {
            tags.merge(range.1)
            sources.merge(range.2)
        }
        var kept = ranges.flatMap(\.3)
        let table = PostingsTable(parts: ranges.map(\.0))
        let (termFiles, shardCount) = await table.files(
            targetShardBytes: targetShardBytes, ownFileBytes: ownFileBytes, keep: keep)
        kept += termFiles
        let meta = meta(count: count, tags: tags, sources: sources, shardCount: shardCount)
        kept.append((meta.path, keep(meta)))
        kept.sort { $0.path < $1.path }
        return kept
    }

    func chunkCount(_ documents: Int) -> Int {
        (documents + documentsPerChunk - 1) / documentsPerChunk
    }

    /// A result data file: a JSON array of (at most) `documentsPerChunk` entries.
    func chunk(_ chunk: Int, entries: [[UInt8]]) -> SearchIndexFile {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (offset, entry) in entries.enumerated() {
            if offset > 0 { bytes += Array(",\n".utf8) }
            bytes += entry
        }
        bytes += Array("]\n".utf8)
        return SearchIndexFile(path: "d/\(chunk).json", bytes: bytes)
    }

    /// What a result shows: link, titles, date, source, tags and snippet text per language.
    func resultEntry(_ document: SearchDocument) -> [UInt8] {
        var json = JSONText()
        json.raw("{\"u\":")
        json.string(document.url)
        json.raw(",\"t\":")
        json.string(document.title)
        json.raw(",\"e\":")
        json.string(document.titleEN ?? "")
        json.raw(",\"d\":")
        json.string(document.shownDate)
        json.raw(",\"s\":")
        json.string(document.source)
        json.raw(",\"g\":")
        json.strings(document.tags)
        json.raw(",\"x\":[")
        for (index, text) in snippets(document).enumerated() {
            json.raw(index > 0 ? ",[" : "[")
            json.string(text.language)
            json.raw(",")
            json.string(text.text)
            json.raw("]")
        }
        json.raw("]}")
        return json.bytes
    }

    /// Per language (in order of first appearance): key points, then the body's beginning,
    /// white space collapsed, at most `snippetCharacters` characters.
    func snippets(_ document: SearchDocument) -> [SearchDocument.Text] {
        var languages: [String] = []
        var texts: [[UInt8]] = []
        var counts: [Int] = []
        func add(_ piece: SearchDocument.Text) {
            var slot = languages.firstIndex(of: piece.language) ?? -1
            if slot < 0 {
                languages.append(piece.language)
                texts.append([])
                counts.append(0)
                slot = languages.count - 1
            }
            var count = counts[slot]
            guard count < snippetCharacters else { return }
            var pendingSpace = count > 0
            var output = texts[slot]
            texts[slot] = []
            var text = piece.text
            text.withUTF8 { bytes in
                // Runs of other scalars are copied at once.
                var index = 0
                var runStart = -1
                while index < bytes.count && count < snippetCharacters {
                    let byte = bytes[index]
                    var length = 1
                    var isWhitespace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                    if byte >= 0x80 {
                        let (scalar, scalarLength) = SearchText.decode(bytes, at: index)
                        length = scalarLength
                        isWhitespace = Self.isWhitespace(scalar)
                    }
                    if isWhitespace {
                        if runStart >= 0 {
                            output.append(
                                contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                            runStart = -1
                        }
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace {
                            output.append(UInt8(ascii: " "))
                            count += 1
                            pendingSpace = false
                        }
                        if runStart < 0 { runStart = index }
                        count += 1
                    }
                    index += length
                }
                if runStart >= 0 {
                    output.append(
                        contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
            }
            texts[slot] = output
            counts[slot] = count
        }
        for piece in document.summaries { add(piece) }
        for piece in document.sections { add(piece) }
        return languages.indices.compactMap { slot in
            guard counts[slot] > 0 else { return nil }
            return SearchDocument.Text(
                language: languages[slot], text: String(decoding: texts[slot], as: UTF8.self))
        }
    }

    /// Unicode's White_Space property, without a property lookup.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F,
            0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Counts and shard layout, and the tags and sources to filter by (most used first).
    func meta(count: Int, tags: NameCounts, sources: NameCounts, shardCount: Int)
        -> SearchIndexFile
    {
        var json = JSONText()
        json.raw("{\"version\":1,\"documents\":\(count),\"shards\":\(shardCount)")
        json.raw(",\"chunk\":\(documentsPerChunk),\"tags\":[")
        for (index, (name, count)) in tags.sorted().enumerated() {
            json.raw(index > 0 ? ",[" : "[")
            json.string(name)
            json.raw(",\(count)]")
        }
        json.raw("],\"sources\":[")
        for (index, (name, count)) in sources.sorted().enumerated() {
            json.raw(index > 0 ? ",[" : "[")
            json.string(name)
            json.raw(",\(count)]")
        }
        json.raw("]}\n")
        return SearchIndexFile(path: "meta.json", bytes: json.bytes)
    }

    /// FNV-1a (32 bits) of the term's UTF-8 bytes: the shard a term lives in.
    public static func hash(_ term: String) -> UInt32 {
        hash(term.utf8)
    }

    /// The same for a term's UTF-8 bytes.
    static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    static func parallelMap<T: Sendable, R: Sendable>(
        _ items: [T], batch: Int = 64, _ transform: @escaping @Sendable (T) -> R
    ) async -> [R] {
        return await withTaskGroup(of: (Int, [R]).self) { group in
            for start in stride(from: 0, to: items.count, by: batch) {
                let slice = Array(items[start..<min(start + batch, items.count)])
                group.addTask { (start, slice.map(transform)) }
            }
            var parts: [(Int, [R])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}

/// Tag or source names counted by their normalised form, each shown as first spelled: what
/// `meta.json` lists for the filters. Ranges count on their own and are merged in number order.
///
/// Names are counted as spelled (one dictionary lookup per name) and normalised only once per
/// spelling, when the counts are read.
struct NameCounts: Sendable {
    /// Per spelling: how often, and when it was first seen.
    private var spellings: [String: (count: Int, order: Int)] = [:]
    private var nextOrder = 0

    mutating func add(_ name: String) {
        guard !name.isEmpty else { return }
        let before = spellings.count
        spellings[name, default: (0, nextOrder)].count += 1
        if spellings.count > before { nextOrder += 1 }
    }

    /// Adds the counts of a later range (whose spellings come second).
    mutating func merge(_ later: NameCounts) {
        for (name, entry) in later.spellings {
            if let known = spellings[name] {
                spellings[name] = (known.count + entry.count, known.order)
            } else {
                spellings[name] = (entry.count, nextOrder + entry.order)
            }
        }
        nextOrder += later.nextOrder
    }

    /// Shown names with their counts, most used first, then by name.
    func sorted() -> [(String, Int)] {
        var counts: [String: (shown: String, order: Int, count: Int)] = [:]
        for (name, entry) in spellings {
            let key = SearchText.normalize(name)
            if let known = counts[key] {
                let isFirst = entry.order < known.order
                counts[key] = (
                    isFirst ? name : known.shown, min(entry.order, known.order),
                    known.count + entry.count
                )
            } else {
                counts[key] = (name, entry.order, entry.count)
            }
        }
        return counts.values.map { ($0.shown, $0.count) }.sorted {
            $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0
        }
    }
}
