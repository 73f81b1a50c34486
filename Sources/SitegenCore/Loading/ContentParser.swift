import Foundation
import SitegenBase
import SitegenYAML

/// A content file as read from disk: its path relative to the site root, and its bytes.
public struct SourceFile: Sendable, Equatable {
    /// Relative to the site root, with `/` separators: `content/briefs/2026/a.md`.
    public let path: String
    /// The raw bytes.
    public let bytes: [UInt8]

    /// Creates a source file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// A body section before Markdown rendering.
public struct MarkdownSection: Sendable, Equatable {
    /// The language code.
    public let language: String
    /// The Markdown text.
    public let markdown: String
}

/// What a content file says, checked and typed, with its body still in Markdown.
public enum ParsedContent: Sendable {
    /// A brief from `content/briefs/`.
    case brief(ParsedBrief)
    /// A standalone page from `content/pages/`.
    case page(ParsedPage)
}

/// A brief's checked front matter and its Markdown sections.
///
/// A class, immutable: a brief passes through several arrays on its way to the site, and a
/// reference is copied with one retain where a struct of fifteen strings and arrays takes fifteen.
public final class ParsedBrief: Sendable {
    public let sourcePath: String
    public let slug: String
    /// The line of the `slug` key, or of the opening fence when the slug comes from the file name.
    public let slugLine: Int
    public let title: String
    public let titleEN: String?
    public let date: Timestamp
    public let updated: Timestamp?
    public let source: ArticleSource
    public let tags: [Tag]
    public let summary: [String]
    public let summaryEN: [String]
    public let isGenerated: Bool
    public let isDraft: Bool
    public let language: String
    public let sections: [MarkdownSection]
    /// A hash of the front matter text and where it starts: everything above but the sections is
    /// read from it, so two versions of a file with equal hashes differ at most in their bodies.
    public let frontMatterHash: UInt64

    public init(
        sourcePath: String, slug: String, slugLine: Int, title: String, titleEN: String?,
        date: Timestamp, updated: Timestamp?, source: ArticleSource, tags: [Tag],
        summary: [String], summaryEN: [String], isGenerated: Bool, isDraft: Bool,
        language: String, sections: [MarkdownSection], frontMatterHash: UInt64 = 0
    ) {
        self.sourcePath = sourcePath
        self.slug = slug
        self.slugLine = slugLine
        self.title = title
        self.titleEN = titleEN
        self.date = date
        self.updated = updated
        self.source = source
        self.tags = tags
        self.summary = summary
        self.summaryEN = summaryEN
        self.isGenerated = isGenerated
        self.isDraft = isDraft
        self.language = language
        self.sections = sections
        self.frontMatterHash = frontMatterHash
    }

    /// The same brief without its Markdown, as the cache keeps it.
    var withoutMarkdown: ParsedBrief {
        if sections.isEmpty { return self }
        return ParsedBrief(
            sourcePath: sourcePath, slug: slug, slugLine: slugLine, title: title, titleEN: titleEN,
            date: date, updated: updated, source: source, tags: tags, summary: summary,
            summaryEN: summaryEN, isGenerated: isGenerated, isDraft: isDraft, language: language,
            sections: [], frontMatterHash: frontMatterHash)
    }

    /// The brief with sections that may still be encoded in the build cache.
    func article(sectionList: SectionList) -> Article {
        Article(
            sourcePath: sourcePath, slug: slug, title: title, titleEN: titleEN, date: date,
            updated: updated, source: source, tags: tags, summary: summary, summaryEN: summaryEN,
            isGenerated: isGenerated, isDraft: isDraft, language: language, sectionList: sectionList
        )
    }

    /// The brief with its sections rendered.
    func article(sections rendered: [Section]) -> Article {
        Article(
            sourcePath: sourcePath, slug: slug, title: title, titleEN: titleEN, date: date,
            updated: updated, source: source, tags: tags, summary: summary, summaryEN: summaryEN,
            isGenerated: isGenerated, isDraft: isDraft, language: language, sections: rendered)
    }
}

/// A standalone page's checked front matter and its Markdown sections.
public struct ParsedPage: Sendable {
    public let sourcePath: String
    public let slug: String
    public let slugLine: Int
    public let title: String
    public let description: String?
    public let isDraft: Bool
    public let language: String
    public let sections: [MarkdownSection]

    func page(sections rendered: [Section]) -> StandalonePage {
        StandalonePage(
            sourcePath: sourcePath, slug: slug, title: title, description: description,
            isDraft: isDraft, language: language, sections: rendered)
    }
}

/// Turns a content file into a `ParsedBrief` or `ParsedPage`, collecting every problem in it.
///
/// Second stage of the pipeline. A file with errors yields `nil` content and the errors; warnings
/// (unknown keys) come with content.
public enum ContentParser {
    /// Front-matter keys a brief may have.
    public static let briefKeys = [
        "title", "title_en", "date", "updated", "source", "tags", "summary", "summary_en",
        "generated", "draft", "slug", "lang",
    ]
    /// Front-matter keys a standalone page may have.
    public static let pageKeys = ["title", "description", "draft", "slug", "lang"]
    /// Keys under `source`.
    static let sourceKeys = ["url", "name"]

