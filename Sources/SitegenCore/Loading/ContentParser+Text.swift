import Foundation

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
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count)
                && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// Splits a body on lines that are exactly `<!-- lang: xx -->`; empty sections are dropped.
    ///
    /// Runs on every brief, so it scans UTF-8 bytes and only looks closer at lines starting `<!--`.
    public static func sections(of body: String, language: String) -> [MarkdownSection] {
        var found: [(language: String, range: Range<Int>)] = []
        var current = language
        var body = body
        body.withUTF8 { bytes in
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
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
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
        }
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

    /// The language of a `<!-- lang: xx -->` line, or `nil` for any other line.
    static func languageMarker<Line: Collection<UInt8>>(_ line: Line) -> String? {
        var text = Substring(String(decoding: line, as: UTF8.self))
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        guard text.hasPrefix("<!--"), text.hasSuffix("-->") else { return nil }
        var inner = text.dropFirst(4).dropLast(3)
        while let first = inner.first, first == " " || first == "\t" { inner.removeFirst() }
        while let last = inner.last, last == " " || last == "\t" { inner.removeLast() }
        guard inner.hasPrefix("lang:") else { return nil }
        let code = inner.dropFirst(5).drop { $0 == " " || $0 == "\t" }
        return isLanguageCode(String(code)) ? String(code) : nil
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
