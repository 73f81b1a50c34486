extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, newlines, U+3000 …).
    ///
    /// Foundation's `trimmingCharacters(in:)` bridges through `NSString`; this runs for every
    /// front-matter value, so it stays in the standard library.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        var end = scalars.endIndex
        while end > first {
            let previous = scalars.index(before: end)
            if !scalars[previous].properties.isWhitespace { break }
            end = previous
        }
        return String(String.UnicodeScalarView(scalars[first..<end]))
    }
}
