import Foundation
import Testing

@testable import SitegenCore

@Suite struct TimestampTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo") ?? .gmt
    static let london = TimeZone(identifier: "Europe/London") ?? .gmt

    @Test(arguments: [
        ("2026-04-28", "2026-04-28T00:00:00+09:00"),
        ("2026-04-28T09:00:00+09:00", "2026-04-28T09:00:00+09:00"),
        ("2026-04-28T00:00:00Z", "2026-04-28T09:00:00+09:00"),
        ("2026-04-28 09:00", "2026-04-28T09:00:00+09:00"),
        ("2026-04-28T09:00:00.123-05:00", "2026-04-28T23:00:00+09:00"),
        ("2024-02-29T23:59:59+0900", "2024-02-29T23:59:59+09:00"),
        ("1999-12-31T15:00:00Z", "2000-01-01T00:00:00+09:00"),
    ])
    func parsesAndShowsInSiteTimezone(text: String, rfc3339: String) throws {
        let parsed = try DateParser.parse(text, timeZone: Self.tokyo).get()
        #expect(parsed.rfc3339 == rfc3339)
    }

    @Test(arguments: [
        "2026-4-28", "28/04/2026", "2026-04-28T9:00", "2026-04-28T09:00:00+9", "20260428",
        "2026-04-28X", "",
    ])
    func rejectsOtherForms(text: String) {
        #expect(throws: DateParser.Failure.format) {
            try DateParser.parse(text, timeZone: Self.tokyo).get()
        }
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-04-28T24:00"])
    func rejectsDatesThatDoNotExist(text: String) {
        #expect(throws: (any Error).self) { try DateParser.parse(text, timeZone: Self.tokyo).get() }
    }

    @Test func bareDatesFollowDaylightSavingTime() throws {
        #expect(
            try DateParser.parse("2026-07-01", timeZone: Self.london).get().rfc3339
                == "2026-07-01T00:00:00+01:00")
        #expect(
            try DateParser.parse("2026-01-01", timeZone: Self.london).get().rfc3339
                == "2026-01-01T00:00:00Z")
    }

    /// Property: civil ↔ seconds round-trips for every day over four centuries.
    @Test func civilRoundTrip() {
        var seconds: Int64 = -12_219_292_800  // 1582-10-15
        while seconds < 7_258_118_400 {  // 2200-01-01
            let civil = CivilTime(seconds: seconds + 3723)
            #expect(civil.localSeconds == seconds + 3723)
            seconds += 86_400 * 7 + 1
        }
    }

    @Test func rfc3339DigitsMatchTheStringForm() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let seconds = Int64.random(in: -70_000_000_000...300_000_000_000, using: &generator)
            let offset = [0, 32_400, -18_000, 19_800, -34_200, 50_400, 45, -3_599].randomElement(
                using: &generator)!
            let time = Timestamp(seconds: seconds, offset: offset)
            #expect(time.rfc3339 == time.formattedRFC3339, "\(seconds) \(offset)")
            #expect(time.rfc3339.hasPrefix(time.dateString + "T") || time.civil.year > 9999)
        }
        #expect(Timestamp(seconds: 0, offset: 0).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(
            Timestamp(seconds: 1_777_334_400, offset: 32_400).rfc3339
                == "2026-04-28T09:00:00+09:00")
    }
}
