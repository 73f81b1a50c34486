import Foundation
import Testing

/// Habits of the source tree that the compiler does not check (issue #9): the C library is
/// reached from one folder (plus the preview server's sockets), and no hand-written file grows
/// past what one can hold in one's head.
@Suite struct SourceLayoutTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources").path

    /// Every Swift file under `Sources/`, by path relative to it, with its text.
    static func swiftFiles() throws -> [(path: String, text: String)] {
        var found: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(atPath: sources)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            found.append(
                (relative, try String(contentsOfFile: sources + "/" + relative, encoding: .utf8)))
        }
        return found.sorted { $0.0 < $1.0 }
    }

    @Test func onlyThePlatformFolderAndTheSocketsImportTheCLibrary() throws {
        let files = try Self.swiftFiles()
        #expect(files.count > 50)
        let importing = files.filter { file in
            file.text.split(separator: "\n").contains {
                let line = $0.trimmingCharacters(in: .whitespaces)
                return line == "import Glibc" || line == "import Darwin"
            }
        }.map(\.path)
        #expect(
            importing == [
                "SitegenBase/Platform/Platform+Files.swift",
                "SitegenBase/Platform/Platform+Folders.swift",
                "SitegenBase/Platform/Platform.swift",
                "SitegenServer/Sockets.swift",
            ])
    }

    @Test func noHandWrittenFileIsLongerThan450Lines() throws {
        let generated: Set = ["SitegenCore/Rendering/DefaultTheme.swift"]
        let long = try Self.swiftFiles().filter { file in
            !generated.contains(file.path)
                && file.text.split(separator: "\n", omittingEmptySubsequences: false).count > 451
        }.map(\.path)
        #expect(long == [])
    }
}
