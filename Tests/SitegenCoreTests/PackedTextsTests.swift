import SitegenBase
import Testing

@testable import SitegenCore

/// A brief's key points are held packed (`PackedTexts`): what goes in comes out, whatever the
/// texts hold, and fingerprints are those of the lists as strings.
@Suite struct PackedTextsTests {
    static let awkward = [
        "要点：3;4:5", "", "12:", ";", "Point with ümlauts and 😀", String(repeating: "長", count: 400),
    ]

    @Test func listsComeBackAsPacked() {
        let lists = [Self.awkward, [], ["one"], Self.awkward.reversed()]
        let packed = PackedTexts(lists)
        for (index, list) in lists.enumerated() {
            #expect(packed.list(index) == list)
        }
        #expect(packed.list(4) == [])
        #expect(PackedTexts([]).list(0) == [])
    }

    @Test func replacingAListKeepsTheOthers() {
        var packed = PackedTexts([["a", "b"], ["c"]])
        packed.setList(0, Self.awkward)
        #expect(packed.list(0) == Self.awkward)
        #expect(packed.list(1) == ["c"])
        packed.setList(3, ["d"])
        #expect(packed == PackedTexts([Self.awkward, ["c"], [], ["d"]]))
        packed.setList(1, [])
        #expect(packed.list(1) == [])
        #expect(packed.list(3) == ["d"])
    }

    @Test func equalListsPackEqually() {
        #expect(PackedTexts([["a:b"], ["c"]]) == PackedTexts([["a:b"], ["c"]]))
        #expect(PackedTexts([["a", "b"]]) != PackedTexts([["ab"]]))
        #expect(PackedTexts([["a"], []]) != PackedTexts([[], ["a"]]))
    }

    @Test func fingerprintIsThatOfTheStrings() {
        let lists = [Self.awkward, ["x"]]
        let packed = PackedTexts(lists)
        for index in 0..<3 {
            var expected = Fingerprint()
            let list = index < lists.count ? lists[index] : []
            expected.combine(Int64(list.count))
            for text in list { expected.combine(text) }
            var actual = Fingerprint()
            packed.combine(index, into: &actual)
            #expect(actual == expected)
        }
    }

    @Test func briefFieldsKeepTheirKeyPoints() {
        var fields = BriefFieldsTests.sample
        fields.summary = Self.awkward
        #expect(fields.summary == Self.awkward)
        #expect(fields.summaryEN == ["Point"])
        fields.summaryEN = []
        #expect(fields.summaryEN == [])
        #expect(fields.summary == Self.awkward)
    }
}
