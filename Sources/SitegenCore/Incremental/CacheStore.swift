import SitegenBase

/// Reads and writes the cache's two files, quietly: a cache that cannot be read or written only
/// makes the next build slower. `cache` holds the header, the brief records and the manifests (read
/// by every rebuild, rewritten by a body patch); `briefs` holds every brief's front matter (read and
/// written only by a full rebuild).
struct CacheStore: Sendable {
    let directory: String
    let fileSystem: FileSystem

    var path: String { directory + "/cache" }
    var briefsPath: String { directory + "/briefs" }

    /// The cache's header alone, read from the start of the file: enough for the no-change
    /// check, without reading the rest.
    func loadHeader() -> BuildCache? {
        for size in [1 << 16, 1 << 22] {
            guard let prefix = fileSystem.readPrefix(path, size) else { return nil }
            if let header = BuildCache.decodeIndex(prefix, depth: .header) { return header }
            if prefix.count < size { return nil }
        }
        return ((try? fileSystem.read(path)) ?? nil).flatMap {
            BuildCache.decodeIndex($0, depth: .header)
        }
    }

    /// The header, the brief records and the manifests.
    func loadIndex() -> BuildCache? {
        ((try? fileSystem.read(path)) ?? nil).flatMap { BuildCache.decodeIndex($0, depth: .index) }
    }

    /// The briefs' front matter; empty when their file is missing, damaged or made for another
    /// site fingerprint.
    func loadEntries(for siteFingerprint: Fingerprint) -> [String: BuildCache.Entry] {
        ((try? fileSystem.read(briefsPath)) ?? nil).flatMap {
            BuildCache.decodeEntries($0, siteFingerprint: siteFingerprint)
        } ?? [:]
    }

    /// Writes both files, the briefs first, each atomically (a temporary file renamed over the
    /// old one).
    func save(_ cache: BuildCache) {
        saveEntries(cache.entries, siteFingerprint: cache.siteFingerprint)
        saveIndex(cache)
    }

    /// Writes the `briefs` file, with a README that says what the folder is. (Briefs from an
    /// older build are still checked one by one against their files' stamps, so this file may be
    /// newer or older than the index.)
    func saveEntries(_ entries: [String: BuildCache.Entry], siteFingerprint: Fingerprint) {
        try? fileSystem.makeDirectory(directory)
        let readme = directory + "/README"
        if fileSystem.kind(readme) == .none {
            try? fileSystem.write(
                Array("sitegen's build cache; safe to delete, never published.\n".utf8), readme)
        }
        let cache = BuildCache(
            siteFingerprint: siteFingerprint, output: "", entries: entries, manifest: [:],
            keptManifest: nil, inputs: Fingerprint(), nextRelease: nil, builtAt: 0,
            summary: BuildCache.Summary(), warnings: [])
        _ = write(briefsPath) { cache.encodeEntries(into: &$0) }
    }

    /// Removes the index before the output changes: if the build stops before `save`, the next one
    /// must not trust a manifest of the site it replaced.
    func invalidate() {
        if fileSystem.kind(path) != .none { try? fileSystem.remove(path) }
    }

    /// Rewrites the `cache` file alone (the briefs' front matter is unchanged).
    func saveIndex(_ cache: BuildCache) {
        try? fileSystem.makeDirectory(directory)
        if !write(path, { cache.encodeIndex(into: &$0) }) { try? fileSystem.remove(path) }
    }

    /// The same, already encoded (`BuildCache.encodedIndex`).
    func saveIndex(encoded: [UInt8]) {
        try? fileSystem.makeDirectory(directory)
        if !write(path, { $0.bytes(encoded) }) { try? fileSystem.remove(path) }
    }

    private func write(_ target: String, _ encode: (inout ByteWriter) -> Void) -> Bool {
        let temporary = target + ".tmp"
        do {
            let append = try fileSystem.create(temporary)
            var writer = ByteWriter(flush: { try append($0) })
            encode(&writer)
            if let failure = writer.failure { throw failure }
            try append(writer.buffer)
            try append(nil)
            try fileSystem.move(temporary, target)
            return true
        } catch {
            try? fileSystem.remove(temporary)
            return false
        }
    }
}
