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
        // Almost every body holds no placeholder: look for one in the bytes first, and only then
        // line by line for its position (Foundation's search on every body cost more than the
        // rest of parsing).
        guard Scaffolder.placeholders.contains(where: { holds(frontMatter.body, $0) }) else {
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

    /// Whether `text` holds `needle`, compared as UTF-8 bytes.
    static func holds(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pin in
                guard let first = pin.first else { return true }
                guard pin.count <= haystack.count else { return false }
                var start = 0
                while start <= haystack.count - pin.count {
                    if haystack[start] == first,
                        UnsafeBufferPointer(rebasing: haystack[start..<start + pin.count])
                            .elementsEqual(pin)
                    {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
