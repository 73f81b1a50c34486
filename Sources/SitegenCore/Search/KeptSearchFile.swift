import SitegenBase
import SitegenSearch
import Synchronization

/// A search index file between the plan and its page being written: its bytes wait in memory
/// while the build's `SearchFileBudget` lasts, then in the build's `BodySpool` (or in memory
/// when there is none), with the hash of its contents for the plan's fingerprint.
///
/// A 100,000-brief site's index is about 400 MB of files; kept on disk, what the build holds
/// for them is a span each, and a rebuild that hard-links an unchanged file never reads it back.
/// A 10,000-brief site's (about 40 MB) fits the budget: it is never written to the spool and
/// read back. A large site (`BuildOptions.largeSiteBriefs`) has no budget.
struct KeptSearchFile: Sendable {
    enum Storage: Sendable {
        case inMemory([UInt8])
        case spooled(BodySpool.Span)
    }

    /// `Fingerprint.ofContents` of the bytes.
    let contents: UInt64
    let storage: Storage

    /// Keeps a file: in memory when `budget` still has room for it, else in the spool when
    /// there is one and it takes the bytes, else in memory.
    init(_ file: SearchIndexFile, spool: BodySpool?, budget: SearchFileBudget? = nil) {
        contents = Fingerprint.ofContents(file.bytes)
        if let spool, budget?.take(file.bytes.count) != true,
            let span = spool.append(file.bytes)
        {
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

/// How many bytes of index files a build keeps in memory rather than in its spool: writing a
/// file to the spool and reading it back costs more than holding it, and holding a small site's
/// index costs little. A large site's index goes to disk: its peak memory is what #14 bounds
/// (a 48 MB budget measured +39 MB of peak at 100,000 briefs).
final class SearchFileBudget: Sendable {
    /// The default: a 10,000-brief site's whole index.
    static let defaultBytes = 48 << 20
    /// The budget for a site of `documents` documents: `defaultBytes` for a small one, none
    /// for one of more than `largeAbove` (`BuildOptions.largeSiteBriefs`).
    static func forSite(documents: Int, largeAbove: Int) -> SearchFileBudget {
        SearchFileBudget(bytes: documents <= largeAbove ? defaultBytes : 0)
    }

    private let left: Atomic<Int>

    init(bytes: Int = SearchFileBudget.defaultBytes) {
        left = Atomic(bytes)
    }

    /// Takes `count` bytes of the budget; `false` (taking nothing) when fewer are left.
    func take(_ count: Int) -> Bool {
        if left.subtract(count, ordering: .relaxed).newValue >= 0 { return true }
        left.add(count, ordering: .relaxed)
        return false
    }
}
