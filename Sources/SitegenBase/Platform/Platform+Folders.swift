import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Listing and removing folders.
extension Platform {
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
