import Dispatch
import SitegenBase
import Synchronization

/// The paths of a site being written: folders made for them, and the check that keeps them
/// inside the output folder.
extension OutputWriter {
    /// Creates every folder the files need, each once: a level at a time, parents first, and
    /// each level's folders on two threads (a site has a folder per brief).
    func makeDirectories(for paths: [String], under root: String) throws {
        var directories: Set<Substring> = []
        var levels: [[Substring]] = []
        for path in paths {
            var end = path.endIndex
            while let slash = path[..<end].lastIndex(of: "/") {
                let directory = path[..<slash]
                if !directories.insert(directory).inserted { break }
                let depth = directory.utf8.count { $0 == UInt8(ascii: "/") }
                while levels.count <= depth { levels.append([]) }
                levels[depth].append(directory)
                end = slash
            }
        }
        let fileSystem = self.fileSystem
        for level in levels {
            let chunks = ParallelMap.split(level, parts: level.count > 64 ? 2 : 1)
            let failure = Mutex<Error?>(nil)
            DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
                for directory in chunks[index] {
                    do {
                        try fileSystem.makeDirectory(root + "/" + directory)
                    } catch {
                        failure.withLock { $0 = error }
                        return
                    }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
        }
    }

    /// A relative path with no empty, `.` or `..` segment and no backslash.
    static func isSafe(_ path: String) -> Bool {
        // Segment by segment: none empty, `.` or `..`; no backslash or NUL anywhere.
        var segmentLength = 0
        var dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if segmentLength == 0 || (segmentLength == dots && dots <= 2) { return false }
                segmentLength = 0
                dots = 0
                continue
            case UInt8(ascii: "\\"), 0:
                return false
            case UInt8(ascii: "."):
                dots += 1
            default:
                break
            }
            segmentLength += 1
        }
        return segmentLength > 0 && !(segmentLength == dots && dots <= 2)
    }
}
