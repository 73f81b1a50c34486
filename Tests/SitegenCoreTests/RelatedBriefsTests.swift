import Foundation
import Testing

@testable import SitegenCore

@Suite struct RelatedBriefsTests {
    typealias Brief = RelatedBriefs.Brief
    static let day: Int64 = 86_400

    @Test func chunksOnSeveralCoresChooseAsOneChunkDoes() {
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0..<1_000_000, using: &generator)
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let briefs = (0..<3_000).map { position in
            Brief(
                tags: (0..<next(4)).map { _ in next(40) }, source: next(5) == 0 ? nil : next(30),
                seconds: -Int64(position) * 3_600 - Int64(next(3_600)))
        }
        let whole = RelatedBriefs(briefs: briefs, minimumChunk: .max).positions
        for minimumChunk in [1, 7, 500, 1_500] {
            #expect(
                RelatedBriefs(briefs: briefs, minimumChunk: minimumChunk).positions == whole,
                "seed \(seed), chunks of at least \(minimumChunk)")
        }
    }

    @Test func sharedRareTagsWeighMoreThanCommonOnes() {
        // Tag 0 is on every brief, tag 1 on two: brief 3 shares the rare tag with brief 0.
        var briefs = (0..<10).map { Brief(tags: [0], source: nil, seconds: -Int64($0) * Self.day) }
        briefs[0] = Brief(tags: [0, 1], source: nil, seconds: 0)
        briefs[3] = Brief(tags: [0, 1], source: nil, seconds: -3 * Self.day)
        let related = RelatedBriefs(briefs: briefs).positions
        #expect(related[0] == [3, 1, 2, 4, 5])
        #expect(related[3].first == 0)
        #expect(related.allSatisfy { $0.count == 5 && !$0.isEmpty })
    }

    @Test func sameSourceAndNearnessBreakTies() {
        let briefs = [
            Brief(tags: [7], source: 1, seconds: 0),
            Brief(tags: [7], source: 2, seconds: -1 * Self.day),
            Brief(tags: [7], source: 1, seconds: -30 * Self.day),
            Brief(tags: [7], source: 2, seconds: -2 * Self.day),
        ]
        let related = RelatedBriefs(briefs: briefs).positions
        // Brief 2 is a month away but on the same source, which counts for more than a day.
        #expect(related[0] == [2, 1, 3])
        #expect(related[1] == [3, 0, 2])
    }

    @Test func aBriefNeverListsItselfAndLonersGetTheirNeighbours() {
        let briefs = (0..<8).map { Brief(tags: [$0], source: $0, seconds: -Int64($0) * 3600) }
        let related = RelatedBriefs(briefs: briefs).positions
        for (position, list) in related.enumerated() { #expect(!list.contains(position)) }
        #expect(related[0] == [1, 2, 3])
        #expect(related[4] == [3, 5, 2, 6, 1])
        #expect(RelatedBriefs(briefs: []).positions.isEmpty)
        #expect(RelatedBriefs(briefs: [Brief(tags: [1], source: 1, seconds: 0)]).positions == [[]])
    }

    @Test func largeTagsAreSearchedNearTheBrief() {
        let list = [7, 7] + Array(stride(from: 0, to: 1000, by: 2))
        let all = 2..<list.count
        func near(_ position: Int) -> [Int] {
            Array(list[RelatedBriefs.near(position, in: list, all)])
        }
        #expect(near(500).count == RelatedBriefs.window)
        #expect(near(500).contains(500) && near(500).first == 500 - RelatedBriefs.window)
        #expect(near(0).first == 0)
        #expect(near(999).last == 998)
        #expect(RelatedBriefs.near(3, in: list, 0..<2) == 0..<2)
    }

    /// A site shaped like the 10,000-brief benchmark: ~300 tags with a long tail, ~40 sources.
    static func largeSite(count: Int, seed: UInt64) -> [Brief] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        return (0..<count).map { position in
            let tags = (0..<(1 + Int(next() % 5))).map { _ -> Int in
                // Squaring skews the choice towards the first tags, as real tag use is.
                let r = Double(next() % 10_000) / 10_000
                return Int(r * r * 300)
            }
            return Brief(
                tags: tags, source: Int(next() % 40),
                seconds: 1_800_000_000 - Int64(position) * 3000)
        }
    }

    @Test func tenThousandBriefsAreDeterministicAndFast() {
        let briefs = Self.largeSite(count: 10_000, seed: 11)
        let clock = ContinuousClock()
        var first: [[Int]] = []
        let elapsed = clock.measure { first = RelatedBriefs(briefs: briefs).positions }
        #expect(first == RelatedBriefs(briefs: briefs).positions)
        #expect(first.allSatisfy { $0.count == RelatedBriefs.limit })
        #expect(first.enumerated().allSatisfy { !$1.contains($0) })
        // A debug build beside other tests; a release build takes well under 0.1 s (README).
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }
}
