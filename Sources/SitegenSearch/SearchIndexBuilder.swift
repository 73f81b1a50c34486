/// Builds the search index: documents in, deterministic files out.
///
/// The index has three kinds of file, so a query fetches only what it needs:
/// - `meta.json`: how many documents and term shards there are, and the tags and sources with
///   their counts (for the filters);
/// - `t/<n>.bin`: a term shard, holding every term whose FNV-1a hash modulo the shard count is
///   `n`, each with its postings: document numbers, scores and (for CJK pairs) positions;
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

    /// Creates a builder with the defaults measured on a 10,000-brief site.
    public init(
        targetShardBytes: Int = 8_192, documentsPerChunk: Int = 4, snippetCharacters: Int = 320
    ) {
        self.targetShardBytes = targetShardBytes
        self.documentsPerChunk = documentsPerChunk
        self.snippetCharacters = snippetCharacters
    }

    /// The order documents are numbered in: oldest first, then key descending.
    public static func numbered(_ documents: [SearchDocument]) -> [SearchDocument] {
        documents.sorted {
            $0.dateValue != $1.dateValue ? $0.dateValue < $1.dateValue : $0.key > $1.key
        }
    }

    /// Every file of the index, sorted by path.
    public func build(_ documents: [SearchDocument]) async -> [SearchIndexFile] {
        let ordered = Self.numbered(documents)
        let terms = await Self.parallelMap(ordered) { DocumentTerms(indexing: $0) }
        var files = shards(terms: terms)
        files += chunks(ordered)
        files.append(meta(ordered, shardCount: files.count - chunkCount(ordered.count)))
        files.sort { $0.path < $1.path }
        return files
    }

    func chunkCount(_ documents: Int) -> Int {
        (documents + documentsPerChunk - 1) / documentsPerChunk
    }

    /// Postings of every term, merged in document order, then spread over shards.
    func shards(terms: [DocumentTerms]) -> [SearchIndexFile] {
        var characterSlots: [UInt64: Int] = [:]
        var wordSlots: [String: Int] = [:]
        var names: [String] = []
        var hasPositions: [Bool] = []
        var blobs: [[UInt8]] = []
        var counts: [Int] = []
        var last: [Int] = []
        func newSlot(_ name: String, positions: Bool) -> Int {
            names.append(name)
            hasPositions.append(positions)
            blobs.append([])
            counts.append(0)
            last.append(0)
            return names.count - 1
        }
        func post(_ slot: Int, document: Int, score: Int, positions: [Int32]?) {
            Varint.append(document - last[slot], to: &blobs[slot])
            Varint.append(score, to: &blobs[slot])
            if let positions {
                Varint.append(positions.count, to: &blobs[slot])
                var previous = 0
                for position in positions {
                    Varint.append(Int(position) - previous, to: &blobs[slot])
                    previous = Int(position)
                }
            }
            last[slot] = document
            counts[slot] += 1
        }
        for (number, document) in terms.enumerated() {
            for entry in document.characters {
                let isPair = entry.key & DocumentTerms.pairFlag != 0
                let slot: Int
                if let known = characterSlots[entry.key] {
                    slot = known
                } else {
                    slot = newSlot(DocumentTerms.term(entry.key), positions: isPair)
                    characterSlots[entry.key] = slot
                }
                post(
                    slot, document: number, score: entry.score,
                    positions: isPair ? entry.positions : nil)
            }
            for entry in document.words {
                let slot: Int
                if let known = wordSlots[entry.term] {
                    slot = known
                } else {
                    slot = newSlot(entry.term, positions: false)
                    wordSlots[entry.term] = slot
                }
                post(slot, document: number, score: entry.score, positions: nil)
            }
        }
        let total = blobs.reduce(0) { $0 + $1.count + 8 }
        var shardCount = 1
        while shardCount * targetShardBytes < total { shardCount *= 2 }
        var members = [[Int]](repeating: [], count: shardCount)
        for slot in names.indices {
            members[Int(Self.hash(names[slot]) % UInt32(shardCount))].append(slot)
        }
        return members.enumerated().map { shard, slots in
            let sorted = slots.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
            var bytes: [UInt8] = []
            Varint.append(sorted.count, to: &bytes)
            for slot in sorted {
                Varint.append(names[slot].utf8.count, to: &bytes)
                bytes.append(contentsOf: names[slot].utf8)
                Varint.append(hasPositions[slot] ? 1 : 0, to: &bytes)
                Varint.append(counts[slot], to: &bytes)
                Varint.append(blobs[slot].count, to: &bytes)
            }
            for slot in sorted { bytes.append(contentsOf: blobs[slot]) }
            return SearchIndexFile(path: "t/\(shard).bin", bytes: bytes)
        }
    }

    /// Result data: per document its link, titles, date, source, tags and snippet text.
    func chunks(_ documents: [SearchDocument]) -> [SearchIndexFile] {
        (0..<chunkCount(documents.count)).map { chunk in
            let range =
                chunk * documentsPerChunk..<min((chunk + 1) * documentsPerChunk, documents.count)
            var json = JSONText()
            json.raw("[")
            for (offset, document) in documents[range].enumerated() {
                if offset > 0 { json.raw(",\n") }
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
            }
            json.raw("]\n")
            return SearchIndexFile(path: "d/\(chunk).json", bytes: json.bytes)
        }
    }

    /// Per language (in order of first appearance): key points, then the body's beginning.
    func snippets(_ document: SearchDocument) -> [SearchDocument.Text] {
        var languages: [String] = []
        var texts: [String: String] = [:]
        for piece in document.summaries + document.sections {
            let text = piece.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !text.isEmpty else { continue }
            if let existing = texts[piece.language] {
                if existing.count < snippetCharacters {
                    texts[piece.language] = existing + " " + text
                }
            } else {
                languages.append(piece.language)
                texts[piece.language] = text
            }
        }
        return languages.map { language in
            SearchDocument.Text(
                language: language,
                text: String((texts[language] ?? "").prefix(snippetCharacters)))
        }
    }

    /// Counts and shard layout, and the tags and sources to filter by (most used first).
    func meta(_ documents: [SearchDocument], shardCount: Int) -> SearchIndexFile {
        func counted(_ names: [String]) -> [(String, Int)] {
            var counts: [String: Int] = [:]
            var shown: [String: String] = [:]
            for name in names where !name.isEmpty {
                let key = SearchText.normalize(name)
                counts[key, default: 0] += 1
                if shown[key] == nil { shown[key] = name }
            }
            return counts.map { (shown[$0.key] ?? $0.key, $0.value) }.sorted {
                $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0
            }
        }
        var json = JSONText()
        json.raw("{\"version\":1,\"documents\":\(documents.count),\"shards\":\(shardCount)")
        json.raw(",\"chunk\":\(documentsPerChunk),\"tags\":[")
        for (index, (name, count)) in counted(documents.flatMap(\.tags)).enumerated() {
            json.raw(index > 0 ? ",[" : "[")
            json.string(name)
            json.raw(",\(count)]")
        }
        json.raw("],\"sources\":[")
        for (index, (name, count)) in counted(documents.map(\.source)).enumerated() {
            json.raw(index > 0 ? ",[" : "[")
            json.string(name)
            json.raw(",\(count)]")
        }
        json.raw("]}\n")
        return SearchIndexFile(path: "meta.json", bytes: json.bytes)
    }

    /// FNV-1a (32 bits) of the term's UTF-8 bytes: the shard a term lives in.
    public static func hash(_ term: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in term.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    static func parallelMap<T: Sendable, R: Sendable>(
        _ items: [T], _ transform: @escaping @Sendable (T) -> R
    ) async -> [R] {
        let batch = 64
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
