/// Numbered pagination for a listing: which page numbers to link and where the gaps go.
///
/// Every listing (home, tags, archives, sources) shows `1 … 4 5 6 … 50`: the first and last
/// pages, the current page and its neighbours, and a gap wherever numbers are left out. A gap never
/// stands for a single page (that page is shown instead), so the row is never longer than it
/// needs to be and page 1 always links the last page directly.
public struct Pagination: Sendable, Equatable {
    /// One place in the row of page links.
    public enum Item: Sendable, Equatable {
        /// A page number; `isCurrent` for the page being shown.
        case page(Int, isCurrent: Bool)
        /// Numbers left out (shown as `…`).
        case gap
    }

    /// The page being shown, from 1.
    public let current: Int
    /// How many pages the listing has (at least 1).
    public let count: Int

    /// The pagination of page `current` of `count`; both are clamped to sensible values.
    public init(current: Int, count: Int) {
        self.count = max(1, count)
        self.current = min(max(1, current), self.count)
    }

    /// How many pages a listing of `itemCount` items needs at `perPage` a page (at least 1).
    public static func pageCount(itemCount: Int, perPage: Int) -> Int {
        let perPage = max(1, perPage)
        return max(1, (itemCount + perPage - 1) / perPage)
    }

    /// The range of item positions shown on page `page` of a listing of `itemCount` items.
    public static func range(page: Int, perPage: Int, itemCount: Int) -> Range<Int> {
        let perPage = max(1, perPage)
        let start = min(itemCount, max(0, (page - 1) * perPage))
        return start..<min(itemCount, start + perPage)
    }

    /// The previous page, if any.
    public var previous: Int? { current > 1 ? current - 1 : nil }

    /// The next page, if any.
    public var next: Int? { current < count ? current + 1 : nil }

    /// Whether there is more than one page (a single page shows no page links).
    public var isPaginated: Bool { count > 1 }

    /// The row of page links: first, last, the current page with its neighbours, and gaps.
    public var items: [Item] {
        var shown: [Int] = [1]
        for number in (current - 1)...(current + 1) where number > 1 && number < count {
            shown.append(number)
        }
        if count > 1 { shown.append(count) }
        var items: [Item] = []
        var last = 0
        for number in shown {
            if number - last == 2 {
                // A gap of one page would take as much room as the page: show the page.
                items.append(.page(last + 1, isCurrent: last + 1 == current))
            } else if number - last > 2 {
                items.append(.gap)
            }
            items.append(.page(number, isCurrent: number == current))
            last = number
        }
        return items
    }

    /// A listing's title that says which page it is: the title alone on page 1, then
    /// `AI (2/50 ページ)` in Japanese or `AI (page 2 of 50)` in other languages.
    public func title(_ title: String, language: String) -> String {
        guard current > 1 else { return title }
        if language.lowercased().hasPrefix("ja") {
            return "\(title) (\(current)/\(count) ページ)"
        }
        return "\(title) (page \(current) of \(count))"
    }
}
