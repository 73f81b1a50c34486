import Foundation

/// A small site written into a temporary folder from inline files, for tests that need variants.
struct TemporarySite {
    let root: String

    /// Writes `files` (relative path → text) under a new temporary folder. Without a `site.yml`
    /// one is added with `paginate` and the base URL given.
    init(_ files: [String: String], paginate: Int = 20, baseURL: String = "https://example.com/")
        throws
    {
        root = try Fixture.temporaryDirectory("sitegen-site") + "/site"
        var all = files
        if all["site.yml"] == nil {
            all["site.yml"] =
                "title: T\nbase_url: \(baseURL)\ntimezone: Asia/Tokyo\npaginate: \(paginate)\n"
        }
        for (path, text) in all { try write(text, to: path) }
    }

    func write(_ text: String, to path: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    /// A valid brief with the given slug, date and tags.
    static func brief(
        title: String = "タイトル", date: String = "2026-04-01T09:00:00+09:00", tags: [String] = [],
        extra: String = "", body: String = "本文。\n", source: String = "https://example.org/news/1"
    ) -> String {
        let tagList = tags.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            ---
            title: \(title)
            date: \(date)
            source:
              url: \(source)
            tags: [\(tagList)]
            \(extra)
            ---
            \(body)
            """
    }
}
