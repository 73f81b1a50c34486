import Foundation

/// The file operations sitegen uses, as closures, so tests can swap in their own.
///
/// Only `ContentLoader` and `OutputWriter` touch the disk, and both go through this value.
public struct FileSystem: Sendable {
    /// Every regular file under a folder, as sorted paths relative to it; `nil` when the folder
    /// does not exist. Names starting with `.` are skipped.
    public var listFiles: @Sendable (_ directory: String) throws -> [String]?
    /// The bytes of a file, or `nil` when it does not exist.
    public var read: @Sendable (_ path: String) throws -> [UInt8]?
    /// Writes bytes to a new file in an existing folder, in one call.
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
        read: { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                return FileManager.default.fileExists(atPath: path) ? [] : nil
            }
            return [UInt8](data)
        },
        write: { bytes, path in
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXFailure(operation: "cannot create", path: path) }
            defer { close(descriptor) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                guard written > 0 else { throw POSIXFailure(operation: "cannot write", path: path) }
                offset += written
            }
        },
        kind: { path in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .none }
            return isDirectory.boolValue ? .directory : .file
        },
        contents: { directory in try FileManager.default.contentsOfDirectory(atPath: directory) },
        makeDirectory: { path in
            if mkdir(path, 0o755) == 0 || errno == EEXIST { return }
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        },
        move: { from, to in
            guard rename(from, to) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        },
        remove: { path in try FileManager.default.removeItem(atPath: path) },
        copy: { from, to in
            let directory = (to as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: from, toPath: to)
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

/// Walks a folder tree, skipping hidden names, and returns sorted relative file paths.
enum DiskWalker {
    static func files(under root: String) throws -> [String] {
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let full = relative.isEmpty ? root : root + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: full) where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + child, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue { pending.append(child) } else { result.append(child) }
            }
        }
        return result.sorted()
    }
}
