import Foundation
import Testing

@testable import SitegenCore

/// SPEC §6: the output folder is sitegen's own, replaced only whole, and only when marked.
@Suite struct OutputSafetyTests {
    @Test func refusesANonEmptyFolderWithoutTheMark() async throws {
        let home = try Fixture.temporaryDirectory("sitegen-home")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: home + "/notes.txt"))
        let problems = try await Fixture.failures(source: Fixture.path("basic"), output: home)
        #expect(
            problems == [
                "error: refusing to replace '\(home)': it is not empty and was not written by sitegen\n    hint: choose an empty or new folder, or remove it yourself (sitegen marks its own output with .sitegen-output)"
            ])
        #expect(try Fixture.read(home + "/notes.txt") == "precious")
        #expect(Fixture.files(under: home) == ["notes.txt"])
    }

    @Test func replacesItsOwnOutputAndAnEmptyFolder() async throws {
        let output = try Fixture.temporaryDirectory("sitegen-empty")
        try await Fixture.build(source: Fixture.path("basic"), output: output)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: output + "/stale.html"))
        try await Fixture.build(source: Fixture.path("basic"), output: output)
        #expect(!FileManager.default.fileExists(atPath: output + "/stale.html"))
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
    }

    @Test func failedBuildLeavesTheLastGoodSite() async throws {
        let site = try Fixture.copy("basic")
        let (output, _) = try await Fixture.build(source: site)
        let before = Fixture.files(under: output)
        let index = try Fixture.read(output + "/index.html")
        try Data("---\ntitle: [broken\n---\n".utf8).write(
            to: URL(fileURLWithPath: site + "/content/briefs/broken.md"))
        let problems = try await Fixture.failures(source: site, output: output)
        #expect(problems.first?.hasPrefix("content/briefs/broken.md:") == true)
        #expect(Fixture.files(under: output) == before)
        #expect(try Fixture.read(output + "/index.html") == index)
        let parent = (output as NSString).deletingLastPathComponent
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: parent).filter {
                $0.contains("sitegen-tmp")
            }.isEmpty)
    }

    @Test func outputThatIsAFileIsRefused() async throws {
        let file = try Fixture.temporaryDirectory("sitegen-file") + "/public"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let problems = try await Fixture.failures(source: Fixture.path("basic"), output: file)
        #expect(problems == ["error: output path '\(file)' is a file, not a folder"])
    }

    @Test func aSwapInterruptedBetweenItsTwoRenamesIsRecovered() async throws {
        let (output, _) = try await Fixture.build(source: Fixture.path("basic"))
        let parent = (output as NSString).deletingLastPathComponent
        // As if killed after moving the old site aside and before moving the new one in.
        try FileManager.default.moveItem(atPath: output, toPath: parent + "/.public.sitegen-swap")
        let writer = OutputWriter(output: output)
        #expect(writer.checkOwnership() == nil)
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
    }

    @Test(arguments: ["/", "..", "."])
    func refusesRootLikeOutputs(path: String) {
        #expect(OutputWriter(output: path).checkOwnership() != nil)
    }

    @Test(arguments: [
        ("tags/a/index.html", true), ("../x", false), ("/etc/passwd", false), ("a/../b", false),
        ("a//b", false), ("a\\b", false), ("./a", false), ("", false), ("a/...", true),
        ("a/b/", false), (".../x", true), ("a/..", false), ("a\0b", false), (".x/..y", true),
    ])
    func safePaths(path: String, isSafe: Bool) {
        #expect(OutputWriter.isSafe(path) == isSafe)
    }
}