    /// The most tags a brief may have. Every tag page shows the brief's card, which lists its
    /// tags, so a bound here keeps one brief's output linear in its size.
    public static let maximumTags = 20
    /// The most key points in `summary` and in `summary_en`.
    public static let maximumKeyPoints = 20

    /// Parses one file; `isPage` for files under `content/pages/`.
    public static func parse(_ file: SourceFile, isPage: Bool, config: SiteConfig)
        -> (content: ParsedContent?, problems: [SitegenError])
    {
        let at = SourceLocation(path: file.path, line: 1)
        // Positions are in the normalised text, like every other report: a BOM is not in the
        // first line, and a lone CR ends a line.
        let normalised = FrontMatter.normalise(file.bytes)
        // Checked once here; the parts are then copied out of the checked text.
        let validated = String(validating: normalised, as: UTF8.self)
        if validated == nil, let (line, column) = firstInvalidUTF8(normalised) {
            return (
                nil,
                [
                    SitegenError(
                        .encoding,
                        "file is not valid UTF-8: invalid byte sequence at byte \(column) of the line",
                        at: SourceLocation(path: file.path, line: line, column: column),
                        hint: "save the file as UTF-8")
                ]
            )
        }
        let frontMatter: FrontMatter
        switch validated.map({ FrontMatter.split(validated: $0) }) ?? FrontMatter.split(normalised)
        {
        case .success(let split): frontMatter = split
        case .failure(.empty):
            return (
                nil,
                [
                    SitegenError(
                        .frontMatter, "file is empty", at: at,
                        hint: "a brief starts with '---', its front matter, and '---'")
                ]
            )
        case .failure(.missingOpeningFence):
            return (
                nil,
                [
                    SitegenError(
                        .frontMatter, "missing front matter: the file must start with a '---' line",
                        at: at)
                ]
            )
        case .failure(.missingClosingFence):
            return (
                nil,
                [
                    SitegenError(
                        .frontMatter, "unterminated front matter: no closing '---' line", at: at)
                ]
            )
        }
        let root: YAMLNode?
        do {
            root = try frontMatter.parseYAML()
        } catch {
            return (
                nil,
                [
                    SitegenError(
                        .yaml, error.message,
                        at: SourceLocation(path: file.path, line: error.line, column: error.column))
                ]
            )
        }
        var reader = FieldReader(
            root: root, path: file.path, positions: frontMatter.yamlPositions,
            fenceLine: frontMatter.openingLine)
        if !reader.problems.isEmpty {
            // The front matter is not a mapping: reporting each missing field would only repeat it.
            return (nil, reader.problems)
        }
        let content: ParsedContent? =
            isPage
            ? readPage(&reader, file: file, frontMatter: frontMatter, config: config).map(
                ParsedContent.page)
            : readBrief(&reader, file: file, frontMatter: frontMatter, config: config).map(
                ParsedContent.brief)
        let hasErrors = reader.problems.contains { $0.severity == .error }
        return (hasErrors ? nil : content, reader.problems)
    }

    private static func readBrief(
        _ reader: inout FieldReader, file: SourceFile, frontMatter: FrontMatter, config: SiteConfig
    ) -> ParsedBrief? {
        reader.warnUnknownKeys(known: briefKeys)
        let title = reader.string("title", required: true)
        let titleEN = reader.string("title_en")
        let date = reader.date("date", required: true, timeZone: config.timeZone)
        let updated = reader.date("updated", timeZone: config.timeZone)
        let source = readSource(&reader)
        let tags = readTags(&reader)
        let summary = limited(reader.located(stringList: "summary"), key: "summary", &reader)
        let summaryEN = limited(
            reader.located(stringList: "summary_en"), key: "summary_en", &reader)
        let isGenerated = reader.bool("generated", default: true)
        let isDraft = reader.bool("draft", default: false)
        let language = readLanguage(&reader, config: config)
        let (slug, slugLine) = readSlug(&reader, file: file)
        guard let title, let date, let source, let slug else { return nil }
        return ParsedBrief(
            sourcePath: file.path, slug: slug, slugLine: slugLine, title: title,
            titleEN: titleEN.flatMap { $0.isEmpty ? nil : $0 }, date: date, updated: updated,
            source: source, tags: tags, summary: summary, summaryEN: summaryEN,
            isGenerated: isGenerated, isDraft: isDraft, language: language,
            sections: sections(of: frontMatter.body, language: language),
            frontMatterHash: frontMatter.hash)
    }

    private static func readPage(
        _ reader: inout FieldReader, file: SourceFile, frontMatter: FrontMatter, config: SiteConfig
    ) -> ParsedPage? {
        reader.warnUnknownKeys(known: pageKeys)
        let title = reader.string("title", required: true)
        let description = reader.string("description")
        let isDraft = reader.bool("draft", default: false)
        let language = readLanguage(&reader, config: config)
        let (slug, slugLine) = readSlug(&reader, file: file)
        guard let title, let slug else { return nil }
        return ParsedPage(
            sourcePath: file.path, slug: slug, slugLine: slugLine, title: title,
            description: description, isDraft: isDraft, language: language,
            sections: sections(of: frontMatter.body, language: language))
    }

