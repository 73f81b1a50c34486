/// What a build remembers for the next one, in `.sitegen/cache` under the site folder.
///
/// It keys everything by a fingerprint of what every page depends on (sitegen's version, the
/// configuration, templates, options) and, per brief, by the file's size and modification time:
/// an unchanged brief is not read, parsed or rendered again. It also lists every file of the
/// output with the fingerprint of the inputs it was made from, so a rebuild writes only the pages
/// whose inputs changed. The format is a private binary one, versioned by the sitegen version;
/// anything unreadable is simply a cold cache.
public struct BuildCache: Sendable {
    /// A file's size and modification time, which say whether it may have changed.
    public struct Stamp: Sendable, Equatable, Hashable {
        public let size: Int64
        public let modified: Int64
    }

    /// One brief as last parsed: its stamp, content hash, front matter and warnings (no body:
    /// see `SectionList`).
    public struct Entry: Sendable {
        public let stamp: Stamp
        /// `Fingerprint.ofContents` of the file, checked when the stamp is too recent to trust.
        public let contentHash: UInt64
        public let brief: ParsedBrief
        public let warnings: [SitegenError]
    }

    /// The fingerprint of everything every page depends on.
    public var siteFingerprint: Fingerprint
    /// The output folder the manifest describes.
    public var output: String
    /// Briefs by path.
    public var entries: [String: Entry]
    /// Output files by path, with the fingerprint of their inputs.
    public var manifest: [String: Fingerprint]
    /// The same for the site kept from the build before (see `OutputWriter.update`), when known.
    public var keptManifest: [String: Fingerprint]?
    /// A fingerprint of every input file's path and stamp (briefs, pages, templates, static
    /// files, site.yml), for the no-change check.
    public var inputs: Fingerprint
    /// The earliest held-back brief's date: once "now" passes it, the site must change.
    public var nextRelease: Int64?
    /// When the build that wrote the cache started (nanoseconds since the epoch). A file changed
    /// shortly before then may keep its stamp through another quick edit, so its content is
    /// checked rather than its stamp trusted.
    public var builtAt: Int64
    /// What the build reported, repeated when nothing has changed.
    public var summary: Summary
    /// Every warning of the build (repeated when nothing has changed).
    public var warnings: [SitegenError]

    /// The counts of a build's summary line.
    public struct Summary: Sendable, Equatable {
        public var briefs = 0
        public var tags = 0
        public var pages = 0
        public var files = 0
        public var heldBack = 0
        public var drafts = 0
    }

    static let magic = Array("SITEGEN-CACHE-2\n".utf8)

    /// Encodes the cache.
    public func encoded() -> [UInt8] {
        var out = ByteWriter()
        encode(into: &out)
        return out.buffer
    }

    /// Encodes the cache into a writer that may pass full buffers on as it goes.
    func encode(into out: inout ByteWriter) {
        out.bytes(Self.magic)
        out.string(SitegenVersion.current)
        out.uint(siteFingerprint.value)
        out.string(output)
        out.int(nextRelease ?? Int64.min)
        out.int(builtAt)
        for count in [
            summary.briefs, summary.tags, summary.pages, summary.files, summary.heldBack,
            summary.drafts,
        ] {
            out.int(Int64(count))
        }
        out.int(Int64(warnings.count))
        for warning in warnings { out.warning(warning) }
        out.uint(inputs.value)
        for table in [manifest, keptManifest ?? [:]] {
            out.int(Int64(table.count))
            for (path, fingerprint) in table.sorted(by: { $0.key < $1.key }) {
                out.string(path)
                out.uint(fingerprint.value)
            }
        }
        out.bool(keptManifest != nil)
        out.int(Int64(entries.count))
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            out.string(path)
            out.entry(entry)
            out.flushIfFull()
        }
    }

    /// Whether a stamp is old enough, against the cache's build time, to be trusted alone.
    public func isSettled(_ stamp: Stamp) -> Bool {
        stamp.modified < builtAt - 2_000_000_000
    }

    /// Decodes a cache; `nil` when it is from another version or damaged. Without
    /// `includingEntries` only the header is read (no manifest, no briefs): all a no-change
    /// check needs.
    public static func decode(_ bytes: [UInt8], includingEntries: Bool = true) -> BuildCache? {
        var input = ByteReader(bytes)
        guard input.bytes(magic.count).map(Array.init) == magic,
            input.string() == SitegenVersion.current,
            let site = input.uint(), let output = input.string(), let release = input.int(),
            let builtAt = input.int()
        else { return nil }
        var counts: [Int] = []
        for _ in 0..<6 {
            guard let count = input.int() else { return nil }
            counts.append(Int(count))
        }
        let summary = Summary(
            briefs: counts[0], tags: counts[1], pages: counts[2], files: counts[3],
            heldBack: counts[4], drafts: counts[5])
        guard let warningCount = input.int(), warningCount >= 0 else { return nil }
        var warnings: [SitegenError] = []
        for _ in 0..<warningCount {
            guard let warning = input.warning() else { return nil }
            warnings.append(warning)
        }
        guard let inputs = input.uint() else { return nil }
        var tables: [[String: Fingerprint]] = [[:], [:]]
        var hasKept = false
        var entries: [String: Entry] = [:]
        if includingEntries {
            for table in 0..<2 {
                guard let count = input.int() else { return nil }
                tables[table].reserveCapacity(Int(max(0, count)))
                for _ in 0..<max(0, count) {
                    guard let path = input.string(), let value = input.uint() else { return nil }
                    tables[table][path] = Fingerprint.restored(value)
                }
            }
            guard let kept = input.bool() else { return nil }
            hasKept = kept
            guard let entryCount = input.int() else { return nil }
            entries.reserveCapacity(Int(max(0, entryCount)))
            for _ in 0..<max(0, entryCount) {
                guard let path = input.string(), let entry = input.entry(path: path) else {
                    return nil
                }
                entries[path] = entry
            }
            guard input.isAtEnd else { return nil }
        }
        return BuildCache(
            siteFingerprint: Fingerprint.restored(site), output: output, entries: entries,
            manifest: tables[0], keptManifest: hasKept ? tables[1] : nil,
            inputs: Fingerprint.restored(inputs), nextRelease: release == Int64.min ? nil : release,
            builtAt: builtAt, summary: summary, warnings: warnings)
    }
}

