import Foundation
import SitegenBase
import Synchronization

/// The file operations sitegen uses, as closures, so tests can swap in their own.
///
/// Only `ContentLoader` and `OutputWriter` touch the disk, and both go through this value.
public struct FileSystem: Sendable {
    /// Every regular file under a folder, as sorted paths relative to it; `nil` when the folder
    /// does not exist. Names starting with `.` are skipped.
    public var listFiles: @Sendable (_ directory: String) throws -> [String]?
    /// The bytes of a file, or `nil` when it does not exist.
    public var read: @Sendable (_ path: String) throws -> [UInt8]?
    /// Writes bytes to a file in one call, creating its folder when it is missing.
    public var write: @Sendable (_ bytes: [UInt8], _ path: String) throws -> Void
    /// Whether something exists at a path, and whether it is a folder.
    public var kind: @Sendable (_ path: String) -> ItemKind
    /// Names directly inside a folder (hidden ones included).
    public var contents: @Sendable (_ directory: String) throws -> [String]
    /// Creates a folder and its parents.
    public var makeDirectory: @Sendable (_ path: String) throws -> Void
    /// Renames an item; both paths are on one volume.
    public var move: @Sendable (_ from: String, _ to: String) throws -> Void
    /// Removes a file or a whole folder.
    public var remove: @Sendable (_ path: String) throws -> Void
    /// Copies a file.
    public var copy: @Sendable (_ from: String, _ to: String) throws -> Void
    /// A file's size and modification time (nanoseconds), or `nil` when it does not exist.
    public var stamp: @Sendable (_ path: String) -> BuildCache.Stamp? = { _ in nil }
    /// Makes a hard link (the same file under a second name), used to carry unchanged pages into
    /// a new output folder without copying them.
    public var link: @Sendable (_ from: String, _ to: String) throws -> Void = { _, _ in
        throw CocoaError(.featureUnsupported)
    }
    /// Creates (or truncates) a file and returns a function that appends bytes to it; calling
    /// it with `nil` closes the file. For large files written in pieces (the build cache).
    public var create: @Sendable (_ path: String) throws -> @Sendable ([UInt8]?) throws -> Void = {
        path in
        throw CocoaError(.featureUnsupported)
    }
    /// At most the first `count` bytes of a file, or `nil` when it does not exist.
    public var readPrefix: @Sendable (_ path: String, _ count: Int) -> [UInt8]? = { _, _ in nil }
    /// `listFiles` with each file's stamp, when the file system can give both in one walk (the
    /// disk does, with `fstatat` beside `readdir`); otherwise `nil`, and each file is stamped
    /// through `stamp`.
    public var listStampedFiles:
        (@Sendable (_ directory: String) throws -> [(path: String, stamp: BuildCache.Stamp)]?)? =
            nil

    /// What is at a path.
    public enum ItemKind: Sendable, Equatable {
        case none
        case file
        case directory
    }

    /// The real disk.
    public static let disk = FileSystem(
        listFiles: { directory in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { return nil }
            return try DiskWalker.files(under: directory)
        },
        read: { path in try DiskReader.read(path) },
        write: { bytes, path in
            var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if descriptor < 0 && errno == ENOENT {
                let directory = (path as NSString).deletingLastPathComponent
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true)
                descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            }
            guard descriptor >= 0 else {
                throw POSIXFailure(operation: "cannot create", path: path)
            }
            defer { close(descriptor) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    Glibc.write(
                        descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                guard written > 0 else { throw POSIXFailure(operation: "cannot write", path: path) }
                offset += written
            }
        },
        kind: { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .none
            }
            return isDirectory.boolValue ? .directory : .file
        },
        contents: { directory in try FileManager.default.contentsOfDirectory(atPath: directory) },
        makeDirectory: { path in
            if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        },
        move: { from, to in
            guard rename(from, to) == 0 else {
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [
                        NSFilePathErrorKey: to,
                        NSLocalizedDescriptionKey: String(cString: strerror(errno)),
                    ])
            }
        },
        remove: { path in try FileManager.default.removeItem(atPath: path) },
        copy: { from, to in
            let directory = (to as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: from, toPath: to)
        },
        stamp: { path in
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            return BuildCache.Stamp(
                size: Int64(status.st_size),
                modified: Int64(status.st_mtim.tv_sec) * 1_000_000_000
                    + Int64(status.st_mtim.tv_nsec))
        },
        link: { from, to in
            guard Glibc.link(from, to) == 0 else {
                throw POSIXFailure(operation: "cannot link", path: to)
            }
        },
        create: { path in
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw POSIXFailure(operation: "cannot create", path: path)
            }
            return { bytes in
                guard let bytes else {
                    close(descriptor)
                    return
                }
                var offset = 0
                while offset < bytes.count {
                    let written = bytes.withUnsafeBytes { buffer in
                        Glibc.write(
                            descriptor, buffer.baseAddress.map { $0 + offset },
                            buffer.count - offset)
                    }
                    guard written > 0 else {
                        throw POSIXFailure(operation: "cannot write", path: path)
                    }
                    offset += written
                }
            }
        },
        readPrefix: { path, count in
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            return [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
                filled = 0
                while filled < count {
                    let got = Glibc.read(
                        descriptor, buffer.baseAddress.map { $0 + filled }, count - filled)
                    if got < 0 && errno == EINTR { continue }
                    if got <= 0 { return }
                    filled += got
                }
            }
        },
        listStampedFiles: { directory in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { return nil }
            return try DiskWalker.stampedFiles(under: directory)
        })
}

