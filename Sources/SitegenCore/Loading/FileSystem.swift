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
    public var stamp: @Sendable (_ path: String) -> FileStamp? = { _ in nil }
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
        (@Sendable (_ directory: String) throws -> [(path: String, stamp: FileStamp)]?)? =
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
        read: { path in try Platform.read(path) },
        write: { bytes, path in try writeToDisk(bytes, path) },
        kind: { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .none
            }
            return isDirectory.boolValue ? .directory : .file
        },
        contents: { directory in
            try Platform.naming("cannot list", directory) {
                try FileManager.default.contentsOfDirectory(atPath: directory)
            }
        },
        makeDirectory: { path in
            if Platform.makeDirectory(path) { return }
            try Platform.makeDirectories(path)
        },
        move: { from, to in try Platform.rename(from, to) },
        remove: { path in try Platform.removeTree(path) },
        copy: { from, to in
            // The bytes, not the item: a linked static file is published as the file it leads
            // to, as the preview server shows it.
            guard let bytes = try Platform.read(from) else {
                throw Platform.Failure(operation: "cannot read", path: from, reason: "no such file")
            }
            try writeToDisk(bytes, to)
        },
        stamp: { path in Platform.stamp(path) },
        link: { from, to in try Platform.link(from, to) },
        create: { path in
            guard let descriptor = Platform.create(path).descriptor else {
                throw Platform.Failure(operation: "cannot create", path: path)
            }
            return { bytes in
                guard let bytes else {
                    Platform.close(descriptor)
                    return
                }
                try Platform.write(bytes, to: descriptor, path: path)
            }
        },
        readPrefix: { path, count in Platform.readPrefix(path, count) },
        listStampedFiles: { directory in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { return nil }
            return try DiskWalker.stampedFiles(under: directory)
        })
}

/// Writes a file in one call, creating its folder when it is missing.
private func writeToDisk(_ bytes: [UInt8], _ path: String) throws {
    var (descriptor, isMissingFolder) = Platform.create(path)
    // The folder is the path up to its last `/` (found in the bytes: NSString's path methods
    // cost 3 % of a 10,000-brief build, whose every page folder is made here).
    if descriptor == nil && isMissingFolder, let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")),
        slash != path.utf8.startIndex
    {
        try Platform.makeDirectories(String(path[..<slash]))
        descriptor = Platform.create(path).descriptor
    }
    guard let descriptor else {
        throw Platform.Failure(operation: "cannot create", path: path)
    }
    defer { Platform.close(descriptor) }
    try Platform.write(bytes, to: descriptor, path: path)
}

/// Walks a folder tree (`Platform.list`), skipping hidden names, and returns sorted relative file
/// paths. Symbolic links are followed, as a user who links a folder of briefs expects, but only
/// within the walked folder: a link that leads outside it, or to a folder the walk has already
/// seen (a loop, found by device and inode), stops the walk with an error naming the link.
enum DiskWalker {
    static func files(under root: String) throws -> [String] {
        try walk(root, stamped: false).map(\.path)
    }

    /// `files(under:)` with each file's size and modification time.
    static func stampedFiles(under root: String) throws -> [(
        path: String, stamp: FileStamp
    )] {
        try walk(root, stamped: true).map {
            ($0.path, $0.stamp ?? FileStamp(size: 0, modified: 0))
        }
    }

    /// A symbolic link the walk refuses.
    struct LinkRefusal: Error, LocalizedError, CustomStringConvertible {
        let description: String
        var errorDescription: String? { description }
    }

    private typealias Found = (path: String, stamp: FileStamp?)
    private typealias Listed = (files: [Found], folders: [String], links: [String])

    /// Lists the tree a level at a time, the folders of each level on two threads.
    private static func walk(_ root: String, stamped: Bool) throws -> [Found] {
        guard let boundary = Platform.resolved(root), let identity = Platform.identity(root) else {
            return []
        }
        var seen: [Platform.FolderIdentity: String] = [identity: "."]
        var result: [Found] = []
        var level = [""]
        while !level.isEmpty {
            let listed = Mutex<[Listed]>([])
            let failure = Mutex<Error?>(nil)
            let chunks = ParallelMap.split(level, parts: level.count > 1 ? 2 : 1)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                var part: Listed = ([], [], [])
                do {
                    for relative in chunks[index] {
                        try list(relative, under: root, stamped: stamped, into: &part)
                    }
                } catch {
                    failure.withLock { $0 = error }
                }
                listed.withLock { $0.append(part) }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            level = []
            var links: [String] = []
            for part in listed.withLock({ $0 }) {
                result += part.files
                level += part.folders
                links += part.links
            }
            for link in links.sorted() {
                try checkInside(link, root: root, boundary: boundary)
            }
            level.sort()
            for folder in level {
                guard let identity = Platform.identity(root + "/" + folder) else { continue }
                if let first = seen[identity] {
                    throw LinkRefusal(
                        description:
                            "symbolic link loop: '\(folder)' is the folder '\(first)' again")
                }
                seen[identity] = folder
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Refuses a link that resolves outside the walked folder.
    private static func checkInside(_ link: String, root: String, boundary: String) throws {
        let target = Platform.resolved(root + "/" + link) ?? ""
        if target == boundary || target.hasPrefix(boundary == "/" ? "/" : boundary + "/") {
            return
        }
        throw LinkRefusal(
            description:
                "symbolic link '\(link)' leads outside the folder (to '\(target)'); sitegen reads nothing through a link that leaves it"
        )
    }

    /// One folder's files (stamped when asked), subfolders and symbolic links.
    private static func list(
        _ relative: String, under root: String, stamped: Bool, into part: inout Listed
    ) throws {
        let full = relative.isEmpty ? root : root + "/" + relative
        for entry in try Platform.list(full, stamped: stamped) {
            let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
            guard entry.isDirectory || entry.isFile else { continue }
            if entry.isLink { part.links.append(child) }
            if entry.isDirectory {
                part.folders.append(child)
            } else {
                part.files.append((child, entry.stamp))
            }
        }
    }
}
