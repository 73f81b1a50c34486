import Foundation

/// Notices changes to a site's sources by polling: `site.yml`, and every file under `content/`
/// and `templates/`.
///
/// Polling file sizes and modification times a few times a second is portable and cheap next to
/// a build, and it sees editors that save by renaming a new file into place.
struct SiteWatcher: Sendable {
    /// A file's size and modification time.
    struct Stamp: Equatable, Sendable {
        let size: UInt64
        let modified: Double
    }

    /// The site folder.
    let root: String

    /// Every watched file (relative to the site folder) with its stamp.
    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let manager = FileManager.default
        if let stamp = Self.stamp(root + "/site.yml") { stamps["site.yml"] = stamp }
        for folder in ["content", "templates"] {
            guard let walker = manager.enumerator(atPath: root + "/" + folder) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") { continue }
                let path = folder + "/" + relative
                if let stamp = Self.stamp(root + "/" + path) { stamps[path] = stamp }
            }
        }
        return stamps
    }

    /// The paths added, removed or changed between two snapshots, sorted.
    static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> [String] {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed.sorted()
    }

    private static func stamp(_ path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return Stamp(size: size, modified: modified)
    }
}