/// A failed system call, with the path and the system's reason.
struct POSIXFailure: Error, LocalizedError {
    let operation: String
    let path: String
    let reason: String

    init(operation: String, path: String) {
        self.operation = operation
        self.path = path
        self.reason = String(cString: strerror(errno))
    }

    var errorDescription: String? { "\(operation) '\(path)': \(reason)" }
}

/// Reads whole files with `open`/`fstat`/`read`: one allocation, no Foundation bridging.
enum DiskReader {
    static func read(_ path: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw POSIXFailure(operation: "cannot open", path: path)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw POSIXFailure(operation: "cannot stat", path: path)
        }
        // Read into uninitialised storage sized from fstat (no zero-filling), then keep reading
        // in case the file grew.
        let size = max(Int(status.st_size), 0)
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let got = Glibc.read(
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
        if failed { throw POSIXFailure(operation: "cannot read", path: path) }
        if bytes.count == size + 1 {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let got = chunk.withUnsafeMutableBytes {
                    Glibc.read(descriptor, $0.baseAddress, $0.count)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw POSIXFailure(operation: "cannot read", path: path)
                }
                if got == 0 { break }
                bytes.append(contentsOf: chunk[..<got])
            }
        }
        return bytes
    }
}

/// Walks a folder tree with `readdir`, skipping hidden names, and returns sorted relative file
/// paths. Symbolic links are followed, as a user who links a folder of briefs expects.
enum DiskWalker {
    static func files(under root: String) throws -> [String] {
        try walk(root, stamped: false).map(\.path)
    }

    /// `files(under:)` with each file's size and modification time, read with `fstatat` relative
    /// to the open folder rather than through the whole path again.
    static func stampedFiles(under root: String) throws -> [(
        path: String, stamp: BuildCache.Stamp
    )] {
        try walk(root, stamped: true).map {
            ($0.path, $0.stamp ?? BuildCache.Stamp(size: 0, modified: 0))
        }
    }

    private typealias Found = (path: String, stamp: BuildCache.Stamp?)

    /// Lists the tree a level at a time, the folders of each level on two threads.
    private static func walk(_ root: String, stamped: Bool) throws -> [Found] {
        var result: [Found] = []
        var level = [""]
        while !level.isEmpty {
            let listed = Mutex<[(files: [Found], folders: [String])]>([])
            let failure = Mutex<Error?>(nil)
            let chunks = ParallelMap.split(level, parts: level.count > 1 ? 2 : 1)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                var files: [Found] = []
                var folders: [String] = []
                do {
                    for relative in chunks[index] {
                        try list(
                            relative, under: root, stamped: stamped, files: &files,
                            folders: &folders)
                    }
                } catch {
                    failure.withLock { $0 = error }
                }
                listed.withLock { $0.append((files, folders)) }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            level = []
            for part in listed.withLock({ $0 }) {
                result += part.files
                level += part.folders
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// One folder's files (stamped with `fstatat` when asked) and subfolders.
    private static func list(
        _ relative: String, under root: String, stamped: Bool, files: inout [Found],
        folders: inout [String]
    ) throws {
        let full = relative.isEmpty ? root : root + "/" + relative
        guard let directory = opendir(full) else {
            throw POSIXFailure(operation: "cannot list", path: full)
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
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
            let child = relative.isEmpty ? name : relative + "/" + name
            if let status {
                type =
                    (status.st_mode & S_IFMT) == S_IFDIR
                    ? UInt8(DT_DIR)
                    : (status.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : UInt8(DT_UNKNOWN)
            } else if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                var status = stat()
                guard stat(root + "/" + child, &status) == 0 else { continue }
                type = (status.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            if type == UInt8(DT_DIR) {
                folders.append(child)
            } else if type == UInt8(DT_REG) {
                files.append(
                    (
                        child,
                        status.map {
                            BuildCache.Stamp(
                                size: Int64($0.st_size),
                                modified: Int64($0.st_mtim.tv_sec) * 1_000_000_000
                                    + Int64($0.st_mtim.tv_nsec))
                        }
                    ))
            }
        }
    }
}
