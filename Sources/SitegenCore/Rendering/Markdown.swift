import CCmark
import Foundation

/// Renders CommonMark to HTML with libcmark.
///
/// Third stage of the pipeline, and the only code that touches cmark's pointers. Options are
/// explicit: safe mode (raw HTML omitted, `javascript:`-style URLs dropped; cmark's default since
/// 0.29, asked for by name all the same), no smart punctuation, no source positions. Each call
/// parses and renders on its own, so calls may run concurrently; every buffer cmark returns is
/// freed here.
public struct Markdown: Sendable {
    /// The base path root-relative links and images are moved under (`/briefs/`), or `/`.
    public let basePath: String

    /// Creates a renderer for a site published under `basePath`.
    public init(basePath: String = "/") {
        self.basePath = basePath
    }

    static let options = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE

    /// Renders `markdown` to an HTML fragment.
    public func html(_ markdown: String) -> String {
        var text = markdown
        return text.withUTF8 { buffer -> String in
            guard let base = buffer.baseAddress,
                let document = base.withMemoryRebound(to: CChar.self, capacity: buffer.count, {
                    cmark_parse_document($0, buffer.count, Self.options)
                })
            else { return "" }
            defer { cmark_node_free(document) }
            if basePath != "/" { rebaseLinks(in: document) }
            guard let rendered = cmark_render_html(document, Self.options) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// Moves root-relative link and image URLs (`/tags/ai/`) under the base path, so content
    /// written for a site at `/` keeps working at `https://example.com/briefs/`.
    private func rebaseLinks(in document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else {
                continue
            }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
                let raw = cmark_node_get_url(node)
            else { continue }
            let url = String(cString: raw)
            guard url.hasPrefix("/"), !url.hasPrefix("//") else {
                continue
            }
            _ = cmark_node_set_url(node, basePath + url.dropFirst())
        }
    }
}
