import SitegenBase

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
    public typealias Stamp = FileStamp

    /// One brief as last parsed: its stamp, content hash, front matter and warnings (no body:
    /// see `SectionList`).
    public struct Entry: Sendable {
        public let stamp: Stamp
        /// `Fingerprint.ofContents` of the file, checked when the stamp is too recent to trust.
        public let contentHash: UInt64
        public let brief: ParsedBrief
        public let warnings: [SitegenError]
    }

    /// A brief as the quick path for body edits needs it (see `BodyPatch`): read from the cache's
    /// index without the briefs' front matter.
    public struct BriefRecord: Sendable, Equatable {
        public let path: String
        public var stamp: Stamp
        public var contentHash: UInt64
        /// `ParsedBrief.frontMatterHash`: equal means only the body may have changed.
        public let frontMatterHash: UInt64
        /// `shownTags` and `carriers` as the cache stores them: decoded only for the few briefs
        /// a rebuild patches.
        let details: ArraySlice<UInt8>

        public init(
            path: String, stamp: Stamp, contentHash: UInt64, frontMatterHash: UInt64,
            shownTags: [String], carriers: [Int], link: [String] = [], neighbours: [Int] = []
        ) {
            var out = ByteWriter()
            out.strings(shownTags)
            out.varint(carriers.count)
            for carrier in carriers { out.varint(carrier) }
            out.strings(link)
            out.varint(neighbours.count)
            for number in neighbours { out.varint(number) }
            self.init(
                path: path, stamp: stamp, contentHash: contentHash,
                frontMatterHash: frontMatterHash, details: out.buffer[...])
        }

        init(
            path: String, stamp: Stamp, contentHash: UInt64, frontMatterHash: UInt64,
            details: ArraySlice<UInt8>
        ) {
            self.path = path
            self.stamp = stamp
            self.contentHash = contentHash
            self.frontMatterHash = frontMatterHash
            self.details = details
        }

        /// Its tags as the site shows them (each tag's most used spelling).
        public var shownTags: [String] { decodedDetails.shownTags }
        /// The output files that carry its body (its page and the feeds it is in), as rows of
        /// the cache's `files`.
        public var carriers: [Int] { decodedDetails.carriers }

        /// Its own link as other briefs' pages show it (`BriefNeighbourhood.Link.encoded`).
        public var link: [String] { decodedDetails.link }
        /// The records its page links (`BriefNeighbourhood.encoded`, numbered as the records).
        public var neighbours: [Int] { decodedDetails.neighbours }

        private var decodedDetails:
            (shownTags: [String], carriers: [Int], link: [String], neighbours: [Int])
        {
            var input = ByteReader(Array(details))
            let tags = input.strings() ?? []
            var carriers: [Int] = []
            if let count = input.varint() {
                for _ in 0..<count {
                    guard let row = input.varint() else { break }
                    carriers.append(row)
                }
            }
            let link = input.strings() ?? []
            var neighbours: [Int] = []
            if let count = input.varint() {
                for _ in 0..<count {
                    guard let number = input.varint() else { break }
                    neighbours.append(number)
                }
            }
            return (tags, carriers, link, neighbours)
        }
    }

    /// The fingerprint of everything every page depends on.
    public var siteFingerprint: Fingerprint
    /// The output folder the manifest describes.
    public var output: String
    /// Briefs by path (kept in a second file, `briefs`, read only by a full rebuild).
    public var entries: [String: Entry]
    /// One output file: its fingerprint in the live site and in the kept one (see
    /// `OutputWriter.update`), `nil` where that site does not have it.
    public struct FileRow: Sendable, Equatable {
        public let path: String
        public var live: Fingerprint?
        public var kept: Fingerprint?
    }
    /// Every output file of both sites, sorted by path.
    public var files: [FileRow]
    /// Whether the kept site's fingerprints are known.
    public var hasKept: Bool
    /// Output files by path, with the fingerprint of their inputs.
    public var manifest: [String: Fingerprint] {
        var table: [String: Fingerprint] = [:]
        table.reserveCapacity(files.count)
        for row in files { if let live = row.live { table[row.path] = live } }
        return table
    }
    /// The same for the site kept from the build before, when known.
    public var keptManifest: [String: Fingerprint]? {
        guard hasKept else { return nil }
        var table: [String: Fingerprint] = [:]
        table.reserveCapacity(files.count)
        for row in files { if let kept = row.kept { table[row.path] = kept } }
        return table
    }
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
    /// The same as `inputs` for every input but the briefs.
    public var otherInputs = Fingerprint()
    /// Every brief of the last build (drafts aside), sorted by path.
    public var records: [BriefRecord] = []

    /// Creates a cache; the two manifests become one sorted table.
    public init(
        siteFingerprint: Fingerprint, output: String, entries: [String: Entry],
        manifest: [String: Fingerprint], keptManifest: [String: Fingerprint]?,
        inputs: Fingerprint, nextRelease: Int64?, builtAt: Int64, summary: Summary,
        warnings: [SitegenError], otherInputs: Fingerprint = Fingerprint(),
        records: [BriefRecord] = []
    ) {
        self.siteFingerprint = siteFingerprint
        self.output = output
        self.entries = entries
        let kept = keptManifest ?? [:]
        files = Set(manifest.keys).union(kept.keys).sorted().map {
            FileRow(path: $0, live: manifest[$0], kept: kept[$0])
        }
        hasKept = keptManifest != nil
        self.inputs = inputs
        self.nextRelease = nextRelease
        self.builtAt = builtAt
        self.summary = summary
        self.warnings = warnings
        self.otherInputs = otherInputs
        self.records = records
    }

    /// The counts of a build's summary line.
    public struct Summary: Sendable, Equatable {
        public var briefs = 0
        public var tags = 0
        public var pages = 0
        public var files = 0
        public var heldBack = 0
        public var drafts = 0
    }

    static let magic = Array("SITEGEN-CACHE-8\n".utf8)
    static let briefsMagic = Array("SITEGEN-BRIEFS-3\n".utf8)

    /// How much of the index file to decode.
    enum Depth {
        /// The header: enough for the no-change check.
        case header
        /// The header, the brief records and the manifests: enough to patch bodies.
        case index
    }

    /// Encodes the cache: the index, then the briefs (as the two files hold them).
    public func encoded() -> [UInt8] {
        var out = ByteWriter()
        encodeIndex(into: &out)
        encodeEntries(into: &out)
        return out.buffer
    }

    /// The cache with brief records made for its table of files (records name their carriers
    /// by row).
    func with(records make: (_ rows: [String: Int]) -> [BriefRecord]) -> BuildCache {
        var rows: [String: Int] = [:]
        rows.reserveCapacity(files.count)
        for (row, file) in files.enumerated() { rows[file.path] = row }
        var cache = self
        cache.records = make(rows)
        return cache
    }

    /// The `cache` file's bytes.
    func encodedIndex() -> [UInt8] {
        var out = ByteWriter()
        encodeIndex(into: &out)
        return out.buffer
    }

    /// Encodes the header, the brief records and the manifests (the `cache` file).
    func encodeIndex(into out: inout ByteWriter) {
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
        out.uint(otherInputs.value)
        out.int(Int64(records.count))
        var previous: [UInt8] = []
        for record in records {
            out.prefixCoded(record.path, after: &previous)
            out.stamp(record.stamp)
            out.uint(record.contentHash)
            out.uint(record.frontMatterHash)
            out.varint(record.details.count)
            out.buffer.append(contentsOf: record.details)
            out.flushIfFull()
        }
        out.bool(hasKept)
        out.int(Int64(files.count))
        previous = []
        for row in files {
            out.prefixCoded(row.path, after: &previous)
            out.buffer.append((row.live == nil ? 0 : 1) | (row.kept == nil ? 0 : 2))
            if let live = row.live { out.uint(live.value) }
            if let kept = row.kept { out.uint(kept.value) }
            out.flushIfFull()
        }
    }

    /// Encodes every brief's front matter (the `briefs` file), tied to the fingerprint in
    /// `siteFingerprint` (the content fingerprint: what parsing depends on).
    func encodeEntries(into out: inout ByteWriter) {
        out.bytes(Self.entriesHeader(siteFingerprint))
        out.int(Int64(entries.count))
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            out.string(path)
            out.entry(entry)
            out.flushIfFull()
        }
    }

    /// The first bytes of a `briefs` file made for `fingerprint`.
    static func entriesHeader(_ fingerprint: Fingerprint) -> [UInt8] {
        var out = ByteWriter()
        out.bytes(briefsMagic)
        out.string(SitegenVersion.current)
        out.uint(fingerprint.value)
        return out.buffer
    }

    /// Whether a stamp is old enough, against the cache's build time, to be trusted alone.
    public func isSettled(_ stamp: Stamp) -> Bool {
        stamp.modified < builtAt - 2_000_000_000
    }

    /// Decodes what `encoded()` wrote; `nil` when it is from another version or damaged.
    public static func decode(_ bytes: [UInt8]) -> BuildCache? {
        var input = ByteReader(bytes)
        guard var cache = decodeIndex(&input, depth: .index),
            let entries = decodeEntries(&input, siteFingerprint: cache.siteFingerprint),
            input.isAtEnd
        else { return nil }
        cache.entries = entries
        return cache
    }

    /// Decodes the `cache` file down to `depth`; `nil` when it is from another version or damaged.
    static func decodeIndex(_ bytes: [UInt8], depth: Depth) -> BuildCache? {
        var input = ByteReader(bytes)
        guard let cache = decodeIndex(&input, depth: depth),
            depth == .header || input.isAtEnd
        else { return nil }
        return cache
    }

    private static func decodeIndex(_ input: inout ByteReader, depth: Depth) -> BuildCache? {
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
        guard let inputs = input.uint(), let otherInputs = input.uint() else { return nil }
        var cache = BuildCache(
            siteFingerprint: Fingerprint.restored(site), output: output, entries: [:],
            manifest: [:], keptManifest: nil,
            inputs: Fingerprint.restored(inputs), nextRelease: release == Int64.min ? nil : release,
            builtAt: builtAt, summary: summary, warnings: warnings,
            otherInputs: Fingerprint.restored(otherInputs))
        guard depth == .index else { return cache }
        guard let recordCount = input.int(), recordCount >= 0 else { return nil }
        cache.records.reserveCapacity(Int(min(recordCount, 1 << 20)))
        var previous: [UInt8] = []
        for _ in 0..<recordCount {
            guard let path = input.prefixCoded(after: &previous), let stamp = input.stamp(),
                let contentHash = input.uint(), let frontMatterHash = input.uint(),
                let detailsCount = input.varint(), let details = input.bytes(detailsCount)
            else { return nil }
            cache.records.append(
                BriefRecord(
                    path: path, stamp: stamp, contentHash: contentHash,
                    frontMatterHash: frontMatterHash, details: details))
        }
        guard let hasKept = input.bool(), let fileCount = input.int(), fileCount >= 0 else {
            return nil
        }
        cache.hasKept = hasKept
        cache.files.reserveCapacity(Int(min(fileCount, 1 << 22)))
        previous = []
        for _ in 0..<fileCount {
            guard let path = input.prefixCoded(after: &previous),
                let flags = input.bytes(1)?.first
            else { return nil }
            var row = FileRow(path: path, live: nil, kept: nil)
            if flags & 1 != 0 {
                guard let live = input.uint() else { return nil }
                row.live = Fingerprint.restored(live)
            }
            if flags & 2 != 0 {
                guard let kept = input.uint() else { return nil }
                row.kept = Fingerprint.restored(kept)
            }
            cache.files.append(row)
        }
        return cache
    }

    /// Decodes the `briefs` file; `nil` when it is damaged or was made for another site fingerprint.
    static func decodeEntries(_ bytes: [UInt8], siteFingerprint: Fingerprint) -> [String: Entry]? {
        var input = ByteReader(bytes)
        guard let entries = decodeEntries(&input, siteFingerprint: siteFingerprint),
            input.isAtEnd
        else { return nil }
        return entries
    }

    private static func decodeEntries(_ input: inout ByteReader, siteFingerprint: Fingerprint)
        -> [String: Entry]?
    {
        guard input.bytes(briefsMagic.count).map(Array.init) == briefsMagic,
            input.string() == SitegenVersion.current,
            input.uint() == siteFingerprint.value,
            let entryCount = input.int(), entryCount >= 0
        else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(Int(min(entryCount, 1 << 22)))
        for _ in 0..<entryCount {
            guard let path = input.string(), let entry = input.entry(path: path) else {
                return nil
            }
            entries[path] = entry
        }
        return entries
    }
}
