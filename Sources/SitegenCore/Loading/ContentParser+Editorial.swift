import Foundation

/// The editor's fields and checks: an unfinished draft never blocks a build, a published brief
/// may not keep the text `sitegen new` put in it, and a brief's share image and corrections.
extension ContentParser {
    /// The problems of a draft that is not built, as warnings naming it (kind `.draft`, which
    /// `--strict` leaves alone), plus a warning when its source is only a site's home page (as
    /// `import` without `--url` writes it).
    static func draftWarnings(_ problems: [SitegenError], content: ParsedContent?)
        -> [SitegenError]
    {
        var warnings = problems.map { problem in
            SitegenError(
                .draft,
                problem.message
                    + (problem.severity == .error
                        ? " (in a draft, so the brief is not built; with --drafts or check it is an error)"
                        : ""),
                at: problem.location,
                hint: problem.message.contains("source.url")
                    ? "put the article's address in 'source:' as 'url: https://…', then set 'draft: false'"
                    : problem.hint,
                severity: .warning)
        }
        if case .brief(let brief)? = content, isHomePage(brief.source.url) {
            warnings.append(
                SitegenError(
                    .draft,
                    "draft's 'source.url' is the home page of \(brief.source.host), not an article",
                    at: SourceLocation(path: brief.sourcePath, line: brief.sourceLine),
                    hint:
                        "replace 'url: \(brief.source.url)' with the article's address, then set 'draft: false'",
                    severity: .warning))
        }
        return warnings
    }

    /// `image:`: an absolute http(s) URL or a path on the site, as `site.yml`'s `image:`.
    static func readImage(_ reader: inout FieldReader) -> String? {
        guard let image = reader.string("image"), !image.isEmpty else { return nil }
        if image.contains("://") && httpHost(of: image) == nil {
            reader.error(
                "'image' must be an absolute http(s) URL or a path on the site, found '\(image)'",
                at: reader.location(of: reader.node("image")),
                hint: "e.g. image: images/gpt-5.png (under templates/static/)")
            return nil
        }
        return image
    }

    /// `corrections:`: a list of mappings with `date` and `text`, oldest first.
    static func readCorrections(_ reader: inout FieldReader, timeZone: TimeZone) -> [Correction] {
        guard let node = reader.node("corrections") else { return [] }
        guard case .sequence(let items, _) = node else {
            reader.error(
                "'corrections' must be a list of mappings with 'date' and 'text', found \(FieldReader.describe(node))",
                at: reader.location(of: node),
                hint: "corrections:\n      - date: 2026-05-02\n        text: …")
            return []
        }
        var corrections: [Correction] = []
        for item in items {
            guard case .mapping = item else {
                reader.error(
                    "each correction must be a mapping with 'date' and 'text', found \(FieldReader.describe(item))",
                    at: reader.location(of: item))
                continue
            }
            var nested = FieldReader(
                root: item, path: reader.path, positions: reader.positions,
                fenceLine: reader.location(of: item).line ?? reader.fenceLine,
                what: "a correction")
            nested.warnUnknownKeys(known: ["date", "text"])
            let date = nested.date("date", required: true, timeZone: timeZone)
            let text = nested.string("text", required: true)
            reader.problems += nested.problems
            if let date, let text, !text.isEmpty {
                corrections.append(Correction(date: date, text: text))
            }
        }
        return corrections.sorted { $0.date.seconds < $1.date.seconds }
    }

    /// Whether an http(s) URL has no path beyond `/`, no query and no fragment.
    static func isHomePage(_ url: String) -> Bool {
        guard let components = URLComponents(string: url) else { return false }
        return (components.path.isEmpty || components.path == "/") && components.query == nil
            && components.fragment == nil
    }

    /// Errors for a brief about to be published that still holds `sitegen new`'s placeholder
    /// bodies or an empty `title_en`.
    static func checkPublishable(
        _ reader: inout FieldReader, titleEN: String?, frontMatter: FrontMatter
    ) {
        if titleEN?.isEmpty == true {
            reader.error(
                "'title_en' is empty in a brief that is not a draft",
                at: reader.location(of: reader.node("title_en")),
                hint: "write the English title, remove the line, or keep 'draft: true'")
        }
        // Almost every body holds no placeholder: look for one in the bytes first (a skip-table
        // search, as a byte-by-byte one cost more than the rest of reading the fields), and only
        // then line by line for its position.
        guard placeholderPatterns.contains(where: { $0.occurs(in: frontMatter.body) }) else {
            return
        }
        var lineOffset = 0
        for line in frontMatter.body.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { lineOffset += 1 }
            for placeholder in Scaffolder.placeholders {
                guard let range = line.range(of: placeholder) else { continue }
                let column = line[..<range.lowerBound].unicodeScalars.count + 1
                reader.error(
                    "the body still holds the placeholder '\(placeholder)' that 'sitegen new' wrote",
                    at: SourceLocation(
                        path: reader.path, line: frontMatter.bodyLine + lineOffset, column: column),
                    hint: "write the brief in its place, or keep 'draft: true'")
            }
        }
    }

    /// `Scaffolder.placeholders`, ready to search for.
    static let placeholderPatterns = Scaffolder.placeholders.map(BytePattern.init)
}

/// A byte string to look for in texts, with a Boyer-Moore-Horspool skip table: a search looks at
/// about one byte in every few, where comparing at every byte looks at them all.
struct BytePattern: Sendable {
    let bytes: [UInt8]
    /// For each byte value, how far the pattern may move when the text byte under its last
    /// byte has that value.
    private let skips: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var skips = [Int](repeating: bytes.count, count: 256)
        for (index, byte) in bytes.dropLast().enumerated() {
            skips[Int(byte)] = bytes.count - 1 - index
        }
        self.skips = skips
    }

    /// Whether the pattern occurs in `text`'s UTF-8 bytes.
    func occurs<Text: StringProtocol>(in text: Text) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { occurs(in: $0) }
            ?? occurs(in: Array(text.utf8))
    }

    /// Whether the pattern occurs in `haystack`.
    func occurs(in haystack: some RandomAccessCollection<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return true }
        guard haystack.count >= count else { return false }
        return bytes.withUnsafeBufferPointer { pattern in
            skips.withUnsafeBufferPointer { skips in
                var end = haystack.index(haystack.startIndex, offsetBy: count - 1)
                let last = pattern[count - 1]
                while true {
                    let byte = haystack[end]
                    if byte == last {
                        var offset = 1
                        var index = end
                        while offset < count {
                            index = haystack.index(before: index)
                            guard haystack[index] == pattern[count - 1 - offset] else { break }
                            offset += 1
                        }
                        if offset == count { return true }
                    }
                    let skip = skips[Int(byte)]
                    guard haystack.distance(from: end, to: haystack.endIndex) > skip else {
                        return false
                    }
                    end = haystack.index(end, offsetBy: skip)
                }
            }
        }
    }
}
