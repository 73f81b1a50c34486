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

    /// A stable name for the article a brief's front matter describes (FNV-1a, in hex): the same
    /// front matter gives the same source, another one another source.
    static func articleID(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\u{0}").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// A valid brief with the given slug, date and tags, about an article of its own (so that
    /// briefs never share a source).
    static func brief(
        title: String = "タイトル", date: String = "2026-04-01T09:00:00+09:00", tags: [String] = [],
        extra: String = "", body: String = "本文。\n", source: String? = nil
    ) -> String {
        let tagList = tags.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            ---
            title: \(title)
            date: \(date)
            source:
              url: \(source ?? "https://example.org/news/" + articleID(title, date, tagList, extra))
            tags: [\(tagList)]
            \(extra)
            ---
            \(body)
            """
    }
}
