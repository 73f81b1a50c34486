extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, newlines, U+3000 …).
    ///
    /// Foundation's `trimmingCharacters(in:)` bridges through `NSString`; this runs for every
    /// front-matter value, so it stays in the standard library.
    @inlinable package var trimmed: String {
        // Fast path: ASCII ends that are not white space (the usual front-matter value).
        let utf8 = self.utf8
        if let first = utf8.first, let last = utf8.reversed().first, first > 32, first < 128,
            last > 32, last < 128
        {
            return String(self)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else {
            return ""
        }
        var end = scalars.endIndex
        while end > first {
            let previous = scalars.index(before: end)
            if !scalars[previous].properties.isWhitespace { break }
            end = previous
        }
        // Most values (Japanese text, say) have nothing to trim: keep them as they are.
        if first == scalars.startIndex && end == scalars.endIndex { return String(self) }
        return String(self[first..<end])
    }
}
