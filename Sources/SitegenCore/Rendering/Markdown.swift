import CCmark
import Foundation
import SitegenBase

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
                let document = base.withMemoryRebound(
                    to: CChar.self, capacity: buffer.count,
                    {
                        cmark_parse_document($0, buffer.count, Self.options)
                    })
            else { return "" }
            defer { cmark_node_free(document) }
            if basePath != "/" { rebaseLinks(in: document) }
            joinCJKLines(in: document)
            guard let rendered = cmark_render_html(document, Self.options) else { return "" }
            defer { Platform.free(rendered) }
            return String(cString: rendered)
        }
    }

    /// Drops soft line breaks between two Chinese or Japanese characters.
    ///
    /// A line break inside a paragraph becomes white space in HTML, which browsers show as a
    /// stray space in Japanese text ("サイトです。 各ページ"). Between two CJK characters the
    /// break is removed, as Markdown renderers with a CJK mode do; elsewhere it stays.
    private func joinCJKLines(in document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        var breaks: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK,
                let previous = cmark_node_previous(node), let next = cmark_node_next(node),
                let before = Self.edgeScalar(of: previous, last: true), Self.isCJK(before),
                let after = Self.edgeScalar(of: next, last: false), Self.isCJK(after)
            else { continue }
            breaks.append(node)
        }
        cmark_iter_free(iterator)
        for node in breaks {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// The first or last character of an inline node's text, looking into emphasis and links.
    private static func edgeScalar(of node: OpaquePointer, last: Bool) -> Unicode.Scalar? {
        let type = cmark_node_get_type(node)
        if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
            guard let literal = cmark_node_get_literal(node) else { return nil }
            let scalars = String(cString: literal).unicodeScalars
            return last ? scalars.last : scalars.first
        }
        guard let child = last ? cmark_node_last_child(node) : cmark_node_first_child(node) else {
            return nil
        }
        return edgeScalar(of: child, last: last)
    }

    /// Han, kana, CJK punctuation and full-width forms: scripts written without spaces.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF,
            0x20000...0x2FFFF:
            return true
        default:
            return false
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
