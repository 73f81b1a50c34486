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

    /// The cache's header (read with the whole file, whose checksum it must pass).
    func loadHeader() -> BuildCache? {
        verified(path).flatMap { BuildCache.decodeIndex($0, depth: .header) }
    }

    /// The header, the brief records and the manifests.
    func loadIndex() -> BuildCache? {
        verified(path).flatMap { BuildCache.decodeIndex($0, depth: .index) }
    }

    /// The briefs' front matter; empty when their file is missing, damaged or made for another
    /// parse fingerprint (`SiteBuilder.parseFingerprint`; then only its first bytes are read).
    func loadEntries(for parseFingerprint: Fingerprint) -> [String: BuildCache.Entry] {
        let header = BuildCache.entriesHeader(parseFingerprint)
        if let prefix = fileSystem.readPrefix(briefsPath, header.count), prefix != header {
            return [:]
        }
        return verified(briefsPath).flatMap {
            BuildCache.decodeEntries($0, siteFingerprint: parseFingerprint)
        } ?? [:]
    }

    // MARK: Checksums

    /// The last 16 bytes of each cache file: the checksum, then this mark.
    static let mark = Array("sgcksum1".utf8)

    /// The checksum's starting point: the site folder the cache belongs to (resolved), so a
    /// cache copied or restored into another folder is not trusted.
    private var seed: Fingerprint {
        var seed = Fingerprint()
        seed.combine(Platform.resolved(directory) ?? directory)
        return seed
    }

    /// A cache file's payload when its checksum holds; otherwise `nil`, and a damaged file
    /// discards the whole cache with one line on stderr.
    private func verified(_ file: String) -> [UInt8]? {
        guard let bytes = (try? fileSystem.read(file)) ?? nil else { return nil }
        let payload = bytes.count >= 16 ? Array(bytes[..<(bytes.count - 16)]) : []
        var checksum = seed
        checksum.combine(bytes: payload)
        if bytes.count >= 16, Array(bytes[(bytes.count - 8)...]) == Self.mark,
            Self.number(bytes[(bytes.count - 16)..<(bytes.count - 8)]) == checksum.value
        {
            return payload
        }
        discard()
        Platform.writeToStandardError(
            "sitegen: the build cache '\(file)' is damaged or belongs to another folder; building without it\n"
        )
        return nil
    }

    /// Removes both cache files.
    private func discard() {
        for file in [path, briefsPath] where fileSystem.kind(file) != .none {
            try? fileSystem.remove(file)
        }
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Writes both files, the briefs first, each atomically (a temporary file renamed over the
    /// old one).
    func save(_ cache: BuildCache) {
        saveEntries(cache.entries, parseFingerprint: cache.siteFingerprint)
        saveIndex(cache)
    }

    /// Writes the `briefs` file, with a README that says what the folder is. (Briefs from an
    /// older build are still checked one by one against their files' stamps, so this file may be
    /// newer or older than the index.)
    func saveEntries(_ entries: [String: BuildCache.Entry], parseFingerprint: Fingerprint) {
        try? fileSystem.makeDirectory(directory)
        let readme = directory + "/README"
        if fileSystem.kind(readme) == .none {
            try? fileSystem.write(
                Array("sitegen's build cache; safe to delete, never published.\n".utf8), readme)
        }
        let cache = BuildCache(
            siteFingerprint: parseFingerprint, output: "", entries: entries, manifest: [:],
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

    /// Where `prepareIndex` writes the index ahead of the output.
    var preparedPath: String { directory + "/cache.next" }

    /// Writes the `cache` file for `cache` beside it (streamed, never held whole) while the
    /// pages render; `savePreparedIndex` puts it in place once the output is written. `false`
    /// when it could not be written.
    func prepareIndex(_ cache: BuildCache) -> Bool {
        try? fileSystem.makeDirectory(directory)
        return write(preparedPath, temporary: preparedPath + ".tmp") {
            cache.encodeIndex(into: &$0)
        }
    }

    /// Puts the index `prepareIndex` wrote in place of the `cache` file.
    func savePreparedIndex() {
        do {
            try fileSystem.move(preparedPath, path)
        } catch {
            discardPreparedIndex()
            try? fileSystem.remove(path)
        }
    }

    /// Removes an index `prepareIndex` wrote that is not to be used.
    func discardPreparedIndex() {
        if fileSystem.kind(preparedPath) != .none { try? fileSystem.remove(preparedPath) }
    }

    private func write(
        _ target: String, temporary: String? = nil, _ encode: (inout ByteWriter) -> Void
    ) -> Bool {
        let temporary = temporary ?? target + ".tmp"
        do {
            let append = try fileSystem.create(temporary)
            var checksum = seed
            var writer = ByteWriter(flush: {
                checksum.combine(bytes: $0)
                try append($0)
            })
            encode(&writer)
            if let failure = writer.failure { throw failure }
            checksum.combine(bytes: writer.buffer)
            try append(writer.buffer)
            let value = checksum.value
            try append((0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } + Self.mark)
            try append(nil)
            try fileSystem.move(temporary, target)
            return true
        } catch {
            try? fileSystem.remove(temporary)
            return false
        }
    }
}
