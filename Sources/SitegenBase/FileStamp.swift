/// A file's size and modification time, which say whether it may have changed.
public struct FileStamp: Sendable, Equatable, Hashable {
    /// The size in bytes.
    public let size: Int64
    /// The modification time, in nanoseconds since the epoch.
    public let modified: Int64

    /// Creates a stamp.
    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }
}
