import Foundation

/// Creates the content files `sitegen new` and `sitegen import` make, never replacing one.
///
/// Authoring's only way to the disk, through `FileSystem` like `ContentLoader` and `OutputWriter`.
/// Every file is checked before any is written, so a run that cannot create all of them creates
/// none.
public struct ContentFileWriter: Sendable {
    /// The site folder.
    public let root: String
    /// How to reach the disk.
    public let fileSystem: FileSystem

    /// Creates a writer for the site at `root`.
    public init(root: String, fileSystem: FileSystem = .disk) {
        self.root = root
        self.fileSystem = fileSystem
    }

    /// Whether something exists at a path relative to the site folder.
    public func exists(_ path: String) -> Bool {
        fileSystem.kind(root + "/" + path) != .none
    }

    /// Writes every file, or none when any of them exists or is unsafe.
    public func create(_ files: [Scaffolder.NewFile]) throws(BuildFailure) {
        var problems: [SitegenError] = []
        for file in files {
            if !OutputWriter.isSafe(file.path) || !file.path.hasPrefix("content/") {
                problems.append(
                    SitegenError(.output, "refusing to write '\(file.path)' outside content/"))
            } else if exists(file.path) {
                problems.append(
                    SitegenError(
                        .duplicate,
                        "'\(file.path)' already exists; sitegen never overwrites a file",
                        at: SourceLocation(path: file.path)))
            }
        }
        if !problems.isEmpty { throw BuildFailure(errors: problems, warnings: []) }
        for file in files {
            do {
                try fileSystem.write(Array(file.text.utf8), root + "/" + file.path)
            } catch {
                throw BuildFailure(
                    errors: [
                        SitegenError(
                            .io, "cannot write file: \(error.localizedDescription)",
                            at: SourceLocation(path: file.path))
                    ],
                    warnings: [])
            }
        }
    }
}
