import SitegenBase
import SitegenCore

/// Feeds one input through everything that reads content bytes, and traps when an invariant fails.
///
/// The same bytes are read as a brief, as a standalone page and as `site.yml`; the body sections
/// (split even when the YAML is broken) are rendered with cmark under a base path and at `/`.
/// libFuzzer reports a trap as a crash and keeps the input that caused it.
enum ContentFuzzer {
    static let briefPath = "content/briefs/2026/fuzz.md"
    static let pagePath = "content/pages/fuzz.md"

    /// Runs one input; returns normally when every invariant holds.
    static func run(_ bytes: [UInt8]) {
        let lines = FileLines(bytes)

        let (config, configProblems) = SiteConfigLoader.load(
            SourceFile(path: "site.yml", bytes: bytes))
        checkLocations(configProblems, path: "site.yml", in: lines)

        for (path, isPage) in [(briefPath, false), (pagePath, true)] {
            let (content, problems) = ContentParser.parse(
                SourceFile(path: path, bytes: bytes), isPage: isPage, config: config)
            checkLocations(problems, path: path, in: lines)
            let hasErrors = problems.contains { $0.severity == .error }
            // A file is either content or an error report: never silently dropped.
            check(
                (content == nil) == hasErrors,
                "content is \(content == nil ? "nil" : "set") but errors are \(hasErrors)")
            switch content {
            case .brief(let brief):
                check(
                    Slug.problem(inPathSlug: brief.slug) == nil, "unsafe brief slug '\(brief.slug)'"
                )
                for tag in brief.tags { checkTagSlug(tag.slug, from: tag.name) }
                render(brief.sections, basePath: config.baseURL.path)
            case .page(let page):
                check(Slug.problem(inPathSlug: page.slug) == nil, "unsafe page slug '\(page.slug)'")
                render(page.sections, basePath: config.baseURL.path)
            case nil:
                break
            }
        }

        // Bodies of files whose YAML is broken still reach cmark, and every line is a tag name.
        if let text = String(validating: bytes, as: UTF8.self) {
            if case .success(let split) = FrontMatter.split(FrontMatter.normalise(bytes)) {
                render(ContentParser.sections(of: split.body, language: "ja"), basePath: "/briefs/")
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
                if let slug = Slug.tag(String(line)) { checkTagSlug(slug, from: String(line)) }
            }
        }
    }

    /// The file's lines after normalisation (BOM dropped, CRLF and CR as one break), with their
    /// lengths in bytes and in scalars; an empty file has one empty line.
    struct FileLines {
        let bytes: [Int]
        let scalars: [Int]

        init(_ file: [UInt8]) {
            let lines = FrontMatter.normalise(file).split(
                separator: 10, omittingEmptySubsequences: false)
            bytes = lines.map(\.count)
            scalars = lines.map { String(decoding: $0, as: UTF8.self).unicodeScalars.count }
        }

        var count: Int { bytes.count }
    }

    static func checkLocations(_ problems: [SitegenError], path: String, in lines: FileLines) {
        for problem in problems {
            guard let location = problem.location else { continue }
            check(
                location.path == path,
                "problem reported in '\(location.path)', not '\(path)': \(problem)")
            guard let line = location.line else { continue }
            check(
                (1...lines.count).contains(line),
                "line \(line) outside 1...\(lines.count): \(problem)")
            guard let column = location.column else { continue }
            // Columns count scalars, except in a line that is not UTF-8, where they count bytes;
            // one past the end is the end of the line.
            let length = problem.kind == .encoding ? lines.bytes[line - 1] : lines.scalars[line - 1]
            check(
                (1...length + 1).contains(column),
                "column \(column) outside 1...\(length + 1) of line \(line): \(problem)")
        }
    }

    static func checkTagSlug(_ slug: String, from name: String) {
        let context = "tag '\(name)' gave slug '\(slug)'"
        check(!slug.isEmpty, "\(context): empty")
        check(!slug.contains("/") && !slug.contains("\\"), "\(context): contains a separator")
        check(slug != "." && slug != "..", "\(context): a dot segment")
        check(
            Slug.tag(slug) == slug, "\(context): not idempotent, gives '\(Slug.tag(slug) ?? "nil")'"
        )
    }

    /// Safe mode: no raw HTML survives and no `javascript:` link is emitted.
    static func render(_ sections: [MarkdownSection], basePath: String) {
        for markdown in [Markdown(basePath: basePath), Markdown()] {
            for section in sections {
                let html = markdown.html(section.markdown).lowercased()
                check(!html.contains("<script"), "raw <script> in rendered HTML")
                check(!html.contains("href=\"javascript:"), "javascript: link in rendered HTML")
            }
        }
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz invariant failed: \(message())") }
    }
}
