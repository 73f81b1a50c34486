import Foundation
import SitegenBase

/// Turns a plain-text brief (see `PlainTextBrief`) into a content file, for `sitegen import`.
///
/// Authoring support, outside the build pipeline. Both titles, both sets of key points and both
/// bodies are kept; the disclaimer line is dropped, as the site adds its own. The source is
/// `--url`, or else the root of the host the disclaimer names: then the brief is a draft, with a
/// warning that says where to put the article's URL. A file whose two titles a brief already has
/// was imported before, and is refused.
public struct Importer: Sendable {
    /// One file to import.
    public struct Request: Sendable {
        /// The input file: its path as given (for messages) and its bytes.
        public var file: SourceFile
        /// `--url`, when given.
        public var sourceURL: String?
        /// `--slug`, when given.
        public var slug: String?
        /// `--tags`.
        public var tags: [String]
        /// "Now", in seconds since the epoch: the brief's date.
        public var now: Int64
        /// Writes `draft: true` (as it does without `sourceURL`).
        public var isDraft: Bool

        /// Creates a request.
        public init(
            file: SourceFile, sourceURL: String? = nil, slug: String? = nil, tags: [String] = [],
            now: Int64, isDraft: Bool = false
        ) {
            self.file = file
            self.sourceURL = sourceURL
            self.slug = slug
            self.tags = tags
            self.now = now
            self.isDraft = isDraft
        }
    }

    /// A converted brief: the file to create and the warnings about it.
    public struct Imported: Sendable {
        /// The content file.
        public let file: Scaffolder.NewFile
        /// What the author should check (a guessed source URL, a missing English title).
        public let warnings: [SitegenError]
    }

    /// The site's settings.
    public let config: SiteConfig

    /// Creates an importer for a site.
    public init(config: SiteConfig) {
        self.config = config
    }

