import Foundation

/// Maps a request path to what the preview server answers, as a static host would.
///
/// `dir/` serves `dir/index.html`, `dir` redirects to `dir/`, paths outside the base path are
/// missing (except the bare origin, which redirects to the base path), and `..` never leaves the
/// site.
enum PreviewRouter {
    /// The answer to a request.
    enum Route: Equatable {
        /// The file at this output path.
        case file(String)
        /// A redirect to this (percent-encoded) location.
        case redirect(String)
        /// The site's 404 page.
        case notFound
    }

    /// Routes a raw, percent-encoded request path (`/tags/%E7%94%9F%E6%88%90ai/`).
    static func route(_ rawPath: String, in state: PreviewState) -> Route {
        guard let decoded = rawPath.removingPercentEncoding, decoded.hasPrefix("/") else {
            return .notFound
        }
        let base = state.basePath
        guard decoded.hasPrefix(base) else {
            if decoded == "/" || decoded + "/" == base { return .redirect(base) }
            return .notFound
        }
        let relative = String(decoded.dropFirst(base.count))
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == "." || $0 == ".." }) || relative.contains("\0")
            || relative.contains("\\")
        {
            return .notFound
        }
        if relative.isEmpty || relative.hasSuffix("/") {
            let index = relative + "index.html"
            return state.has(index) ? .file(index) : .notFound
        }
        if state.has(relative) { return .file(relative) }
        if state.has(relative + "/index.html") { return .redirect(rawPath + "/") }
        return .notFound
    }
}