/// Appends little-endian integers and length-prefixed strings.
struct ByteWriter {
    var buffer: [UInt8] = []
    /// Receives the buffer whenever it grows past a few megabytes, so a large cache is never held
    /// whole in memory; `nil` keeps everything in `buffer`.
    var flush: (([UInt8]) throws -> Void)?
    var failure: Error?

    mutating func flushIfFull() {
        guard let flush, buffer.count >= 4 << 20, failure == nil else { return }
        do {
            try flush(buffer)
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func bytes(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    mutating func uint(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }
    mutating func int(_ value: Int64) { uint(UInt64(bitPattern: value)) }
    mutating func bool(_ value: Bool) { buffer.append(value ? 1 : 0) }

    mutating func string(_ text: String) {
        int(Int64(text.utf8.count))
        buffer.append(contentsOf: text.utf8)
    }

    mutating func optional(_ text: String?) {
        bool(text != nil)
        if let text { string(text) }
    }

    mutating func strings(_ texts: [String]) {
        int(Int64(texts.count))
        for text in texts { string(text) }
    }

    mutating func stamp(_ stamp: BuildCache.Stamp) {
        int(stamp.size)
        int(stamp.modified)
    }

    mutating func timestamp(_ time: Timestamp) {
        int(time.seconds)
        int(Int64(time.offset))
    }

    mutating func entry(_ entry: BuildCache.Entry) {
        let brief = entry.brief
        stamp(entry.stamp)
        uint(entry.contentHash)
        string(brief.slug)
        int(Int64(brief.slugLine))
        string(brief.title)
        optional(brief.titleEN)
        timestamp(brief.date)
        bool(brief.updated != nil)
        if let updated = brief.updated { timestamp(updated) }
        string(brief.source.url)
        string(brief.source.name)
        string(brief.source.host)
        int(Int64(brief.tags.count))
        for tag in brief.tags {
            string(tag.name)
            string(tag.slug)
        }
        strings(brief.summary)
        strings(brief.summaryEN)
        bool(brief.isGenerated)
        bool(brief.isDraft)
        string(brief.language)
        int(Int64(entry.warnings.count))
        for warning in entry.warnings { self.warning(warning) }
    }

    mutating func warning(_ warning: SitegenError) {
        string(warning.kind.rawValue)
        string(warning.message)
        optional(warning.hint)
        optional(warning.location?.path)
        int(Int64(warning.location?.line ?? 0))
        int(Int64(warning.location?.column ?? 0))
    }
}

/// Reads what `ByteWriter` wrote; every read fails softly on damaged input.
struct ByteReader {
    let buffer: [UInt8]
    var index = 0
    var end: Int { buffer.count }

    init(_ buffer: [UInt8]) { self.buffer = buffer }

    var isAtEnd: Bool { index == end }

    mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, index + count <= end else { return nil }
        defer { index += count }
        return buffer[index..<index + count]
    }

    mutating func uint() -> UInt64? {
        guard let raw = bytes(8) else { return nil }
        var value: UInt64 = 0
        for (shift, byte) in raw.enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
        return value
    }

    mutating func int() -> Int64? { uint().map { Int64(bitPattern: $0) } }

    mutating func bool() -> Bool? {
        guard let raw = bytes(1) else { return nil }
        return raw.first == 1
    }

    mutating func string() -> String? {
        guard let count = int(), let raw = bytes(Int(clamping: count)) else { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func optional() -> String?? {
        guard let present = bool() else { return nil }
        return present ? string().map { Optional($0) } : .some(nil)
    }

    mutating func strings() -> [String]? {
        guard let count = int(), count >= 0, count < 1_000_000 else { return nil }
        var result: [String] = []
        for _ in 0..<count {
            guard let text = string() else { return nil }
            result.append(text)
        }
        return result
    }

    mutating func stamp() -> BuildCache.Stamp? {
        guard let size = int(), let modified = int() else { return nil }
        return BuildCache.Stamp(size: size, modified: modified)
    }

    mutating func timestamp() -> Timestamp? {
        guard let seconds = int(), let offset = int() else { return nil }
        return Timestamp(seconds: seconds, offset: Int(offset))
    }

    mutating func warning() -> SitegenError? {
        guard let kindName = string(), let kind = SitegenError.Kind(rawValue: kindName),
            let message = string(),
            let hint = optional(), let path = optional(), let line = int(), let column = int()
        else { return nil }
        let location = path.map {
            SourceLocation(
                path: $0, line: line == 0 ? nil : Int(line), column: column == 0 ? nil : Int(column)
            )
        }
        return SitegenError(kind, message, at: location, hint: hint, severity: .warning)
    }

    mutating func entry(path: String) -> BuildCache.Entry? {
        guard let stamp = stamp(), let contentHash = uint(), let slug = string(),
            let slugLine = int(), let title = string(),
            let titleEN = optional(), let date = timestamp(), let hasUpdated = bool()
        else { return nil }
        var updated: Timestamp?
        if hasUpdated {
            guard let time = timestamp() else { return nil }
            updated = time
        }
        guard let url = string(), let name = string(), let host = string(), let tagCount = int(),
            tagCount >= 0
        else { return nil }
        var tags: [Tag] = []
        for _ in 0..<tagCount {
            guard let tagName = string(), let tagSlug = string() else { return nil }
            tags.append(Tag(name: tagName, slug: tagSlug))
        }
        guard let summary = strings(), let summaryEN = strings(), let isGenerated = bool(),
            let isDraft = bool(), let language = string()
        else { return nil }
        guard let warningCount = int(), warningCount >= 0 else { return nil }
        var warnings: [SitegenError] = []
        for _ in 0..<warningCount {
            guard let warning = warning() else { return nil }
            warnings.append(warning)
        }
        let brief = ParsedBrief(
            sourcePath: path, slug: slug, slugLine: Int(slugLine), title: title, titleEN: titleEN,
            date: date, updated: updated, source: ArticleSource(url: url, name: name, host: host),
            tags: tags, summary: summary, summaryEN: summaryEN, isGenerated: isGenerated,
            isDraft: isDraft, language: language, sections: [])
        return BuildCache.Entry(
            stamp: stamp, contentHash: contentHash, brief: brief,
            warnings: warnings)
    }
}

/// Reads and writes the cache file, quietly: a cache that cannot be read or written only makes
/// the next build slower.
struct CacheStore: Sendable {
    let directory: String
    let fileSystem: FileSystem

    var path: String { directory + "/cache" }

    /// The whole file, for decoding in two steps.
    func loadBytes() -> [UInt8]? { (try? fileSystem.read(path)) ?? nil }

    /// The cache's header alone, read from the start of the file: enough for the no-change
    /// check, without reading the briefs (tens of megabytes on a large site).
    func loadHeader() -> BuildCache? {
        for size in [1 << 16, 1 << 22] {
            guard let prefix = fileSystem.readPrefix(path, size) else { return nil }
            if let header = BuildCache.decode(prefix, includingEntries: false) { return header }
            if prefix.count < size { return nil }
        }
        return loadBytes().flatMap { BuildCache.decode($0, includingEntries: false) }
    }

    /// Writes the cache atomically (a temporary file renamed over the old one), with a README
    /// that says what the folder is.
    func save(_ cache: BuildCache) {
        try? fileSystem.makeDirectory(directory)
        let readme = directory + "/README"
        if fileSystem.kind(readme) == .none {
            try? fileSystem.write(
                Array("sitegen's build cache; safe to delete, never published.\n".utf8), readme)
        }
        let temporary = path + ".tmp"
        do {
            let append = try fileSystem.create(temporary)
            var writer = ByteWriter(flush: { try append($0) })
            cache.encode(into: &writer)
            if let failure = writer.failure { throw failure }
            try append(writer.buffer)
            try append(nil)
            try fileSystem.move(temporary, path)
        } catch {
            try? fileSystem.remove(temporary)
        }
    }
}