    /// Converts one file, or returns every problem with it.
    public func convert(
        _ request: Request, placement: inout BriefPlacement, fileExists: (String) -> Bool
    ) -> Result<Imported, BuildFailure> {
        let path = request.file.path
        var errors: [SitegenError] = []
        var warnings: [SitegenError] = []
        guard String(validating: request.file.bytes, as: UTF8.self) != nil else {
            return .failure(
                BuildFailure(
                    errors: [
                        SitegenError(
                            .encoding, "file is not valid UTF-8", at: SourceLocation(path: path),
                            hint: "save the file as UTF-8")
                    ], warnings: []))
        }
        let text = String(decoding: FrontMatter.normalise(request.file.bytes), as: UTF8.self)
        guard let parsed = PlainTextBrief.parse(text) else {
            return .failure(
                BuildFailure(
                    errors: [
                        SitegenError(.frontMatter, "file is empty", at: SourceLocation(path: path))
                    ], warnings: []))
        }
        let titleLine = SourceLocation(path: path, line: Self.firstTextLine(text))
        if parsed.titleEN.isEmpty {
            warnings.append(
                SitegenError(
                    .field, "no English title after the Japanese one on the first line",
                    at: titleLine,
                    hint: "add 'title_en:' to the imported file", severity: .warning))
        }
        let sourceURL: String
        if let given = request.sourceURL {
            sourceURL = given
            if !Scaffolder.isWebURL(given) {
                errors.append(
                    SitegenError(
                        .usage, "--url must be an absolute http(s) URL, found '\(given)'"))
            } else if let host = parsed.sourceHost,
                let givenHost = URLComponents(string: given)?.host?.lowercased(),
                Self.bareHost(givenHost) != Self.bareHost(host)
            {
                warnings.append(
                    SitegenError(
                        .field,
                        "--url is on '\(givenHost)' but the disclaimer names '\(host)'",
                        at: SourceLocation(path: path, line: parsed.disclaimerLine),
                        severity: .warning))
            }
        } else if let host = parsed.sourceHost {
            sourceURL = "https://\(host)/"
        } else {
            sourceURL = ""
            errors.append(
                SitegenError(
                    .field,
                    "no source: the file has no disclaimer line naming the source's host, and no --url was given",
                    at: SourceLocation(path: path), hint: "import it with --url URL"))
        }
        errors += Scaffolder.tagProblems(request.tags)
        let date = Timestamp(seconds: request.now, offset: 0).shown(in: config.timeZone)
        let derived =
            Slug.ascii(fromTitle: parsed.titleEN) ?? Slug.ascii(fromTitle: parsed.title)
            ?? Slug.dated(date)
        if let earlier = placement.file(withTitle: parsed.title, titleEN: parsed.titleEN) {
            errors.append(
                SitegenError(
                    .duplicate, "already imported as \(earlier), which has the same titles",
                    at: titleLine,
                    hint: "edit that file; to import this one again, delete it first"))
        }
        var placed: (slug: String, path: String)?
        if errors.isEmpty {
            switch placement.place(
                requested: request.slug, derived: derived, date: date, fileExists: fileExists)
            {
            case .success(let value): placed = value
            case .failure(let problem): errors.append(problem)
            }
        }
        guard let placed, errors.isEmpty else {
            return .failure(BuildFailure(errors: errors, warnings: warnings))
        }
        placement.reserve(title: parsed.title, titleEN: parsed.titleEN, path: placed.path)
        let document = BriefDocument(
            title: parsed.title, titleEN: parsed.titleEN, date: date.rfc3339, sourceURL: sourceURL,
            tags: request.tags, summary: parsed.summary, summaryEN: parsed.summaryEN,
            isDraft: request.isDraft || request.sourceURL == nil, slug: placed.slug,
            body: parsed.body.map(MarkdownText.escaped).joined(separator: "\n\n"),
            bodyEN: parsed.bodyEN.map(MarkdownText.escaped).joined(separator: "\n\n"))
        let fileText = document.text(allFields: false)
        if request.sourceURL == nil {
            let urlLine = fileText.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.hasPrefix("  url:") }.map { $0 + 1 }
            let target = urlLine.map { "\(placed.path):\($0)" } ?? placed.path
            warnings.append(
                SitegenError(
                    .field,
                    "no --url: imported as a draft, with the source set to '\(sourceURL)', the root of the host the disclaimer names",
                    at: SourceLocation(path: path, line: parsed.disclaimerLine),
                    hint:
                        "put the article's URL in 'source.url' at \(target) and set 'draft: false' to publish",
                    severity: .warning))
        }
        let file = Scaffolder.NewFile(path: placed.path, slug: placed.slug, text: fileText)
        return .success(Imported(file: file, warnings: warnings))
    }

    /// `www.openai.com` and `openai.com` name the same site.
    private static func bareHost(_ host: String) -> String {
        host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    private static func firstTextLine(_ text: String) -> Int {
        var line = 1
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !part.allSatisfy(\.isWhitespace) { return line }
            line += 1
        }
        return 1
    }
}

/// Escapes plain text so that CommonMark shows it as written.
enum MarkdownText {
    /// `text` with inline syntax backslash-escaped, and line starts that would open a block
    /// (heading, quote, list, code) defused.
    static func escaped(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            escapedLine(String(line))
        }.joined(separator: "\n")
    }

    private static func escapedLine(_ line: String) -> String {
        var out = ""
        let scalars = Array(line.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
                out += "\\"
            case "&":
                // Only `&name;` and `&#…;` would be read as entities.
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                if next == "#" || (next.isASCII && next.properties.isAlphabetic) { out += "\\" }
            default:
                break
            }
            out.unicodeScalars.append(scalar)
        }
        return defusingBlockStart(out)
    }

    /// Escapes a `#`, `-`, `+`, `=` or `1.` at the start of a line.
    private static func defusingBlockStart(_ line: String) -> String {
        guard let first = line.unicodeScalars.first else { return line }
        if "#-+=".unicodeScalars.contains(first) { return "\\" + line }
        let digits = line.unicodeScalars.prefix { ("0"..."9").contains($0) }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = line.unicodeScalars.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")" {
                return String(String.UnicodeScalarView(digits)) + "\\"
                    + String(String.UnicodeScalarView(rest))
            }
        }
        return line
    }
}
