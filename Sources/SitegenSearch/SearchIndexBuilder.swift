/// Builds the search index: documents in, deterministic files out.
///
/// The index is split so that a query fetches only what it needs:
/// - `meta.json`: how many documents and term shards there are, and the tags and sources with
///   their counts (for the filters);
/// - `t/<n>.bin`: a term shard: every term whose FNV-1a hash modulo the shard count is `n`, each
///   with its postings (document numbers and scores) inline, or, for a term in many documents,
///   a flag saying they are in a file of its own, `t/x<hash in hex>.bin`;
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
        documents.sorted {
            $0.dateValue != $1.dateValue ? $0.dateValue < $1.dateValue : $0.key > $1.key
        }
    }

    /// Every file of the index, sorted by path.
    public func build(_ documents: [SearchDocument]) async -> [SearchIndexFile] {
        let ordered = Self.numbered(documents)
        var table = PostingsTable()
        var entries: [[UInt8]] = []
        entries.reserveCapacity(ordered.count)
        // In batches, so that only a batch's terms are held at once; the next batch is
        // tokenised while this one is merged.
        let batchSize = 512
        let starts = Array(stride(from: 0, to: ordered.count, by: batchSize))
        func tokenise(_ start: Int) -> Task<[(DocumentTerms, [UInt8])], Never> {
            let batch = Array(ordered[start..<min(start + batchSize, ordered.count)])
            return Task {
                await Self.parallelMap(batch) { document in
                    (DocumentTerms(indexing: document), self.resultEntry(document))
                }
            }
        }
        var pending = starts.first.map(tokenise)
        for (position, start) in starts.enumerated() {
            guard let current = pending else { break }
            pending = position + 1 < starts.count ? tokenise(starts[position + 1]) : nil
            for (offset, (terms, entry)) in await current.value.enumerated() {
                table.add(terms, document: start + offset)
                entries.append(entry)
            }
        }
        let (termFiles, shardCount) = table.files(
            targetShardBytes: targetShardBytes, ownFileBytes: ownFileBytes)
        var files = termFiles
        files += chunks(entries)
        files.append(meta(ordered, shardCount: shardCount))
        files.sort { $0.path < $1.path }
        return files
    }

    func chunkCount(_ documents: Int) -> Int {
        (documents + documentsPerChunk - 1) / documentsPerChunk
    }

    /// Result data files: each a JSON array of `documentsPerChunk` entries.
    func chunks(_ entries: [[UInt8]]) -> [SearchIndexFile] {
        (0..<chunkCount(entries.count)).map { chunk in
            let range =
                chunk * documentsPerChunk..<min((chunk + 1) * documentsPerChunk, entries.count)
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for (offset, entry) in entries[range].enumerated() {
                if offset > 0 { bytes += Array(",\n".utf8) }
                bytes += entry
            }
            bytes += Array("]\n".utf8)
            return SearchIndexFile(path: "d/\(chunk).json", bytes: bytes)
        }
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
        var texts: [String: (scalars: String.UnicodeScalarView, count: Int)] = [:]
        for piece in document.summaries + document.sections {
            var entry = texts[piece.language] ?? (String.UnicodeScalarView(), 0)
            if texts[piece.language] == nil { languages.append(piece.language) }
            var pendingSpace = entry.count > 0
            for scalar in piece.text.unicodeScalars {
                if entry.count >= snippetCharacters { break }
                if scalar.properties.isWhitespace {
                    pendingSpace = entry.count > 0
                    continue
                }
                if pendingSpace {
                    entry.scalars.append(" ")
                    entry.count += 1
                    pendingSpace = false
                }
                entry.scalars.append(scalar)
                entry.count += 1
            }
            texts[piece.language] = entry
        }
        return languages.compactMap { language in
            guard let entry = texts[language], entry.count > 0 else { return nil }
            return SearchDocument.Text(language: language, text: String(entry.scalars))
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
