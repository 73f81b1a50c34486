import Foundation
import SitegenBase

/// Makes the file for `sitegen new`: a draft brief with every front-matter field in place.
///
/// Authoring support, outside the build pipeline. The date is "now" in the site's timezone (so
/// `SOURCE_DATE_EPOCH` fixes it), the file goes where the site keeps its other briefs, and a title
/// with no ASCII slug (a Japanese one) gets a date-based slug.
public struct Scaffolder: Sendable {
    /// What the author asked for.
    public struct Request: Sendable {
        /// The title in the site's language.
        public var title: String
        /// `--slug`, when given.
        public var slug: String?
        /// `--tags`.
        public var tags: [String]
        /// `--url`, when given.
        public var sourceURL: String?
        /// "Now", in seconds since the epoch.
        public var now: Int64

        /// Creates a request.
        public init(
            title: String, slug: String? = nil, tags: [String] = [], sourceURL: String? = nil,
            now: Int64
        ) {
            self.title = title
            self.slug = slug
            self.tags = tags
            self.sourceURL = sourceURL
            self.now = now
        }
    }

    /// A file to create.
    public struct NewFile: Sendable, Equatable {
        /// Relative to the site root: `content/briefs/2026/04/a.md`.
        public let path: String
        /// The slug the brief got.
        public let slug: String
        /// The file text.
        public let text: String
    }

    /// The site's settings.
    public let config: SiteConfig

    /// Creates a scaffolder for a site.
    public init(config: SiteConfig) {
        self.config = config
    }

    /// The new brief, or every problem with the request.
    /// - Parameters:
    ///   - placement: the site's existing slugs and files; the new ones are reserved in it.
    ///   - fileExists: whether a path (relative to the site root) is already taken.
    public func scaffold(
        _ request: Request, placement: inout BriefPlacement, fileExists: (String) -> Bool
    ) -> Result<NewFile, BuildFailure> {
        var problems: [SitegenError] = []
        let title = request.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { problems.append(SitegenError(.usage, "the title must not be empty")) }
        if title.contains(where: \.isNewline) {
            problems.append(SitegenError(.usage, "the title must be one line"))
        }
        problems += Self.tagProblems(request.tags)
        if let url = request.sourceURL, !Self.isWebURL(url) {
            problems.append(
                SitegenError(
                    .usage, "--url must be an absolute http(s) URL, found '\(url)'",
                    hint: "e.g. https://openai.com/index/next-chapter-of-microsoft-and-openai/"))
        }
        let date = Timestamp(seconds: request.now, offset: 0).shown(in: config.timeZone)
        let derived = Slug.ascii(fromTitle: title) ?? Slug.dated(date)
        var placed: (slug: String, path: String)?
        if problems.isEmpty {
            switch placement.place(
                requested: request.slug, derived: derived, date: date, fileExists: fileExists)
            {
            case .success(let value): placed = value
            case .failure(let problem): problems.append(problem)
            }
        }
        guard let placed, problems.isEmpty else {
            return .failure(BuildFailure(errors: problems, warnings: []))
        }
        let document = BriefDocument(
            title: title, date: date.rfc3339, sourceURL: request.sourceURL ?? "",
            tags: request.tags,
            isDraft: true, slug: placed.slug,
            body: Self.placeholders[0], bodyEN: Self.placeholders[1])
        return .success(
            NewFile(path: placed.path, slug: placed.slug, text: document.text(allFields: true)))
    }

    /// The bodies a new brief starts with (Japanese, English); a brief that is not a draft may
    /// not keep them.
    public static let placeholders = ["（ここに日本語の本文を書きます。）", "(Write the English body here.)"]

    /// Errors for tags that give no usable URL segment.
    static func tagProblems(_ tags: [String]) -> [SitegenError] {
        tags.filter { Slug.tag($0) == nil }.map { tag in
            SitegenError(.usage, "tag '\(tag)' has no characters usable in a URL")
        }
    }

    /// Whether `text` is an absolute http(s) URL with a host, as `source.url` must be.
    static func isWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
