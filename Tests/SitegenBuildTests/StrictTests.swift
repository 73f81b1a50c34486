import Foundation
import SitegenCore
import Testing

/// Warnings are reported and do not stop a build; `--strict` makes them errors.
@Suite struct StrictTests {
    static func site() throws -> TemporarySite {
        try TemporarySite(["content/briefs/typo.md": TemporarySite.brief(extra: "titel: Typo")])
    }

    @Test func warningsAreReportedWithoutStrict() async throws {
        let (_, report) = try await Fixture.build(source: try Self.site().root)
        #expect(
            report.warnings.map(\.description) == [
                "content/briefs/typo.md:7:1: warning: unknown key 'titel'\n    hint: did you mean 'title'?"
            ])
    }

    @Test func strictMakesWarningsErrors() async throws {
        let problems = try await Fixture.failures(source: try Self.site().root, strict: true)
        #expect(
            problems == [
                "content/briefs/typo.md:7:1: error: unknown key 'titel'\n    hint: did you mean 'title'?"
            ])
    }

    @Test func strictFailsEvenWhenACachedBuildHadNothingToDo() async throws {
        let site = try Self.site()
        let root = (site.root as NSString).deletingLastPathComponent
        let old = Date(timeIntervalSinceNow: -3600)
        for file in Fixture.files(under: site.root) {
            try FileManager.default.setAttributes(
                [.modificationDate: old], ofItemAtPath: site.root + "/" + file)
        }
        let relaxed = BuildOptions(
            source: site.root, output: root + "/public", now: Fixture.now,
            cacheDirectory: root + "/cache")
        let first = try await SiteBuilder(options: relaxed).build()
        #expect(first.warnings.count == 1)
        var strict = relaxed
        strict.isStrict = true
        await #expect(throws: BuildFailure.self) { try await SiteBuilder(options: strict).build() }
        let again = try await SiteBuilder(options: relaxed).build()
        #expect(again.isUpToDate)
        #expect(again.warnings.count == 1)
    }
}
