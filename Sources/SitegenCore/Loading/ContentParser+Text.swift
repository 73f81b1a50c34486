import Foundation
import SitegenBase

/// The byte-level readers `ContentParser` uses: URL hosts, language codes and markers, body
/// sections and UTF-8 checks.
extension ContentParser {
    /// The host of an absolute `http:` or `https:` URL, or `nil` for anything else (relative URLs,
    /// other schemes, white space or control characters, an empty or malformed host).
    static func httpHost(of url: String) -> String? {
        let bytes = Array(url.utf8)
        guard !bytes.contains(where: { $0 <= 32 || $0 == 127 }) else { return nil }
        let lower = url.lowercased()
        let schemeLength: Int
        if lower.hasPrefix("https://") {
            schemeLength = 8
        } else if lower.hasPrefix("http://") {
            schemeLength = 7
        } else {
            return nil
        }
        var end = schemeLength
        while end < bytes.count,
            ![UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains(bytes[end])
        { end += 1 }
        var authority = bytes[schemeLength..<end]
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            authority = authority[(at + 1)...]
        }
        var host = authority
        var port: ArraySlice<UInt8> = []
        if authority.first == UInt8(ascii: "[") {
            // An IPv6 literal: [::1] or [::1]:8080.
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = authority[...close]
            port = authority[(close + 1)...]
            if let colon = port.first {
                guard colon == UInt8(ascii: ":") else { return nil }
                port = port.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: UInt8(ascii: ":")) {
            host = authority[..<colon]
            port = authority[(colon + 1)...]
        }
        guard port.allSatisfy({ (48...57).contains($0) }) else { return nil }
        guard !host.isEmpty,
            !host.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\\") })
        else { return nil }
        return String(decoding: host, as: UTF8.self)
    }

    /// `ja`, `en`, `zh-Hant`, `pt-BR`: BCP 47-shaped, letters and digits.
    static func isLanguageCode(_ text: String) -> Bool {
        isLanguageCode(text.utf8)
    }

    /// `isLanguageCode` on UTF-8 bytes: ASCII letters (first part, 2-8 of them) and then parts
    /// of 1-8 ASCII letters and digits, joined by `-`.
    static func isLanguageCode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var partLength = 0
        var isFirstPart = true
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                guard isFirstPart ? (2...8).contains(partLength) : (1...8).contains(partLength)
                else { return false }
                isFirstPart = false
                partLength = 0
                continue
            }
            let isLetter = (65...90).contains(byte) || (97...122).contains(byte)
            guard isLetter || (!isFirstPart && (48...57).contains(byte)) else { return false }
            partLength += 1
        }
        return isFirstPart ? (2...8).contains(partLength) : (1...8).contains(partLength)
    }

    /// Splits a body on lines that are exactly `<!-- lang: xx -->`; empty sections are dropped.
    ///
    /// Runs on every brief, so it finds line ends with `memchr` and only looks closer at lines
    /// starting `<!`.
    public static func sections(of body: String, language: String) -> [MarkdownSection] {
        var body = body
        let found = body.withUTF8 { sectionRanges(of: $0, language: language) }
        // Section bounds are line starts and ends (before a line feed or blank), so they fall
        // between characters: the text is copied without checking it again.
        let utf8 = body.utf8
        return found.map { section in
            let start = utf8.index(utf8.startIndex, offsetBy: section.range.lowerBound)
            let end = utf8.index(utf8.startIndex, offsetBy: section.range.upperBound)
            var markdown = ""
            markdown.reserveCapacity(section.range.count + 1)
            markdown += body[start..<end]
            markdown += "\n"
            return MarkdownSection(language: section.language, markdown: markdown)
        }
    }

    /// Each section's language and byte range, in order.
    private static func sectionRanges(of bytes: UnsafeBufferPointer<UInt8>, language: String)
        -> [(language: String, range: Range<Int>)]
    {
        var found: [(language: String, range: Range<Int>)] = []
        var current = language
        var sectionStart = 0
        var lineStart = 0
        func flush(upTo end: Int) {
            var last = end
            // Drop trailing blank lines; keep one final newline.
            while last > sectionStart,
                bytes[last - 1] == 10 || bytes[last - 1] == 32 || bytes[last - 1] == 9
            { last -= 1 }
            guard last > sectionStart else { return }
            found.append((current, sectionStart..<last))
        }
        guard let base = bytes.baseAddress else { return [] }
        while lineStart < bytes.count {
            let lineEnd =
                Platform.firstIndex(
                    of: 10, in: UnsafeRawPointer(base + lineStart), count: bytes.count - lineStart
                ).map { lineStart + $0 } ?? bytes.count
            var first = lineStart
            while first < lineEnd, bytes[first] == 32 || bytes[first] == 9 { first += 1 }
            if lineEnd - first >= 4, bytes[first] == UInt8(ascii: "<"),
                bytes[first + 1] == UInt8(ascii: "!"),
                let marker = languageMarker(bytes[first..<lineEnd])
            {
                flush(upTo: lineStart)
                current = marker
                sectionStart = min(lineEnd + 1, bytes.count)
            }
            lineStart = lineEnd + 1
        }
        flush(upTo: bytes.count)
        return found
    }

    /// The language of a `<!-- lang: xx -->` line (its UTF-8 bytes, leading blanks dropped), or
    /// `nil` for any other line.
    static func languageMarker<Line: BidirectionalCollection<UInt8>>(_ line: Line) -> String? {
        func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
        var text = line[...]
        while let last = text.last, isBlank(last) { text = text.dropLast() }
        guard text.count >= 7, text.starts(with: "<!--".utf8),
            text.reversed().starts(with: ">--".utf8)
        else { return nil }
        var inner = text.dropFirst(4).dropLast(3)
        while let first = inner.first, isBlank(first) { inner = inner.dropFirst() }
        while let last = inner.last, isBlank(last) { inner = inner.dropLast() }
        guard inner.starts(with: "lang:".utf8) else { return nil }
        let code = inner.dropFirst(5).drop(while: isBlank)
        return isLanguageCode(code) ? String(decoding: code, as: UTF8.self) : nil
    }

    /// The line and byte column of the first invalid UTF-8 sequence, or `nil` when all is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
        var line = 1
        var lineStart = 0
        var index = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    lineStart = index + 1
                }
                index += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return (line, index - lineStart + 1)
            }
        }
    }
}
