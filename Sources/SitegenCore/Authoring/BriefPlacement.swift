import Foundation
import SitegenBase

/// Chooses the slug and file of a new brief so that it takes no slug or file already in use.
///
/// Shared by `Scaffolder` and `Importer`. A slug the author asked for is checked and refused when
/// taken; a slug made from the title gets `-2`, `-3`, … instead. An existing file is never
/// overwritten.
public struct BriefPlacement: Sendable {
    /// Where the site keeps its briefs.
    public let layout: BriefLayout
    /// Slugs in use, each with the file that uses it.
    private(set) var slugs: [String: String]
    /// Files in use, relative to the site root.
    private(set) var paths: Set<String>
    /// The file of each brief by its two titles (`title`, NUL, `title_en`), which tell
    /// `sitegen import` that a plain-text brief was imported before.
    private(set) var titles: [String: String] = [:]

    /// Reads the slugs and layout of the existing briefs.
    /// - Parameter existing: the site's brief files, as `ContentLoader` returns them.
    public init(config: SiteConfig, existing: [SourceFile]) {
        var slugs: [String: String] = [:]
        for file in existing {
            let slug: String
            if case .brief(let brief)? = ContentParser.parse(file, isPage: false, config: config)
                .content
            {
                slug = brief.slug
                let key = Self.titleKey(brief.title, brief.titleEN ?? "")
                if titles[key] == nil { titles[key] = file.path }
            } else {
                slug = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
            }
            if slugs[slug] == nil { slugs[slug] = file.path }
        }
        self.slugs = slugs
        self.paths = Set(existing.map(\.path))
        self.layout = BriefLayout.detect(
            in: existing.map { path in
                path.path.hasPrefix("content/briefs/") ? String(path.path.dropFirst(15)) : path.path
            })
    }

    /// Picks the slug and path for a brief dated `date`, and reserves both.
    /// - Parameters:
    ///   - requested: the slug the author gave (`--slug`), which must be free.
    ///   - derived: the slug made from the title, used when none was requested.
    ///   - fileExists: whether a path is taken on disk (for files `existing` did not list).
    public mutating func place(
        requested: String?, derived: String, date: Timestamp, fileExists: (String) -> Bool
    ) -> Result<(slug: String, path: String), SitegenError> {
        if let requested {
            if let problem = Slug.problem(inPathSlug: requested) {
                return .failure(
                    SitegenError(
                        .usage, "--slug \(problem): '\(requested)'",
                        hint: "use letters, digits and '-', e.g. microsoft-openai-next-phase"))
            }
            if let owner = slugs[requested] {
                return .failure(
                    SitegenError(
                        .duplicate, "slug '\(requested)' is already used by \(owner)",
                        hint: "choose another --slug"))
            }
            let path = layout.path(slug: requested, date: date)
            if paths.contains(path) || fileExists(path) {
                return .failure(
                    SitegenError(
                        .duplicate, "'\(path)' already exists; sitegen never overwrites a file",
                        hint: "choose another --slug"))
            }
            reserve(slug: requested, path: path)
            return .success((requested, path))
        }
        for number in 1...1000 {
            let slug = number == 1 ? derived : "\(derived)-\(number)"
            let path = layout.path(slug: slug, date: date)
            if slugs[slug] == nil, !paths.contains(path), !fileExists(path) {
                reserve(slug: slug, path: path)
                return .success((slug, path))
            }
        }
        return .failure(
            SitegenError(.duplicate, "no free slug near '\(derived)'", hint: "give one with --slug")
        )
    }

    /// The brief that has these titles, already on disk or placed in this run.
    public func file(withTitle title: String, titleEN: String) -> String? {
        titles[Self.titleKey(title, titleEN)]
    }

    /// Records the titles of a brief just placed at `path`.
    public mutating func reserve(title: String, titleEN: String, path: String) {
        titles[Self.titleKey(title, titleEN)] = path
    }

    private static func titleKey(_ title: String, _ titleEN: String) -> String {
        title + "\u{0}" + titleEN
    }

    private mutating func reserve(slug: String, path: String) {
        slugs[slug] = path
        paths.insert(path)
    }
}
