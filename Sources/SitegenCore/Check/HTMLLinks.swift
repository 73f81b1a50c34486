/// Finds the `href` and `src` values in rendered HTML, for `LinkChecker`.
///
/// A small byte scanner rather than a parser: it reads attributes inside tags only, skips comments
/// and the contents of `<script>` and `<style>`, and decodes the character references that
/// templates and cmark write (`&amp;`, `&quot;`, `&#39;`, numeric ones).
enum HTMLLinks {
    /// Every `href` and `src` value in document order, character references decoded.
    static func extract(_ html: [UInt8]) -> [String] {
        var links: [String] = []
        var scanner = ByteScanner(bytes: html)
        while let byte = scanner.peek() {
            guard byte == UInt8(ascii: "<") else {
                scanner.index += 1
                continue
            }
            if scanner.starts(with: "<!--") {
                scanner.skip(past: "-->")
                continue
            }
            scanner.index += 1
            guard let first = scanner.peek(), isLetter(first) else { continue }
            let name = scanner.take { isNameByte($0) }.lowercased()
            readAttributes(&scanner, into: &links)
            if name == "script" || name == "style" { scanner.skip(past: "</" + name) }
        }
        return links
    }

    private static func readAttributes(_ scanner: inout ByteScanner, into links: inout [String]) {
        while let byte = scanner.peek() {
            if byte == UInt8(ascii: ">") {
                scanner.index += 1
                return
            }
            if isSpace(byte) || byte == UInt8(ascii: "/") {
                scanner.index += 1
                continue
            }
            let name = scanner.take {
                !isSpace($0) && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: ">")
                    && $0 != UInt8(ascii: "/")
            }
            .lowercased()
            if name.isEmpty {
                scanner.index += 1
                continue
            }
            scanner.skip { isSpace($0) }
            guard scanner.peek() == UInt8(ascii: "=") else { continue }
            scanner.index += 1
            scanner.skip { isSpace($0) }
            let value: String
            if let quote = scanner.peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
            {
                scanner.index += 1
                value = scanner.take { $0 != quote }
                scanner.index += 1
            } else {
                value = scanner.take { !isSpace($0) && $0 != UInt8(ascii: ">") }
            }
            if name == "href" || name == "src" { links.append(decodeReferences(value)) }
        }
    }

    /// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric character references.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            var decoded: String?
            switch name {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map
                    { String($0) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map {
                        String($0)
                    }
                }
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }
}

/// A cursor over bytes for `HTMLLinks`.
private struct ByteScanner {
    let bytes: [UInt8]
    var index = 0

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Whether the bytes at the cursor spell `text`, ignoring ASCII case.
    func starts(with text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        for (offset, byte) in pattern.enumerated() where lower(bytes[index + offset]) != lower(byte)
        {
            return false
        }
        return true
    }

    /// Moves past the next `text` (ignoring ASCII case), or to the end.
    mutating func skip(past text: String) {
        let count = text.utf8.count
        while index < bytes.count {
            if starts(with: text) {
                index += count
                return
            }
            index += 1
        }
    }

    mutating func skip(while predicate: (UInt8) -> Bool) {
        while index < bytes.count, predicate(bytes[index]) { index += 1 }
    }

    /// The bytes while `predicate` holds, as text.
    mutating func take(while predicate: (UInt8) -> Bool) -> String {
        let start = index
        skip(while: predicate)
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
