import Foundation
import SitegenBase
import SitegenYAML

/// Turns a content file into a `ParsedBrief` or `ParsedPage`, collecting every problem in it.
///
/// Second stage of the pipeline. A file with errors yields `nil` content and the errors; warnings
/// (unknown keys) come with content.
public enum ContentParser {
    /// Front-matter keys a brief may have.
    public static let briefKeys = BriefField.allCases.map(\.key)
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
    /// - Parameter skipsBrokenDrafts: a brief with `draft: true` is not built (no `--drafts`, not
    ///   `check`): its problems are warnings naming it, and a draft with errors is left out.
    public static func parse(
        _ file: SourceFile, isPage: Bool, config: SiteConfig, skipsBrokenDrafts: Bool = false
    ) -> (content: ParsedContent?, problems: [SitegenError]) {
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
        var peek = reader
        let isDraft = !isPage && peek.bool("draft", default: false)
        let content: ParsedContent? =
            isPage
            ? readPage(&reader, file: file, frontMatter: frontMatter, config: config).map(
                ParsedContent.page)
            : readBrief(&reader, file: file, frontMatter: frontMatter, config: config).map(
                ParsedContent.brief)
        let hasErrors = reader.problems.contains { $0.severity == .error }
        if isDraft && skipsBrokenDrafts {
            return (hasErrors ? nil : content, draftWarnings(reader.problems, content: content))
        }
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
        let (source, sourceLine) = readSource(&reader)
        let tags = readTags(&reader)
        let summary = limited(reader.located(stringList: "summary"), key: "summary", &reader)
        let summaryEN = limited(
            reader.located(stringList: "summary_en"), key: "summary_en", &reader)
        let isGenerated = reader.bool("generated", default: true)
        let isDraft = reader.bool("draft", default: false)
        let language = readLanguage(&reader, config: config)
        let (slug, slugLine) = readSlug(&reader, file: file)
        let image = readImage(&reader)
        let corrections = readCorrections(&reader, timeZone: config.timeZone)
        if !isDraft {
            checkPublishable(&reader, titleEN: titleEN, frontMatter: frontMatter)
        }
        guard let title, let date, let source, let slug else { return nil }
        return ParsedBrief(
            sourcePath: file.path, slug: slug, slugLine: slugLine, title: title,
            titleEN: titleEN.flatMap { $0.isEmpty ? nil : $0 }, date: date, updated: updated,
            source: source, tags: tags, summary: summary, summaryEN: summaryEN,
            isGenerated: isGenerated, isDraft: isDraft, language: language,
            sections: sections(of: frontMatter.body, language: language),
            frontMatterHash: frontMatter.hash, sourceLine: sourceLine, image: image,
            corrections: corrections)
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

    private static func readSource(_ reader: inout FieldReader) -> (ArticleSource?, Int) {
        let (source, location) = readLocatedSource(&reader)
        return (source, location.line ?? 1)
    }

    private static func readLocatedSource(_ reader: inout FieldReader) -> (
        ArticleSource?, SourceLocation
    ) {
        guard reader.has("source") else {
            reader.error(
                "missing required field 'source.url'", at: reader.location(ofKey: "source"),
                hint:
                    "add 'source:' with 'url:' (and optionally 'name:') of the article the brief summarises"
            )
            return (nil, reader.location(ofKey: "source"))
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
            return (nil, urlLocation)
        }
        guard let url else { return (nil, urlLocation) }
        guard let host = Self.httpHost(of: url) else {
            reader.error(
                "'source.url' must be an absolute http(s) URL, found '\(url)'", at: urlLocation,
                hint: "e.g. https://openai.com/index/next-chapter-of-microsoft-and-openai/")
            return (nil, urlLocation)
        }
        let hostName = host.lowercased()
        return (
            ArticleSource(
                url: url, name: name.flatMap { $0.isEmpty ? nil : $0 } ?? hostName, host: hostName),
            urlLocation
        )
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
        // The last path component, found in the bytes (a `/` is never part of a longer
        // character, and a search by characters costs more than the rest of reading the slug).
        let utf8 = file.path.utf8
        let name =
            utf8.lastIndex(of: UInt8(ascii: "/")).map {
                String(file.path[utf8.index(after: $0)...])
            } ?? file.path
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
}
