import Foundation
import SitegenCore
import Testing

/// Broken sites in `Fixtures/invalid/<name>/`: the build fails with exactly the problems in
/// `expected-errors.txt`, and writes nothing.
@Suite struct InvalidSiteTests {
    static let names: [String] = {
        let root = Fixture.path("invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
    }()

    @Test(arguments: names)
    func reportsEveryProblemAndWritesNothing(name: String) async throws {
        let source = Fixture.path("invalid/" + name)
        let output = try Fixture.temporaryDirectory("sitegen-invalid") + "/public"
        let problems = try await Fixture.failures(source: source, output: output)
        let expected = try Fixture.read(source + "/expected-errors.txt")
        #expect(problems.joined(separator: "\n") + "\n" == expected)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func fixturesExist() {
        #expect(Self.names.count >= 2)
    }
}
