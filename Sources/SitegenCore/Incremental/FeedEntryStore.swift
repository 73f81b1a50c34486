import SitegenBase

/// The feed entries a build keeps for the next one, in `.sitegen/feeds`.
///
/// A feed is a head, the entries of its briefs and a fixed tail (`FeedWriter.assemble`). The
/// store keeps every entry the feeds carry (each brief's Atom `<entry>`, and its JSON Feed item
/// when `feed.json` carries it) and each feed's layout: its head and which entries it carries,
/// in order. A rebuild that changes one brief's body then makes each feed that carries it again
/// from these entries (`BodyPatch+Feeds`), and a full rebuild renders only the entries whose
/// inputs changed: no brief is rendered again for a feed, and no written feed is read back.
///
/// An entry is kept under a key of everything it is made from (`key`): the brief's path and
/// content hash, its tags as the site shows them, and the settings that show in entries
/// (`settings`). An entry whose key matches is right whichever build wrote it. The layouts, in
/// contrast, describe one site, named by `siteKey`: every input but the briefs' bodies, which a
/// body patch compares with the one its cache index describes.
///
/// The file is a log: `"SITEGEN-FEEDS-1\n"`, entries, a table (keys, where each entry lies and
/// its checksum, the layouts), and a footer that locates the table. A save appends the new
/// entries and a new table; when most of the file is entries no table names any more, it is
/// written again whole. Each entry is checked against its checksum when read, so a damaged file
/// costs entries rendered again, never a wrong feed.
struct FeedEntryStore: Sendable {
    /// The cache folder (`.sitegen`).
    let directory: String
    let fileSystem: FileSystem

    var path: String { directory + "/feeds" }

    static let magic = Array("SITEGEN-FEEDS-1\n".utf8)
    static let mark = Array("sgfeeds1".utf8)
    static let footerSize = 32

    /// Where one entry's bytes lie in the file, and their `Fingerprint.ofContents`.
    struct Piece: Sendable, Equatable {
        let offset: Int
        let count: Int
        let checksum: UInt64
    }

    /// One brief's entry: its key, its Atom entry and (for `feed.json`'s briefs) its JSON item.
    struct Slot: Sendable, Equatable {
        let key: UInt64
        let atom: Piece
        let json: Piece?
    }

    /// One feed: the file, its format and head, and the slots of its entries in order.
    struct Layout: Sendable, Equatable {
        let file: String
        let format: FeedWriter.Layout.Format
        let head: [UInt8]
        var members: [Int]
    }

    /// What the file's table says.
    struct Table: Sendable {
        /// `settings` of the build that wrote it.
        var settings: UInt64
        /// `siteKey` of the site the layouts describe.
        var site: UInt64
        var slots: [Slot]
        var feeds: [Layout]
        /// The file's size when it was read: where appended entries start.
        var fileSize = 0

        /// Slot numbers by key.
        func slotNumbers() -> [UInt64: Int] {
            var numbers: [UInt64: Int] = [:]
            numbers.reserveCapacity(slots.count)
            for (number, slot) in slots.enumerated() { numbers[slot.key] = number }
            return numbers
        }

        /// The bytes of entries the table names.
        var liveBytes: Int {
            slots.reduce(0) { $0 + $1.atom.count + ($1.json?.count ?? 0) }
        }
    }

    /// A slot to save: one already in the file, or a new entry.
    enum Pending: Sendable {
        case stored(Slot)
        case fresh(key: UInt64, entry: FeedWriter.Entry)
    }

