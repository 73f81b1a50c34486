import Testing

@testable import SitegenCore

@Suite struct BriefNeighbourhoodTests {
    static let links = (0..<4).map { number in
        BriefNeighbourhood.Link(
            slug: "b\(number)", title: "ブリーフ \(number)", titleEN: number == 2 ? nil : "Brief",
            date: Timestamp(seconds: 1_800_000_000 - Int64(number) * 86_400, offset: 32_400),
            sourceName: "OpenAI")
    }

    @Test func linksAndNeighboursComeBackFromTheCacheForm() throws {
        for link in Self.links {
            #expect(BriefNeighbourhood.Link(encoded: link.encoded) == link)
        }
        // Positions 3, 0 and 2 are records 30, 0 and 20; no newer neighbour.
        let numbers = BriefNeighbourhood.encoded(
            related: [3, 0], older: 2, newer: nil, number: { $0 * 10 })
        #expect(numbers == [2, 30, 0, 21, 0])
        let decoded = try #require(
            BriefNeighbourhood(
                encoded: numbers, link: { $0 % 10 == 0 ? Self.links[$0 / 10] : nil }))
        #expect(decoded.related == [Self.links[3], Self.links[0]])
        #expect(decoded.older == Self.links[2] && decoded.newer == nil)
    }

    @Test(arguments: [[], [1], [2, 0, 0], [0, 5, 0], [-1, 0, 0], [0, 0, 0, 0]])
    func malformedNumbersGiveNothing(numbers: [Int]) {
        #expect(
            BriefNeighbourhood(encoded: numbers, link: { $0 < 4 ? Self.links[$0] : nil }) == nil)
    }

    @Test func malformedLinksGiveNothing() {
        #expect(BriefNeighbourhood.Link(encoded: ["a", "b", "", "x", "0", "s"]) == nil)
        #expect(BriefNeighbourhood.Link(encoded: ["a"]) == nil)
    }
}
