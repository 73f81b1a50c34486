import Foundation
import Testing

@testable import SitegenBase

/// `Platform.removeTree`, which replaces old output folders: everything under the folder goes,
/// nothing a symbolic link inside it leads to does.
@Suite struct RemoveTreeTests {
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "sitegen-remove-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func removesAWholeTreeButNotWhatItsLinksLeadTo() throws {
        let root = try Self.temporaryFolder()
        let outside = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside + "/kept.txt"))
        let tree = root + "/site"
        // More than 64 subfolders, so that the folder is emptied on two threads.
        for index in 0..<150 {
            let folder = tree + "/briefs/b\(index)/deeper"
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true)
            try Data("page \(index)".utf8).write(to: URL(fileURLWithPath: folder + "/index.html"))
        }
        try Data().write(to: URL(fileURLWithPath: tree + "/.hidden"))
        try FileManager.default.createSymbolicLink(
            atPath: tree + "/link-to-folder", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(
            atPath: tree + "/briefs/link-to-file", withDestinationPath: outside + "/kept.txt")

        try Platform.removeTree(tree)

        #expect(!FileManager.default.fileExists(atPath: tree))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
        #expect(
            FileManager.default.contents(atPath: outside + "/kept.txt") == Data("keep".utf8))
        try Platform.removeTree(root)
        #expect(!FileManager.default.fileExists(atPath: root))
    }

    @Test func removesAFileAndTakesNothingAsDone() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        try Platform.removeTree(root + "/file")
        #expect(!FileManager.default.fileExists(atPath: root + "/file"))
        try Platform.removeTree(root + "/missing")
        try Platform.removeTree(root + "/missing/deeper")
    }

    @Test func namesThePathItCannotRemove() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        // A path through a file: not a folder, and nothing to remove there.
        #expect(throws: Platform.Failure.self) { try Platform.removeTree(root + "/file/x") }
    }

    @Test func refusesATreeNestedDeeperThanTheLimitAndSaysWhy() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let deep = root + "/deep"
        try FileManager.default.createDirectory(
            atPath: deep + String(repeating: "/d", count: Platform.maximumRemovalDepth + 2),
            withIntermediateDirectories: true)
        #expect {
            try Platform.removeTree(deep)
        } throws: { error in
            "\(error)".contains("nested more than \(Platform.maximumRemovalDepth) deep")
        }
        // A tree within the limit goes whole.
        let shallow = root + "/shallow"
        try FileManager.default.createDirectory(
            atPath: shallow + String(repeating: "/d", count: 20), withIntermediateDirectories: true)
        try Platform.removeTree(shallow)
        #expect(!FileManager.default.fileExists(atPath: shallow))
    }
}