    /// The settings that show in feed entries: sitegen's version, the `site.yml` settings an
    /// entry shows or its brief was parsed with (the base URL after `--base-url`, the disclaimer
    /// lines, the default language and the time zone) and `tags.yml` (tags' English names). The
    /// title, description, author, pagination, feed length and search do not show in entries:
    /// changing them keeps every entry.
    static func settings(config: SiteConfig, registry: [UInt8]?) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine("feed entries")
        fingerprint.combine(SitegenVersion.current)
        fingerprint.combine(config.baseURL.description)
        fingerprint.combine(config.language)
        fingerprint.combine(config.timeZone.identifier)
        fingerprint.combine(Int64(config.timeZone.secondsFromGMT()))
        fingerprint.combine(Int64(config.disclaimers.count))
        for line in config.disclaimers {
            fingerprint.combine(line.language)
            fingerprint.combine(line.text)
        }
        fingerprint.combine(bytes: registry ?? [])
        fingerprint.combine(Int64(registry?.count ?? -1))
        return fingerprint
    }

    /// What a site's feed layouts are made from: every input but the briefs' bodies (the site
    /// fingerprint, the other inputs' stamps, and each brief's path and front matter). A body
    /// patch changes none of them.
    static func siteKey(
        siteFingerprint: Fingerprint, otherInputs: Fingerprint,
        briefs: [(path: String, frontMatterHash: UInt64)]
    ) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.combine(siteFingerprint)
        fingerprint.combine(otherInputs)
        fingerprint.combine(Int64(briefs.count))
        for brief in briefs {
            fingerprint.combine(brief.path)
            fingerprint.combine(Int64(bitPattern: brief.frontMatterHash))
        }
        return fingerprint.value
    }

    /// The key of a brief's entry: the settings, the brief's file and content, its shown tags.
    static func key(settings: Fingerprint, path: String, contentHash: UInt64, tags: [String])
        -> UInt64
    {
        var fingerprint = settings
        fingerprint.combine(path)
        fingerprint.combine(Int64(bitPattern: contentHash))
        fingerprint.combine(Int64(tags.count))
        for tag in tags { fingerprint.combine(tag) }
        return fingerprint.value
    }

    // MARK: Reading

    /// The table; `nil` when the file is missing, damaged or from another version.
    func load() -> Table? {
        guard let size = fileSystem.stamp(path)?.size, size >= Int64(Self.footerSize + 16),
            let ends = Platform.readRanges(
                path, [(0, Self.magic.count), (Int(size) - Self.footerSize, Self.footerSize)]),
            ends[0] == Self.magic
        else { return nil }
        var footer = ByteReader(ends[1])
        guard let offset = footer.uint(), let count = footer.uint(), let checksum = footer.uint(),
            footer.bytes(8).map(Array.init) == Self.mark,
            offset >= UInt64(Self.magic.count), offset < UInt64(size), count < UInt64(size),
            offset + count + UInt64(Self.footerSize) == UInt64(size),
            let bytes = Platform.readRanges(path, [(Int(offset), Int(count))])?.first,
            Fingerprint.ofContents(bytes) == checksum,
            var table = Self.decode(bytes)
        else { return nil }
        table.fileSize = Int(size)
        return table
    }

    /// The bytes of pieces, each checked against its checksum; `nil` when any cannot be read
    /// or is damaged.
    func read(_ pieces: [Piece]) -> [[UInt8]]? {
        if pieces.isEmpty { return [] }
        guard let bytes = Platform.readRanges(path, pieces.map { ($0.offset, $0.count) }),
            bytes.count == pieces.count
        else { return nil }
        for (piece, bytes) in zip(pieces, bytes)
        where Fingerprint.ofContents(bytes) != piece.checksum {
            return nil
        }
        return bytes
    }

    /// Entries by slot, as a feed of `format` carries them; `nil` when any cannot be read.
    func entries(_ slots: [Slot], format: FeedWriter.Layout.Format) -> [[UInt8]]? {
        var pieces: [Piece] = []
        pieces.reserveCapacity(slots.count)
        for slot in slots {
            switch format {
            case .atom: pieces.append(slot.atom)
            case .json:
                guard let json = slot.json else { return nil }
                pieces.append(json)
            }
        }
        return read(pieces)
    }

    // MARK: The table

    static func encode(_ table: Table) -> [UInt8] {
        var out = ByteWriter()
        out.string(SitegenVersion.current)
        out.uint(table.settings)
        out.uint(table.site)
        func piece(_ piece: Piece) {
            out.varint(piece.offset)
            out.varint(piece.count)
            out.uint(piece.checksum)
        }
        out.varint(table.slots.count)
        for slot in table.slots {
            out.uint(slot.key)
            piece(slot.atom)
            out.bool(slot.json != nil)
            if let json = slot.json { piece(json) }
        }
        out.varint(table.feeds.count)
        for feed in table.feeds {
            out.string(feed.file)
            out.buffer.append(feed.format.rawValue)
            out.varint(feed.head.count)
            out.bytes(feed.head)
            out.varint(feed.members.count)
            for member in feed.members { out.varint(member) }
        }
        return out.buffer
    }

    static func decode(_ bytes: [UInt8]) -> Table? {
        var input = ByteReader(bytes)
        guard input.string() == SitegenVersion.current, let settings = input.uint(),
            let site = input.uint(), let slotCount = input.varint()
        else { return nil }
        func piece() -> Piece? {
            guard let offset = input.varint(), let count = input.varint(),
                let checksum = input.uint()
            else { return nil }
            return Piece(offset: offset, count: count, checksum: checksum)
        }
        var table = Table(settings: settings, site: site, slots: [], feeds: [])
        table.slots.reserveCapacity(min(slotCount, 1 << 20))
        for _ in 0..<slotCount {
            guard let key = input.uint(), let atom = piece(), let hasJSON = input.bool() else {
                return nil
            }
            var json: Piece?
            if hasJSON {
                guard let decoded = piece() else { return nil }
                json = decoded
            }
            table.slots.append(Slot(key: key, atom: atom, json: json))
        }
        guard let feedCount = input.varint() else { return nil }
        for _ in 0..<feedCount {
            guard let file = input.string(), let raw = input.bytes(1)?.first,
                let format = FeedWriter.Layout.Format(rawValue: raw),
                let headCount = input.varint(), let head = input.bytes(headCount),
                let memberCount = input.varint(), memberCount <= slotCount
            else { return nil }
            var members: [Int] = []
            members.reserveCapacity(memberCount)
            for _ in 0..<memberCount {
                guard let member = input.varint(), member < slotCount else { return nil }
                members.append(member)
            }
            table.feeds.append(
                Layout(file: file, format: format, head: Array(head), members: members))
        }
        return input.isAtEnd ? table : nil
    }
}
