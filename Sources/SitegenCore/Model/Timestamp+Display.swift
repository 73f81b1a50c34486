import Foundation

/// Dates as readers see them: 「2026年4月28日 9:00」 in Japanese, `28 April 2026` in English.
///
/// Both are written by hand from the calendar fields in the site's timezone (the `<time
/// datetime>` attribute keeps the RFC 3339 form): `DateFormatter` depends on the machine's ICU
/// data and locale, and output must be byte-identical everywhere.
extension Timestamp {
    /// 「2026年4月28日 9:00」: the date and the 24-hour time (hour without a leading zero) in
    /// `timeZone`.
    public func japaneseDisplay(in timeZone: TimeZone) -> String {
        let c = shown(in: timeZone).civil
        return "\(c.year)年\(c.month)月\(c.day)日 \(c.hour):\(Self.pad2(c.minute))"
    }

    /// 「2026年4月28日」: the date alone in `timeZone`.
    public func japaneseDateDisplay(in timeZone: TimeZone) -> String {
        let c = shown(in: timeZone).civil
        return "\(c.year)年\(c.month)月\(c.day)日"
    }

    /// `28 April 2026`: the date in `timeZone`, day first, month spelt out.
    public func englishDisplay(in timeZone: TimeZone) -> String {
        let c = shown(in: timeZone).civil
        return "\(c.day) \(Archive.englishMonthName(c.month)) \(c.year)"
    }

    /// The display form for a language: Japanese for `ja`, English otherwise.
    public func display(language: String, in timeZone: TimeZone) -> String {
        language.lowercased().hasPrefix("ja")
            ? japaneseDisplay(in: timeZone) : englishDisplay(in: timeZone)
    }
}
