import Foundation

/// An instant together with the UTC offset it is shown in.
///
/// Dates come from front matter and are shown in the site's timezone. Formatting is done by hand
/// on integers: it runs for every brief and every listing, and `DateFormatter` is both slow and
/// locale-sensitive.
public struct Timestamp: Sendable, Equatable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// The offset from UTC, in seconds, used when formatting.
    public let offset: Int

    /// Creates a timestamp shown at the given UTC offset.
    public init(seconds: Int64, offset: Int) {
        self.seconds = seconds
        self.offset = offset
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// The same instant shown in `timeZone`.
    public func shown(in timeZone: TimeZone) -> Timestamp {
        Timestamp(
            seconds: seconds,
            offset: timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        )
    }

    /// RFC 3339 with the offset, e.g. `2026-04-28T09:00:00+09:00` (`Z` for UTC).
    public var rfc3339: String {
        let c = civil
        // The usual case (years 0-9999, whole-minute offsets) written digit by digit.
        if (0...9999).contains(c.year), offset % 60 == 0, abs(offset) < 100 * 3600 {
            var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: offset == 0 ? 20 : 25)
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var value = value
                for index in stride(from: at + width - 1, through: at, by: -1) {
                    bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(c.year, 0, 4)
            bytes[4] = UInt8(ascii: "-")
            put(c.month, 5, 2)
            bytes[7] = UInt8(ascii: "-")
            put(c.day, 8, 2)
            bytes[10] = UInt8(ascii: "T")
            put(c.hour, 11, 2)
            bytes[13] = UInt8(ascii: ":")
            put(c.minute, 14, 2)
            bytes[16] = UInt8(ascii: ":")
            put(c.second, 17, 2)
            if offset == 0 {
                bytes[19] = UInt8(ascii: "Z")
            } else {
                let magnitude = abs(offset) / 60
                bytes[19] = UInt8(ascii: offset < 0 ? "-" : "+")
                put(magnitude / 60, 20, 2)
                bytes[22] = UInt8(ascii: ":")
                put(magnitude % 60, 23, 2)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return formattedRFC3339
    }

    /// `rfc3339` assembled from strings: any year and offset (and the reference for tests).
    var formattedRFC3339: String {
        let c = civil
        var text =
            c.dateString + "T" + Self.pad2(c.hour) + ":" + Self.pad2(c.minute) + ":"
            + Self.pad2(c.second)
        if offset == 0 {
            text += "Z"
        } else {
            let magnitude = abs(offset) / 60
            text +=
                (offset < 0 ? "-" : "+") + Self.pad2(magnitude / 60) + ":"
                + Self.pad2(magnitude % 60)
        }
        return text
    }

    /// The calendar date at the offset, e.g. `2026-04-28`.
    public var dateString: String { civil.dateString }

    /// The calendar year at the offset.
    public var year: Int { civil.year }

    /// Calendar fields of the instant at `offset`.
    var civil: CivilTime { CivilTime(seconds: seconds + Int64(offset)) }

    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Calendar fields of a local time, converted with Howard Hinnant's days-from-civil algorithms.
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int = 0
    var minute: Int = 0
    var second: Int = 0

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    /// Splits local seconds since the epoch into fields.
    init(seconds: Int64) {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
        month = Int(m)
        day = Int(d)
        hour = Int(rest / 3600)
        minute = Int(rest % 3600 / 60)
        second = Int(rest % 60)
    }

    /// Local seconds since the epoch (as if the local time were UTC).
    var localSeconds: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    var dateString: String {
        if (0...9999).contains(year) {
            var bytes: [UInt8] = Array("0000-00-00".utf8)
            var value = year
            for index in stride(from: 3, through: 0, by: -1) {
                bytes[index] += UInt8(value % 10)
                value /= 10
            }
            bytes[5] += UInt8(month / 10)
            bytes[6] += UInt8(month % 10)
            bytes[8] += UInt8(day / 10)
            bytes[9] += UInt8(day % 10)
            return String(decoding: bytes, as: UTF8.self)
        }
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
            + Timestamp.pad2(month) + "-" + Timestamp.pad2(day)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Parses the date forms front matter accepts.
///
/// `2026-04-28` (midnight in the site's timezone), `2026-04-28T09:00:00+09:00`, `…Z`, a space
/// instead of `T`, optional seconds and fractions, and a local time without offset (taken in the
/// site's timezone).
enum DateParser {
    /// Why a date string was refused.
    enum Failure: Error, Equatable {
        case format
        case outOfRange(String)
    }

    static func parse(_ text: String, timeZone: TimeZone) -> Result<Timestamp, Failure> {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.take(UInt8(ascii: "-")),
            let month = scanner.number(digits: 2), scanner.take(UInt8(ascii: "-")),
            let day = scanner.number(digits: 2)
        else { return .failure(.format) }
        guard (1...12).contains(month) else { return .failure(.outOfRange("month \(month)")) }
        guard (1...CivilTime.daysInMonth(month, year: year)).contains(day) else {
            return .failure(.outOfRange("day \(day) of \(year)-\(Timestamp.pad2(month))"))
        }
        var civil = CivilTime(year: year, month: month, day: day)
        if scanner.isAtEnd { return .success(local(civil, in: timeZone)) }
        guard
            scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: "t"))
                || scanner.take(UInt8(ascii: " "))
        else { return .failure(.format) }
        guard let hour = scanner.number(digits: 2), scanner.take(UInt8(ascii: ":")),
            let minute = scanner.number(digits: 2)
        else { return .failure(.format) }
        var second = 0
        if scanner.take(UInt8(ascii: ":")) {
            guard let s = scanner.number(digits: 2) else { return .failure(.format) }
            second = s
            if scanner.take(UInt8(ascii: ".")) {
                guard scanner.skipDigits() > 0 else { return .failure(.format) }
            }
        }
        guard hour < 24, minute < 60, second < 60 else {
            return .failure(.outOfRange("time \(hour):\(Timestamp.pad2(minute))"))
        }
        (civil.hour, civil.minute, civil.second) = (hour, minute, second)
        _ = scanner.take(UInt8(ascii: " "))
        if scanner.isAtEnd { return .success(local(civil, in: timeZone)) }
        let offset: Int
        if scanner.take(UInt8(ascii: "Z")) || scanner.take(UInt8(ascii: "z")) {
            offset = 0
        } else {
            let sign: Int
            if scanner.take(UInt8(ascii: "+")) {
                sign = 1
            } else if scanner.take(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return .failure(.format)
            }
            guard let oh = scanner.number(digits: 2) else { return .failure(.format) }
            _ = scanner.take(UInt8(ascii: ":"))
            guard let om = scanner.number(digits: 2), oh < 24, om < 60 else {
                return .failure(.format)
            }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard scanner.isAtEnd else { return .failure(.format) }
        return .success(
            Timestamp(seconds: civil.localSeconds - Int64(offset), offset: offset)
                .shown(in: timeZone))
    }

    /// The instant at which the wall clock in `timeZone` shows `civil`.
    static func local(_ civil: CivilTime, in timeZone: TimeZone) -> Timestamp {
        let local = civil.localSeconds
        var guess = local - Int64(timeZone.secondsFromGMT(for: date(local)))
        // A second pass settles days on which the offset changes.
        guess = local - Int64(timeZone.secondsFromGMT(for: date(guess)))
        return Timestamp(seconds: guess, offset: timeZone.secondsFromGMT(for: date(guess)))
    }

    private static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// Reads fixed-width decimal fields from ASCII bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        return index - start
    }
}
