import Foundation
import Synchronization

// The one file that calls the C library directly: porting sitegen to another system means
// porting this file. Linux (Glibc) is the tested platform; the Darwin branches follow the
// same calls under their macOS names.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#else
    #error("sitegen needs Glibc or Darwin: port Platform.swift")
#endif

/// Thin wrappers around the system calls sitegen makes: reading and writing whole files, file
/// stamps, directory listings, clocks and a byte search.
package enum Platform {
    /// A failed system call, with the path and the system's reason.
    package struct Failure: Error, LocalizedError, CustomStringConvertible {
        package let operation: String
        package let path: String
        package let reason: String

        /// A failure described by the current `errno`.
        package init(operation: String, path: String) {
            self.operation = operation
            self.path = path
            self.reason = Platform.lastErrorDescription
        }

        /// A failure with a reason of its own.
        package init(operation: String, path: String, reason: String) {
            self.operation = operation
            self.path = path
            self.reason = reason
        }

        package var description: String { "\(operation) '\(path)': \(reason)" }
        package var errorDescription: String? { description }
    }

    /// Runs a Foundation file operation, turning its failure into one that names `path` (with
    /// the system's reason when Foundation has one: "Not a directory" rather than "The
    /// operation could not be completed").
    package static func naming<T>(
        _ operation: String, _ path: String, _ body: () throws -> T
    ) throws(Failure) -> T {
        do {
            return try body()
        } catch let failure as Failure {
            throw failure
        } catch {
            var reason = error.localizedDescription
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            if let underlying, underlying.domain == NSPOSIXErrorDomain {
                reason = String(cString: strerror(Int32(underlying.code)))
            }
            throw Failure(operation: operation, path: path, reason: reason)
        }
    }

    /// The system's text for the current `errno`.
    package static var lastErrorDescription: String { String(cString: strerror(errno)) }

    // MARK: Clocks

    /// Wall-clock time, in nanoseconds since the epoch.
    package static func nowNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// CPU time used by the process so far, all threads, in seconds.
    package static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    // MARK: Memory

    /// Frees memory a C library allocated with `malloc` (cmark's rendered HTML).
    package static func free(_ pointer: UnsafeMutableRawPointer?) { systemFree(pointer) }

    // MARK: Bytes

    /// Whether `byte` occurs in `count` bytes from `base` (the C library's vectorised search).
    @inlinable package static func contains(_ byte: UInt8, in base: UnsafeRawPointer, count: Int)
        -> Bool
    {
        memchr(base, Int32(byte), count) != nil
    }

    /// The offset of the first `byte` in `count` bytes from `base`, if any.
    @inlinable package static func firstIndex(
        of byte: UInt8, in base: UnsafeRawPointer, count: Int
    ) -> Int? {
        guard let found = memchr(base, Int32(byte), count) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    // MARK: Files

    private static func modified(_ status: stat) -> Int64 {
        #if canImport(Darwin)
            Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #else
            Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #endif
    }

    private static func stamp(_ status: stat) -> FileStamp {
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

    // MARK: The programs' own calls

    /// Whether standard error is a terminal (that can redraw a line).
    package static var isStandardErrorTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// The running program's file: `/proc/self/exe` where there is one, else `argv[0]`.
    package static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
    }

    /// Replaces the process with `program`, run with `arguments` (`argv[0]` first). Returns only
    /// when it could not be started, with the system's reason.
    package static func execute(_ program: String, arguments: [String]) -> String {
        let argv = arguments.map { strdup($0) } + [nil]
        execv(program, argv)
        let reason = lastErrorDescription
        for argument in argv { systemFree(argument) }
        return reason
    }

    /// The signals that ask a program to stop: interrupt (Ctrl-C) and terminate.
    package static let stopSignals: [Int32] = [SIGINT, SIGTERM]

    /// Turns off a signal's default action, so that a dispatch source alone handles it.
    package static func ignoreSignal(_ number: Int32) { _ = signal(number, SIG_IGN) }

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

    /// Writes a line to the standard error stream.
    package static func writeToStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        try? write(bytes, to: STDERR_FILENO, path: "stderr")
    }

    // MARK: Locks

    /// Takes an exclusive lock on a file (created when missing) without waiting, and writes
    /// this process's id into it. The lock is a POSIX record lock (`fcntl`), held by the process:
    /// builds in one process (tests) do not exclude each other; builds in two processes do. Returns the open file (closing it releases the lock), or the
    /// id written by the process that holds it (0 when unknown).
    package static func lock(_ path: String) throws(Failure) -> Result<Int32, LockHeld> {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(operation: "cannot open", path: path) }
        var request = flock()
        request.l_type = Int16(F_WRLCK)
        request.l_whence = Int16(SEEK_SET)
        guard fcntl(descriptor, F_SETLK, &request) == 0 else {
            let failed = errno
            close(descriptor)
            guard failed == EAGAIN || failed == EACCES else {
                throw Failure(operation: "cannot lock", path: path)
            }
            let text = String(decoding: readPrefix(path, 32) ?? [], as: UTF8.self)
            return .failure(
                LockHeld(
                    processID: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0))
        }
        _ = ftruncate(descriptor, 0)
        try? write(Array("\(getpid())\n".utf8), to: descriptor, path: path)
        return .success(descriptor)
    }

    /// A lock another process holds.
    package struct LockHeld: Error {
        package let processID: Int32
    }

    /// Whether the item at a path is a symbolic link itself.
    package static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    // MARK: Removing

    /// How deep `removeTree` goes into nested folders.
    package static let maximumRemovalDepth = 256

    /// Removes a file, or a folder and everything in it, never following a symbolic link;
    /// nothing at `path` is no error. Each folder is read once and its entries unlinked relative
    /// to it (`unlinkat`), without Foundation's path strings and `lstat` per item; a folder with
    /// many subfolders (a site has one per brief) is emptied on two threads.
    package static func removeTree(_ path: String) throws(Failure) {
        if unlink(path) == 0 || errno == ENOENT { return }
        // Linux says EISDIR for a folder, macOS EPERM.
        guard errno == EISDIR || errno == EPERM else {
            throw Failure(operation: "cannot remove", path: path)
        }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(operation: "cannot remove", path: path) }
        try removeContents(descriptor, path: path)
        guard rmdir(path) == 0 else { throw Failure(operation: "cannot remove", path: path) }
    }

    /// A NUL-terminated name as text.
    private static func text(_ name: [CChar]) -> String {
        String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Empties the open folder `descriptor` (at `path`, for messages) and closes it.
    private static func removeContents(_ descriptor: Int32, path: String, depth: Int = 0)
        throws(Failure)
    {
        guard let directory = fdopendir(descriptor) else {
            let failure = Failure(operation: "cannot list", path: path)
            _ = systemClose(descriptor)
            throw failure
        }
        defer { closedir(directory) }
        // Names first, then removals: a folder is not changed while it is being read.
        var files: [[CChar]] = []
        var folders: [[CChar]] = []
        while let entry = readdir(directory) {
            let type = entry.pointee.d_type
            let name = withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
                field.withMemoryRebound(to: CChar.self, capacity: 1) { pointer -> [CChar]? in
                    // `.` and `..`
                    if pointer[0] == 0x2E
                        && (pointer[1] == 0 || (pointer[1] == 0x2E && pointer[2] == 0))
                    {
                        return nil
                    }
                    return Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer) + 1))
                }
            }
            guard let name else { continue }
            if type == UInt8(DT_DIR) { folders.append(name) } else { files.append(name) }
        }
        for name in files where unlinkat(descriptor, name, 0) != 0 {
            // A folder the listing did not type (DT_UNKNOWN on some file systems).
            guard errno == EISDIR || errno == EPERM else {
                throw Failure(operation: "cannot remove", path: path + "/" + text(name))
            }
            folders.append(name)
        }
        guard folders.count > 64 else {
            for name in folders {
                try removeFolder(name, in: descriptor, path: path, depth: depth + 1)
            }
            return
        }
        let halves = [
            Array(folders[..<(folders.count / 2)]), Array(folders[(folders.count / 2)...]),
        ]
        let failures = Mutex<[Failure]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            do throws(Failure) {
                for name in halves[half] {
                    try removeFolder(name, in: descriptor, path: path, depth: depth + 1)
                }
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw failure }
    }

    /// Removes the folder `name` inside the open folder `descriptor` (at `path`).
    private static func removeFolder(
        _ name: [CChar], in descriptor: Int32, path: String, depth: Int
    ) throws(Failure) {
        let childPath = path + "/" + text(name)
        // One open folder and one stack frame per level: a tree nested deeper than any site
        // is refused rather than followed until descriptors or the stack run out.
        guard depth <= maximumRemovalDepth else {
            throw Failure(
                operation: "cannot remove", path: childPath,
                reason: "folders are nested more than \(maximumRemovalDepth) deep")
        }
        let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard child >= 0 else { throw Failure(operation: "cannot remove", path: childPath) }
        try removeContents(child, path: childPath, depth: depth)
        guard unlinkat(descriptor, name, AT_REMOVEDIR) == 0 else {
            throw Failure(operation: "cannot remove", path: childPath)
        }
    }

    /// A folder's entries (hidden names left out), each a folder or a regular file; links are
    /// followed. With `stamped`, files come with their stamps, read with `fstatat` relative to
    /// the open folder rather than through the whole path again.
    package static func list(_ folder: String, stamped: Bool) throws(Failure) -> [Entry] {
        guard let directory = opendir(folder) else {
            throw Failure(operation: "cannot list", path: folder)
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            var type = entry.pointee.d_type
            // d_name is read through a pointer up to its NUL: a dirent can be shorter than the
            // struct's full size, so copying the whole 256-byte field may read past the end of
            // the directory buffer.
            let (name, status) = withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
                field.withMemoryRebound(to: CChar.self, capacity: 1) { pointer in
                    var status = stat()
                    let found =
                        pointer[0] != UInt8(ascii: ".") && stamped && type != UInt8(DT_DIR)
                        && fstatat(descriptor, pointer, &status, 0) == 0
                    return (String(cString: pointer), found ? status : nil)
                }
            }
            if name.hasPrefix(".") { continue }
            if let status {
                type =
                    (status.st_mode & S_IFMT) == S_IFDIR
                    ? UInt8(DT_DIR)
                    : (status.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : UInt8(DT_UNKNOWN)
            }
            var isLink = entry.pointee.d_type == UInt8(DT_LNK)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var linkStatus = stat()
                if lstat(folder + "/" + name, &linkStatus) == 0 {
                    isLink = (linkStatus.st_mode & S_IFMT) == S_IFLNK
                }
            }
            if status == nil && (type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK)) {
                var status = stat()
                guard stat(folder + "/" + name, &status) == 0 else { continue }
                type = (status.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            entries.append(
                Entry(
                    name: name, isDirectory: type == UInt8(DT_DIR), isFile: type == UInt8(DT_REG),
                    stamp: status.map(stamp), isLink: isLink))
        }
        return entries
    }
}

// The C names that `Platform`'s own methods shadow.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
    -> Int
{
    read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func systemLink(_ from: String, _ to: String) -> Int32 { link(from, to) }
private func systemFree(_ pointer: UnsafeMutableRawPointer?) { free(pointer) }
