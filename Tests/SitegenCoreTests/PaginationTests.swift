import Testing

@testable import SitegenCore

@Suite struct PaginationTests {
    /// The row as text: numbers, `[5]` for the current page, `…` for a gap.
    static func row(_ current: Int, of count: Int) -> String {
        Pagination(current: current, count: count).items.map { item in
            switch item {
            case .page(let number, let isCurrent): return isCurrent ? "[\(number)]" : "\(number)"
            case .gap: return "…"
            }
        }.joined(separator: " ")
    }

    @Test(arguments: [
        (1, 1, "[1]"),
        (1, 2, "[1] 2"),
        (2, 2, "1 [2]"),
        (1, 3, "[1] 2 3"),
        (2, 3, "1 [2] 3"),
        (3, 3, "1 2 [3]"),
        (1, 4, "[1] 2 3 4"),
        (1, 5, "[1] 2 … 5"),
        (3, 5, "1 2 [3] 4 5"),
        (5, 50, "1 … 4 [5] 6 … 50"),
        (1, 50, "[1] 2 … 50"),
        (4, 50, "1 2 3 [4] 5 … 50"),
        (47, 50, "1 … 46 [47] 48 49 50"),
        (50, 50, "1 … 49 [50]"),
        (25, 496, "1 … 24 [25] 26 … 496"),
    ])
    func rowShowsFirstLastNeighboursAndGaps(current: Int, count: Int, expected: String) {
        #expect(Self.row(current, of: count) == expected)
    }

    @Test func firstPageLinksTheLastDirectly() {
        for count in 2...60 {
            let items = Pagination(current: 1, count: count).items
            #expect(items.last == .page(count, isCurrent: false))
            #expect(items.count <= 7)
        }
    }

    @Test func everyRowIsIncreasingWithOneCurrentPageAndNoSinglePageGap() {
        for count in 1...40 {
            for current in 1...count {
                var last = 0
                var currents = 0
                var afterGap = false
                for item in Pagination(current: current, count: count).items {
                    switch item {
                    case .gap:
                        afterGap = true
                    case .page(let number, let isCurrent):
                        #expect(number > last)
                        #expect(afterGap ? number - last > 2 : number - last == 1)
                        if isCurrent { currents += 1 }
                        #expect(isCurrent == (number == current))
                        last = number
                        afterGap = false
                    }
                }
                #expect(currents == 1)
                #expect(last == count)
            }
        }
    }

    @Test func previousNextAndClamping() {
        let first = Pagination(current: 1, count: 3)
        #expect(first.previous == nil && first.next == 2 && first.isPaginated)
        let last = Pagination(current: 3, count: 3)
        #expect(last.previous == 2 && last.next == nil)
        #expect(Pagination(current: 9, count: 3).current == 3)
        #expect(Pagination(current: 0, count: 0) == Pagination(current: 1, count: 1))
        #expect(!Pagination(current: 1, count: 1).isPaginated)
    }

    @Test func pageCountAndRanges() {
        #expect(Pagination.pageCount(itemCount: 0, perPage: 20) == 1)
        #expect(Pagination.pageCount(itemCount: 20, perPage: 20) == 1)
        #expect(Pagination.pageCount(itemCount: 21, perPage: 20) == 2)
        #expect(Pagination.range(page: 2, perPage: 20, itemCount: 21) == 20..<21)
        #expect(Pagination.range(page: 3, perPage: 20, itemCount: 21) == 21..<21)
    }

    @Test func titlesSayWhichPageTheyAre() {
        #expect(Pagination(current: 1, count: 5).title("OpenAI", language: "ja") == "OpenAI")
        #expect(
            Pagination(current: 2, count: 5).title("OpenAI", language: "ja")
                == "OpenAI (2/5 ページ)")
        #expect(
            Pagination(current: 2, count: 5).title("OpenAI", language: "en")
                == "OpenAI (page 2 of 5)")
    }
}
