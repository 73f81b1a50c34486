import Foundation
import Testing

@testable import SitegenCore

@Suite struct ArchiveTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo") ?? .gmt
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    static func seconds(_ text: String) throws -> Int64 {
        try DateParser.parse(text, timeZone: .gmt).get().seconds
    }

    static func shape(_ archive: Archive) -> String {
        archive.years.map { year in
            "\(year.year)(\(year.count)): "
                + year.months.map { "\($0.month)=\($0.positions)" }.joined(separator: " ")
        }.joined(separator: "; ")
    }

    @Test func aBriefBelongsToTheMonthOfItsDateInTheSiteTimezone() throws {
        // 20:00 UTC on 30 April is 05:00 on 1 May in Tokyo, and still April in UTC.
        let dates = [
            try Self.seconds("2026-05-02T00:00:00Z"), try Self.seconds("2026-04-30T20:00:00Z"),
            try Self.seconds("2026-04-30T14:59:59Z"),
        ]
        #expect(
            Self.shape(Archive(dates: dates, timeZone: Self.tokyo)) == "2026(3): 5=[0, 1] 4=[2]")
        #expect(Self.shape(Archive(dates: dates, timeZone: .gmt)) == "2026(3): 5=[0] 4=[1, 2]")
    }

    @Test func yearsAndMonthsAreNewestFirstWithCounts() throws {
        let dates = try [
            "2027-01-01T00:00:00Z", "2026-12-31T23:00:00Z", "2026-03-01T00:00:00Z",
            "2026-03-01T00:00:00Z", "2025-11-20T00:00:00Z",
        ].map(Self.seconds)
        let archive = Archive(dates: dates, timeZone: .gmt)
        #expect(
            Self.shape(archive) == "2027(1): 1=[0]; 2026(3): 12=[1] 3=[2, 3]; 2025(1): 11=[4]")
        #expect(archive.years[1].sitePath == "archive/2026/")
        #expect(archive.years[1].months[1].sitePath == "archive/2026/03/")
        #expect(Archive(dates: [], timeZone: .gmt).years.isEmpty)
    }

    @Test func daylightSavingTimeMovesTheMonthEdge() throws {
        // 04:30 UTC on 1 November 2026 is 00:30 EDT (still daylight time): November in New York;
        // 03:30 UTC is 23:30 on 31 October.
        let dates = try ["2026-11-01T04:30:00Z", "2026-11-01T03:30:00Z"].map(Self.seconds)
        #expect(
            Self.shape(Archive(dates: dates, timeZone: Self.newYork)) == "2026(2): 11=[0] 10=[1]")
    }

    @Test func offsetsThatChangeInsideAnHourAreTakenPerInstant() throws {
        // In New York the clock goes back at 06:00 UTC on 1 November 2026; one hour around it.
        let zone = Self.newYork
        let start = try Self.seconds("2026-11-01T05:30:00Z")
        let dates = (0..<120).map { start + Int64($0 * 60) }
        let archive = Archive(dates: dates, timeZone: zone)
        for year in archive.years {
            for month in year.months {
                for position in month.positions {
                    let expected = Timestamp(seconds: dates[position], offset: 0).shown(in: zone)
                    #expect(expected.civil.month == month.month)
                }
            }
        }
    }

    @Test func monthNames() {
        #expect(Archive.englishMonthName(4) == "April")
        #expect(Archive.englishMonthName(12) == "December")
    }
}
