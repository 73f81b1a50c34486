import Foundation
import Testing

@testable import SitegenCore

@Suite struct TimestampDisplayTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo") ?? .gmt

    @Test(arguments: [
        ("2026-04-28T09:00:00+09:00", "2026年4月28日 9:00", "28 April 2026"),
        ("2026-04-28T00:00:00Z", "2026年4月28日 9:00", "28 April 2026"),
        ("2026-04-30T20:00:00Z", "2026年5月1日 5:00", "1 May 2026"),
        ("2026-12-31T14:59:00Z", "2026年12月31日 23:59", "31 December 2026"),
        ("2026-01-05", "2026年1月5日 0:00", "5 January 2026"),
    ])
    func datesAreShownInTheSiteTimezone(text: String, japanese: String, english: String) throws {
        let date = try DateParser.parse(text, timeZone: Self.tokyo).get()
        #expect(date.japaneseDisplay(in: Self.tokyo) == japanese)
        #expect(date.englishDisplay(in: Self.tokyo) == english)
        #expect(date.display(language: "ja", in: Self.tokyo) == japanese)
        #expect(date.display(language: "en", in: Self.tokyo) == english)
    }

    @Test func theSameInstantIsAnotherDayElsewhere() throws {
        let date = try DateParser.parse("2026-04-30T20:00:00Z", timeZone: .gmt).get()
        #expect(date.englishDisplay(in: .gmt) == "30 April 2026")
        #expect(date.japaneseDateDisplay(in: Self.tokyo) == "2026年5月1日")
    }
}
