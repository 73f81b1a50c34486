import SitegenBase

/// Writing the store: all at once (`save`), or batch by batch as a build makes its entries
/// (`beginSave`, then `Saving.add` for each batch and `Saving.finish`), so that no more than a
/// batch of new entries is held in memory.
extension FeedEntryStore {
    /// Saves `slots` (pending ones written now) and `feeds`, whose members number `slots`.
    /// Appends to the file `previous` was read from while most of it stays in use; otherwise
    /// writes it again whole. Returns the table as saved, or `nil` (and no file) on failure.
    func save(
        _ slots: [Pending], feeds: [Layout], settings: Fingerprint, site: UInt64,
        previous: Table?
    ) -> Table? {
        let freshBytes = slots.reduce(0) { total, slot in
            if case .fresh(_, let entry) = slot {
                return total + entry.atom.count + entry.json.count
            }
            return total
        }
        guard let saving = beginSave(previous: previous, freshBytes: freshBytes) else {
            return nil
        }
        saving.add(slots[...])
        return saving.finish(feeds: feeds, settings: settings, site: site)
    }

    /// Starts a save that will write about `freshBytes` of new entries: appending to the file
    /// `previous` was read from while most of it stays in use, otherwise writing a new file
    /// (renamed over the old one when finished). `nil` (and no file) when it cannot start.
    func beginSave(previous: Table?, freshBytes: Int) -> Saving? {
        if let previous, previous.fileSize > 0,
            fileSystem.stamp(path)?.size == Int64(previous.fileSize),
            previous.fileSize + freshBytes < 2 * (previous.liveBytes + freshBytes) + (8 << 20)
        {
            if let descriptor = Platform.openForAppend(path) {
                let path = self.path
                return Saving(
                    store: self, temporary: nil, start: previous.fileSize,
                    write: { bytes in
                        guard let bytes else {
                            Platform.close(descriptor)
                            return
                        }
                        try Platform.write(bytes, to: descriptor, path: path)
                    })
            }
        } else {
            let temporary = path + ".tmp"
            do {
                try fileSystem.makeDirectory(directory)
                let write = try fileSystem.create(temporary)
                try write(Self.magic)
                return Saving(
                    store: self, temporary: temporary, start: Self.magic.count, write: write)
            } catch {
                try? fileSystem.remove(temporary)
            }
        }
        try? fileSystem.remove(path)
        return nil
    }

    /// A save in progress: the entries go out as they are added (the output is handed on every
    /// few megabytes), then `finish` writes the table and the footer.
    final class Saving {
        private let store: FeedEntryStore
        /// The new file of a rewrite (stored entries are copied into it); `nil` when appending.
        private let temporary: String?
        private let write: ([UInt8]?) throws -> Void
        private var out: ByteWriter
        private var offset: Int
        private var slots: [Slot] = []
        private var isFailed = false
        private var isClosed = false
        /// Where the appended entries start; `nil` when the file is written again whole.
        let appendsAt: Int?

        fileprivate init(
            store: FeedEntryStore, temporary: String?, start: Int,
            write: @escaping ([UInt8]?) throws -> Void
        ) {
            self.store = store
            self.temporary = temporary
            self.write = write
            self.offset = start
            self.appendsAt = temporary == nil ? start : nil
            self.out = ByteWriter(flush: { try write($0) })
        }

        deinit { if !isClosed { try? write(nil) } }

        /// Writes the next slots (a stored one is copied when the file is written again).
        func add(_ pending: ArraySlice<Pending>) {
            var start = pending.startIndex
            // In chunks: the stored entries of a chunk are read in one go.
            while start < pending.endIndex, !isFailed {
                let chunk = pending[start..<min(start + 512, pending.endIndex)]
                start = chunk.endIndex
                do {
                    if try !addChunk(chunk) { isFailed = true }
                } catch {
                    isFailed = true
                }
            }
        }

        /// Writes the table and the footer; returns the table as saved, or `nil` (and no file)
        /// when anything could not be written.
        func finish(feeds: [Layout], settings: Fingerprint, site: UInt64) -> Table? {
            var table = Table(settings: settings.value, site: site, slots: slots, feeds: feeds)
            slots = []
            do {
                guard !isFailed else { throw Platform.Failure(operation: "cannot write", path: "") }
                let encoded = FeedEntryStore.encode(table)
                out.bytes(encoded)
                out.uint(UInt64(offset))
                out.uint(UInt64(encoded.count))
                out.uint(Fingerprint.ofContents(encoded))
                out.bytes(FeedEntryStore.mark)
                if let failure = out.failure { throw failure }
                try write(out.buffer)
                out.buffer = []
                isClosed = true
                try write(nil)
                if let temporary { try store.fileSystem.move(temporary, store.path) }
                table.fileSize = offset + encoded.count + FeedEntryStore.footerSize
                return table
            } catch {
                if !isClosed {
                    isClosed = true
                    try? write(nil)
                }
                if let temporary { try? store.fileSystem.remove(temporary) }
                try? store.fileSystem.remove(store.path)
                return nil
            }
        }

        /// `false` when a stored entry to copy cannot be read.
        private func addChunk(_ chunk: ArraySlice<Pending>) throws -> Bool {
            let copying = temporary != nil
            var stored: [Slot] = []
            if copying {
                for case .stored(let slot) in chunk { stored.append(slot) }
            }
            let storedPieces = stored.flatMap { [$0.atom] + ($0.json.map { [$0] } ?? []) }
            guard let copied = store.read(storedPieces) else { return false }
            var next = 0
            for slot in chunk {
                switch slot {
                case .stored(let slot) where !copying:
                    slots.append(slot)
                case .stored(let slot):
                    let atom = piece(copied[next])
                    next += 1
                    var json: Piece?
                    if slot.json != nil {
                        json = piece(copied[next])
                        next += 1
                    }
                    slots.append(Slot(key: slot.key, atom: atom, json: json))
                case .fresh(let key, let entry):
                    let atom = piece(entry.atom)
                    slots.append(
                        Slot(
                            key: key, atom: atom, json: entry.json.isEmpty ? nil : piece(entry.json)
                        ))
                }
            }
            out.flushIfFull()
            if let failure = out.failure { throw failure }
            return true
        }

        private func piece(_ bytes: [UInt8]) -> Piece {
            defer { offset += bytes.count }
            out.bytes(bytes)
            return Piece(
                offset: offset, count: bytes.count, checksum: Fingerprint.ofContents(bytes))
        }
    }
}
