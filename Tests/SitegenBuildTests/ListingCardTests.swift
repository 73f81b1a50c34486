import Foundation
import Testing

@testable import SitegenCore

/// Above `BuildOptions.wholeCardLimit` briefs, listing cards keep only the fields listing
/// templates can look up and brief pages make their own: the same site either way.
@Suite struct ListingCardTests {
    /// Builds the site twice, with whole cards and with cards cut to what listings use.
    func bothWays(_ site: TemporarySite) async throws -> (
        whole: [String: Data], cut: [String: Data]
    ) {
        var snapshots: [[String: Data]] = []
        for limit in [Int.max, 0] {
            let output = try Fixture.temporaryDirectory("sitegen-cards") + "/public"
            var options = BuildOptions(source: site.root, output: output, now: Fixture.now)
            options.wholeCardLimit = limit
            _ = try await SiteBuilder(options: options).build()
            snapshots.append(IncrementalBuildTests.snapshot(output))
        }
        return (snapshots[0], snapshots[1])
    }

    /// The fixture theme's listings show card fields through `partials/card`.
    @Test func aThemeWhoseListingsShowCardFields() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        let (whole, cut) = try await bothWays(site)
        #expect(whole.count > 20)
        #expect(whole == cut)
    }

    /// The built-in theme's listings show `card_html` alone.
    @Test(arguments: [false, true])
    func theBuiltInTheme(search: Bool) async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12, search: search)
        try FileManager.default.removeItem(atPath: site.root + "/templates")
        #expect(try Templates(files: []).listingCardFields == ["card_html"])
        let (whole, cut) = try await bothWays(site)
        #expect(whole.keys.contains("tags/t1/index.html"))
        #expect(whole == cut)
    }
}
