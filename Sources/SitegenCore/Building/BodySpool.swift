import SitegenBase
import Synchronization

/// Rendered bodies and feed entries kept on disk while a build runs, so that what a build holds in memory is
/// bounded by the brief index and the pages in flight, not by every body of the site (#14: a
/// 100,000-brief site renders about 400 MB of body HTML).
///
/// The spool is one unlinked scratch file (`Platform.scratchFile`): it disappears when the build
/// ends, however it ends. Bodies are appended from several threads (each reserves its range, then
/// writes it with `pwrite`) and read back with `pread` when a page, a feed entry or the search
/// index shows them; the operating system's page cache, not the process, holds them.
final class BodySpool: Sendable {
    private let descriptor: Int32
    private let end = Atomic<Int>(0)

    /// A new spool; `nil` when no scratch file can be made (the build then keeps bodies in
    /// memory).
    init?() {
        guard let descriptor = Platform.scratchFile() else { return nil }
        self.descriptor = descriptor
    }

    deinit { Platform.close(descriptor) }

    /// Where some bytes lie in the spool.
    struct Span: Sendable, Equatable {
        let offset: Int
        let count: Int
    }

    /// Writes bytes; `nil` when the scratch file could not take them (the caller keeps them).
    func append(_ bytes: [UInt8]) -> Span? {
        let offset = end.add(bytes.count, ordering: .relaxed).oldValue
        let written = bytes.withUnsafeBytes { Platform.write($0, to: descriptor, at: offset) }
        return written ? Span(offset: offset, count: bytes.count) : nil
    }

    /// Bytes as they were written; `nil` when they cannot be read back.
    func read(_ span: Span) -> [UInt8]? {
        Platform.read(span.count, from: descriptor, at: span.offset)
    }

    /// Writes a body's sections; `nil` when the scratch file could not take them (the caller
    /// keeps them in memory).
    ///
    /// The sections' languages and sizes are written first, as a line each after a line with
    /// their count (`2\nja 5120\nen 4096\n`), so a spooled body is only where it lies: a
    /// list of its parts for each of 100,000 briefs would be 8 MB held to the last page.
    func append(_ sections: [Section]) -> SpooledBody? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sections.reduce(8) { $0 + $1.html.utf8.count + 24 })
        bytes += String(sections.count).utf8
        bytes.append(UInt8(ascii: "\n"))
        for section in sections {
            bytes += section.language.utf8
            bytes.append(UInt8(ascii: " "))
            bytes += String(section.html.utf8.count).utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        for section in sections { bytes += section.html.utf8 }
        return append(bytes).map { SpooledBody(offset: $0.offset, count: $0.count) }
    }

    /// A body's sections as they were written; `nil` when they cannot be read back.
    func sections(_ body: SpooledBody) -> [Section]? {
        sectionBytes(body)?.map { part in
            Section(language: part.language, html: String(decoding: part.html, as: UTF8.self))
        }
    }

    /// A body's sections as the UTF-8 bytes written, for a page that appends them as they are;
    /// `nil` when they cannot be read back.
    func sectionBytes(_ body: SpooledBody) -> [(language: String, html: [UInt8])]? {
        guard let bytes = read(Span(offset: body.offset, count: body.count)) else { return nil }
        var position = 0
        func field(until end: UInt8) -> ArraySlice<UInt8>? {
            guard let stop = bytes[position...].firstIndex(of: end) else { return nil }
            defer { position = stop + 1 }
            return bytes[position..<stop]
        }
        func number(until end: UInt8) -> Int? {
            field(until: end).flatMap { Int(String(decoding: $0, as: UTF8.self)) }
        }
        guard let count = number(until: UInt8(ascii: "\n")) else { return nil }
        var parts: [(language: String, count: Int)] = []
        for _ in 0..<count {
            guard let language = field(until: UInt8(ascii: " ")),
                let size = number(until: UInt8(ascii: "\n"))
            else { return nil }
            parts.append((String(decoding: language, as: UTF8.self), size))
        }
        var start = position
        var sections: [(language: String, html: [UInt8])] = []
        sections.reserveCapacity(parts.count)
        for part in parts {
            guard start + part.count <= bytes.count else { return nil }
            sections.append((part.language, Array(bytes[start..<start + part.count])))
            start += part.count
        }
        return sections
    }

    /// Writes a feed entry; `nil` when the scratch file could not take it.
    func append(_ entry: FeedWriter.Entry) -> KeptEntry? {
        guard let atom = append(entry.atom) else { return nil }
        if entry.json.isEmpty { return .spooled(atom: atom, json: nil) }
        return append(entry.json).map { .spooled(atom: atom, json: $0) }
    }
}

/// A brief's feed entry while the pages render: in memory, in the build's `BodySpool`, or in
/// the build cache's `FeedEntryStore`.
enum KeptEntry: Sendable {
    case inMemory(FeedWriter.Entry)
    case spooled(atom: BodySpool.Span, json: BodySpool.Span?)
    case stored(FeedEntryReader, slot: Int)

    /// The entry; `nil` when a spooled or stored one cannot be read back (the renderer makes it
    /// again).
    func entry(from spool: BodySpool?) -> FeedWriter.Entry? {
        switch self {
        case .inMemory(let entry): return entry
        case .stored(let reader, let slot): return reader.entry(slot)
        case .spooled(let atom, let json):
            guard let spool, let atomBytes = spool.read(atom) else { return nil }
            guard let json else { return FeedWriter.Entry(atom: atomBytes, json: []) }
            return spool.read(json).map { FeedWriter.Entry(atom: atomBytes, json: $0) }
        }
    }
}

/// Where a body's sections lie in the build's `BodySpool` (their languages and sizes first).
struct SpooledBody: Sendable, Equatable {
    let offset: Int
    let count: Int
}
