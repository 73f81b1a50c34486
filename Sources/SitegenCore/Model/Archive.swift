import Foundation

/// Briefs grouped by year and month in the site's timezone, for `/archive/`.
///
/// A brief belongs to the month its date falls in where the site is: 20:00 UTC on 30 April is
/// 05:00 on 1 May in Tokyo, so a Tokyo site files it under May. Years and months are newest first;
/// inside a month the briefs keep the order they were given in (the listing order).
public struct Archive: Sendable, Equatable {
    /// One calendar month that has briefs.
    public struct Month: Sendable, Equatable {
        /// The year, e.g. 2026.
        public let year: Int
        /// The month, 1-12.
        public let month: Int
        /// Positions of the month's briefs in the input, in input order.
        public let positions: [Int]

        /// How many briefs the month has.
        public var count: Int { positions.count }

        /// The site path of the month's first page, e.g. `archive/2026/05/`.
        public var sitePath: String {
            "archive/\(Archive.digits(year, 4))/\(Archive.digits(month, 2))/"
        }
    }

    /// One year that has briefs.
    public struct Year: Sendable, Equatable {
        /// The year, e.g. 2026.
        public let year: Int
        /// Its months with briefs, newest first.
        public let months: [Month]
        /// Positions of the year's briefs in the input, in input order.
        public let positions: [Int]

        /// How many briefs the year has.
        public var count: Int { positions.count }

        /// The site path of the year's first page, e.g. `archive/2026/`.
        public var sitePath: String { Permalinks.archive(year: year) }
    }

    /// Years with briefs, newest first.
    public let years: [Year]

    /// Groups instants (seconds since 1970, one per brief) by the month they fall in, in
    /// `timeZone`.
    public init(dates: [Int64], timeZone: TimeZone) {
        var byMonth: [Int: [Int]] = [:]
        // Briefs come in date order, so consecutive ones usually share an hour: ask the timezone
        // about an hour once, and about single instants only in an hour where the offset changes.
        var cachedHour = Int64.min
        var cachedOffset: Int?
        func offset(_ seconds: Int64) -> Int {
            timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        for (position, seconds) in dates.enumerated() {
            let hour = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
            if hour != cachedHour {
                cachedHour = hour
                let start = offset(hour * 3600)
                cachedOffset = start == offset(hour * 3600 + 3599) ? start : nil
            }
            let shift = cachedOffset ?? offset(seconds)
            let civil = CivilTime(seconds: seconds + Int64(shift))
            byMonth[civil.year * 100 + civil.month, default: []].append(position)
        }
        var years: [Year] = []
        var months: [Month] = []
        for key in byMonth.keys.sorted(by: >) {
            let month = Month(year: key / 100, month: key % 100, positions: byMonth[key] ?? [])
            if let last = months.last, last.year != month.year {
                years.append(Self.year(months))
                months = []
            }
            months.append(month)
        }
        if !months.isEmpty { years.append(Self.year(months)) }
        self.years = years
    }

    private static func year(_ months: [Month]) -> Year {
        let year = months[0].year
        return Year(year: year, months: months, positions: months.flatMap(\.positions).sorted())
    }

    /// A number with leading zeros up to `width` digits.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The English name of a month, 1-12 (`April`).
    public static func englishMonthName(_ month: Int) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ]
        return (1...12).contains(month) ? names[month - 1] : String(month)
    }
}
