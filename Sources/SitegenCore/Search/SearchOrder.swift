import SitegenBase

/// The search index's document keys in number order, kept beside the build cache
/// (`search-order`): how a body patch finds an edited brief's number without the other briefs.
///
/// Written by every full build with search on. It is only a hint: the patch checks the number
/// against the index's own result file (the entry there must be the brief's) and builds
/// everything when the file is missing, damaged or stale.
enum SearchOrder {
    static let magic = Array("SITEGEN-SEARCH-ORDER-1\n".utf8)

    static func path(_ store: CacheStore) -> String { store.directory + "/search-order" }

    /// Writes the keys (a temporary file renamed over the old one); quietly does nothing when
    /// it cannot.
    static func save(_ keys: [String], store: CacheStore) {
        var out = ByteWriter()
        out.bytes(magic)
        out.string(SitegenVersion.current)
        out.strings(keys)
        let target = path(store)
        do {
            try store.fileSystem.makeDirectory(store.directory)
            try store.fileSystem.write(out.buffer, target + ".tmp")
            try store.fileSystem.move(target + ".tmp", target)
        } catch {
            try? store.fileSystem.remove(target + ".tmp")
        }
    }

    /// Every key's number; `nil` when the file is missing or unreadable.
    static func load(store: CacheStore) -> [String: Int]? {
        guard let bytes = (try? store.fileSystem.read(path(store))) ?? nil else { return nil }
        var input = ByteReader(bytes)
        guard input.bytes(magic.count).map(Array.init) == magic,
            input.string() == SitegenVersion.current,
            let keys = input.strings(), input.isAtEnd
        else { return nil }
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(keys.count)
        for (number, key) in keys.enumerated() { numbers[key] = number }
        return numbers
    }
}
