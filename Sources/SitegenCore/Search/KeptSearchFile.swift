import SitegenBase
import SitegenSearch

/// A search index file between the plan and its page being written: its bytes wait in the
/// build's `BodySpool` (or in memory when there is none), with the hash of its contents for the
/// plan's fingerprint.
///
/// A 100,000-brief site's index is about 400 MB of files; kept on disk, what the build holds
/// for them is a span each, and a rebuild that hard-links an unchanged file never reads it back.
struct KeptSearchFile: Sendable {
    enum Storage: Sendable {
        case inMemory([UInt8])
        case spooled(BodySpool.Span)
    }

    /// `Fingerprint.ofContents` of the bytes.
    let contents: UInt64
    let storage: Storage

    /// Keeps a file: in the spool when there is one and it takes the bytes, else in memory.
    init(_ file: SearchIndexFile, spool: BodySpool?) {
        contents = Fingerprint.ofContents(file.bytes)
        if let spool, let span = spool.append(file.bytes) {
            storage = .spooled(span)
        } else {
            storage = .inMemory(file.bytes)
        }
    }

    /// The bytes as made; `nil` when spooled ones cannot be read back.
    func bytes(from spool: BodySpool?) -> [UInt8]? {
        switch storage {
        case .inMemory(let bytes): return bytes
        case .spooled(let span): return spool?.read(span)
        }
    }
}
