import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading, writing and naming files.
extension Platform {
    // MARK: Files

    static func modified(_ status: stat) -> Int64 {
        #if canImport(Darwin)
            Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #else
            Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #endif
    }

    static func stamp(_ status: stat) -> FileStamp {
        FileStamp(size: Int64(status.st_size), modified: modified(status))
    }

    /// A file's size and modification time (following links), or `nil` when there is none.
    package static func stamp(_ path: String) -> FileStamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return stamp(status)
    }

    /// A whole file with `open`/`fstat`/`read` (one allocation); `nil` when it does not exist.
    package static func read(_ path: String) throws(Failure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw Failure(operation: "cannot open", path: path)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw Failure(operation: "cannot stat", path: path)
        }
        // Read into uninitialised storage sized from fstat (no zero-filling), then keep reading
        // in case the file grew.
        let size = max(Int(status.st_size), 0)
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = systemRead(
                    descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                if got == 0 { return }
                count += got
            }
        }
        if failed { throw Failure(operation: "cannot read", path: path) }
        if bytes.count == size + 1 {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let got = chunk.withUnsafeMutableBytes {
                    systemRead(descriptor, $0.baseAddress, $0.count)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw Failure(operation: "cannot read", path: path)
                }
                if got == 0 { break }
                bytes.append(contentsOf: chunk[..<got])
            }
        }
        return bytes
    }

    /// At most the first `count` bytes of a file, or `nil` when it cannot be opened.
    package static func readPrefix(_ path: String, _ count: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let got = systemRead(
                    descriptor, buffer.baseAddress.map { $0 + filled }, count - filled)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { return }
                filled += got
            }
        }
    }

    /// Pieces of a file, each read with `pread` through one open descriptor; `nil` when the
    /// file cannot be opened or a piece lies (partly) outside it.
    package static func readRanges(_ path: String, _ ranges: [(offset: Int, count: Int)])
        -> [[UInt8]]?
    {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var pieces: [[UInt8]] = []
        pieces.reserveCapacity(ranges.count)
        for range in ranges {
            guard range.offset >= 0, range.count >= 0 else { return nil }
            var complete = true
            let piece = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, filled in
                filled = 0
                while filled < range.count {
                    let got = pread(
                        descriptor, buffer.baseAddress.map { $0 + filled }, range.count - filled,
                        off_t(range.offset + filled))
                    if got < 0 && errno == EINTR { continue }
                    if got <= 0 {
                        complete = false
                        return
                    }
                    filled += got
                }
            }
            guard complete else { return nil }
            pieces.append(piece)
        }
        return pieces
    }

    /// Opens an existing file for reading with `read(_:from:at:)`; `nil` when it cannot be.
    package static func openForReading(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        return descriptor >= 0 ? descriptor : nil
    }

    /// Opens an existing file for appending; `nil` when it cannot be.
    package static func openForAppend(_ path: String) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        return descriptor >= 0 ? descriptor : nil
    }

    /// Opens a file for writing (created or truncated); `nil` with `errno` set when it cannot
    /// be, and `isMissingFolder` when its folder does not exist.
    package static func create(_ path: String) -> (descriptor: Int32?, isMissingFolder: Bool) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        return descriptor >= 0 ? (descriptor, false) : (nil, errno == ENOENT)
    }

    /// Writes all of `bytes` to an open file.
    package static func write(_ bytes: [UInt8], to descriptor: Int32, path: String)
        throws(Failure)
    {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(
                    descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            guard written > 0 else { throw Failure(operation: "cannot write", path: path) }
            offset += written
        }
    }

    /// A new, already unlinked file in the temporary folder (`TMPDIR`, else `/tmp`), open for
    /// reading and writing: scratch space that disappears when it is closed or the process
    /// ends. `nil` when none can be made.
    package static func scratchFile() -> Int32? {
        let folder =
            ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "/tmp"
        var template = Array((folder + "/sitegen-scratch-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let name = buffer.baseAddress else { return -1 }
            let descriptor = mkstemp(name)
            if descriptor >= 0 { unlink(name) }
            return descriptor
        }
        return descriptor >= 0 ? descriptor : nil
    }

    /// Writes all of `bytes` at `offset` of an open file (`pwrite`; safe from several threads
    /// at distinct offsets). `false` when the file could not take them (full disk).
    package static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at offset: Int)
        -> Bool
    {
        var done = 0
        while done < bytes.count {
            let written = pwrite(
                descriptor, bytes.baseAddress.map { $0 + done }, bytes.count - done,
                off_t(offset + done))
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }

    /// `count` bytes at `offset` of an open file (`pread`); `nil` when they cannot all be read.
    package static func read(_ count: Int, from descriptor: Int32, at offset: Int) -> [UInt8]? {
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let got = pread(
                    descriptor, buffer.baseAddress.map { $0 + filled }, count - filled,
                    off_t(offset + filled))
                if got < 0 && errno == EINTR { continue }
                if got <= 0 {
                    complete = false
                    return
                }
                filled += got
            }
        }
        return complete ? bytes : nil
    }

    /// Closes an open file.
    package static func close(_ descriptor: Int32) { _ = systemClose(descriptor) }

    /// Creates one folder; `true` when it exists afterwards.
    package static func makeDirectory(_ path: String) -> Bool {
        mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    /// Creates a folder and any missing parents (`mkdir -p`); the failure names the folder that
    /// could not be made and the system's reason.
    package static func makeDirectories(_ path: String) throws(Failure) {
        if mkdir(path, 0o755) == 0 { return }
        var status = stat()
        if errno == EEXIST, stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            return
        }
        if errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]))
            if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        }
        if errno == EEXIST { errno = ENOTDIR }
        throw Failure(operation: "cannot create folder", path: path)
    }

    /// Renames an item on one volume.
    package static func rename(_ from: String, _ to: String) throws(Failure) {
        guard systemRename(from, to) == 0 else { throw Failure(operation: "cannot move", path: to) }
    }

    /// Makes a hard link.
    package static func link(_ from: String, _ to: String) throws(Failure) {
        guard systemLink(from, to) == 0 else { throw Failure(operation: "cannot link", path: to) }
    }

    /// One entry of a folder listing.
    package struct Entry {
        package let name: String
        package let isDirectory: Bool
        package let isFile: Bool
        /// The file's stamp, when asked for (`stamped`).
        package let stamp: FileStamp?
        /// Whether the entry is a symbolic link (then `isDirectory` and `isFile` describe what it
        /// leads to).
        package var isLink = false
    }

    /// A folder's identity: its device and inode, the same whichever path leads to it.
    package struct FolderIdentity: Hashable, Sendable {
        package let device: UInt64
        package let inode: UInt64
    }

    /// The identity of the folder (or file) at a path, following links.
    package static func identity(_ path: String) -> FolderIdentity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// The absolute path with every link, `.` and `..` resolved, or `nil` when it does not exist.
    package static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { systemFree(pointer) }
        return String(cString: pointer)
    }
}
