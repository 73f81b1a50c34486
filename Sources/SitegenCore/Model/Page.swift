/// One HTML page to render: where it goes, which template, and what the template sees.
public struct Page: Sendable {
    /// The site path (`briefs/a/`, `404.html`); the file is `Permalinks.file(for:)` of it.
    public let sitePath: String
    /// The template name (`brief`, `index`, …).
    public let template: String
    /// The values the template sees.
    public let context: TemplateValue
    /// Whether the sitemap lists the page.
    public let isInSitemap: Bool
    /// The sitemap's `lastmod`, when known.
    public let lastModified: Timestamp?
}

/// A finished output file: its path inside the output folder and its bytes.
public struct RenderedFile: Sendable, Equatable {
    /// Relative to the output folder: `briefs/a/index.html`.
    public let path: String
    /// The contents.
    public let bytes: [UInt8]

    /// Creates a file from text.
    public init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }

    /// Creates a file from bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