    private static func readSource(_ reader: inout FieldReader) -> ArticleSource? {
        guard reader.has("source") else {
            reader.error(
                "missing required field 'source.url'", at: reader.location(ofKey: "source"),
                hint:
                    "add 'source:' with 'url:' (and optionally 'name:') of the article the brief summarises"
            )
            return nil
        }
        var url: String?
        var name: String?
        var urlLocation = reader.location(ofKey: "source")
        if var nested = reader.mapping("source") {
            nested.warnUnknownKeys(known: sourceKeys)
            url = nested.string("url", required: true).map { $0 }
            name = nested.string("name")
            urlLocation = nested.has("url") ? nested.location(of: nested.node("url")) : urlLocation
            if url == nil && !nested.problems.contains(where: { $0.severity == .error }) {
                nested.error(
                    "missing required field 'source.url'", at: nested.location(ofKey: "url"))
            }
            let problems = nested.problems.map { problem in
                problem.message.hasPrefix("missing required field 'url'")
                    ? SitegenError(
                        problem.kind, "missing required field 'source.url'", at: problem.location,
                        hint: problem.hint)
                    : problem
            }
            reader.problems.append(contentsOf: problems)
        } else if let node = reader.node("source"), node.scalar != nil {
            url = reader.string("source")
            urlLocation = reader.location(of: node)
        } else if let node = reader.node("source") {
            reader.error(
                "'source' must be a mapping with 'url' and 'name', found \(FieldReader.describe(node))",
                at: reader.location(of: node))
            return nil
        }
        guard let url else { return nil }
        guard let host = Self.httpHost(of: url) else {
            reader.error(
                "'source.url' must be an absolute http(s) URL, found '\(url)'", at: urlLocation,
                hint: "e.g. https://openai.com/index/next-chapter-of-microsoft-and-openai/")
            return nil
        }
        let hostName = host.lowercased()
        return ArticleSource(
            url: url, name: name.flatMap { $0.isEmpty ? nil : $0 } ?? hostName, host: hostName)
    }

    private static func readTags(_ reader: inout FieldReader) -> [Tag] {
        if let node = reader.node("tags"), case .mapping = node {
            reader.error(
                "'tags' must be a list of strings, found a mapping", at: reader.location(of: node),
                hint: "write tags: [OpenAI, 生成AI]")
            return []
        }
        var tags: [Tag] = []
        var seen: Set<String> = []
        let written = reader.located(stringList: "tags", refusingComma: true)
        if written.count > maximumTags {
            reader.error(
                "a brief may have at most \(maximumTags) tags, found \(written.count)",
                at: written[maximumTags].location, hint: "keep the tags readers would look for")
            return []
        }
        for (name, location) in written {
            guard let slug = Slug.tag(name) else {
                reader.error(
                    "tag '\(name)' has no characters usable in a URL", at: location,
                    hint:
                        "tags need a letter, digit or symbol other than / \\ ? # % : and dots alone"
                )
                continue
            }
            if seen.insert(slug).inserted { tags.append(Tag(name: name, slug: slug)) }
        }
        return tags
    }

    /// The texts of a list of key points, or an error at the first one past the limit.
    private static func limited(
        _ items: [(text: String, location: SourceLocation)], key: String,
        _ reader: inout FieldReader
    ) -> [String] {
        guard items.count > maximumKeyPoints else { return items.map(\.text) }
        reader.error(
            "'\(key)' may have at most \(maximumKeyPoints) key points, found \(items.count)",
            at: items[maximumKeyPoints].location, hint: "move the rest into the body")
        return []
    }

    private static func readLanguage(_ reader: inout FieldReader, config: SiteConfig) -> String {
        guard let language = reader.string("lang") else { return config.language }
        guard isLanguageCode(language) else {
            reader.error(
                "'lang' must be a language code such as 'ja' or 'en', found '\(language)'",
                at: reader.location(of: reader.node("lang")))
            return config.language
        }
        return language
    }

    private static func readSlug(_ reader: inout FieldReader, file: SourceFile) -> (String?, Int) {
        if let slug = reader.string("slug") {
            let location = reader.location(of: reader.node("slug"))
            if let problem = Slug.problem(inPathSlug: slug) {
                reader.error(
                    "'slug' \(problem): '\(slug)'", at: location,
                    hint: "use letters, digits and '-', e.g. microsoft-openai-next-phase")
                return (nil, location.line ?? 1)
            }
            return (slug, location.line ?? 1)
        }
        let name =
            file.path.lastIndex(of: "/").map { String(file.path[file.path.index(after: $0)...]) }
            ?? file.path
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        if let problem = Slug.problem(inPathSlug: stem) {
            reader.error(
                "the file name gives a slug that \(problem): '\(stem)'",
                at: reader.location(ofKey: "slug"),
                hint: "rename the file or set 'slug:'")
            return (nil, 1)
        }
        return (stem, reader.location(ofKey: "slug").line ?? 1)
    }

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
