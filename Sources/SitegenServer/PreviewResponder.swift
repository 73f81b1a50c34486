import Foundation
import SitegenCore

/// Answers every request of `sitegen serve` (except the event stream) from a `PreviewState`.
///
/// HTML responses get the live-reload snippet; every other byte is what `build` writes. Missing
/// paths get the site's `404.html` with status 404. Nothing is cached by the browser.
enum PreviewResponder {
    /// The response to `method` on a raw, percent-encoded `path`.
    static func respond(method: String, path: String, state: PreviewState) -> HTTPResponse {
        guard method == "GET" || method == "HEAD" else {
            var refusal = HTTPResponse.refusal(405)
            refusal.headers.append(("Allow", "GET, HEAD"))
            return refusal
        }
        return respond(to: path, state: state)
    }

    /// The response for a GET of `rawPath`.
    static func respond(to rawPath: String, state: PreviewState) -> HTTPResponse {
        let snippet = LiveReload.snippet(generation: state.generation, problems: state.problems)
        guard state.hasSite else {
            let building = state.problems.isEmpty
            return HTTPResponse(
                status: building ? 503 : 500, type: "text/html; charset=utf-8",
                body: LiveReload.failurePage(generation: state.generation, problems: state.problems)
            )
        }
        switch PreviewRouter.route(rawPath, in: state) {
        case .file(let path):
            guard let bytes = bytes(of: path, in: state) else {
                return notFound(state, snippet: snippet)
            }
            let type = MediaType.forPath(path)
            let body = path.hasSuffix(".html") ? LiveReload.inject(snippet, into: bytes) : bytes
            return HTTPResponse(status: 200, type: type, body: body)
        case .redirect(let location):
            return HTTPResponse(
                status: 301,
                headers: [
                    ("Location", location), ("Cache-Control", "no-store"),
                    ("Content-Type", "text/plain; charset=utf-8"),
                ],
                body: Array("Moved to \(location)\n".utf8))
        case .notFound:
            return notFound(state, snippet: snippet)
        }
    }

    private static func notFound(_ state: PreviewState, snippet: String) -> HTTPResponse {
        guard let page = state.files["404.html"] else {
            return HTTPResponse(
                status: 404, type: "text/html; charset=utf-8",
                body: Array(
                    ("<!DOCTYPE html>\n<title>Not found</title>\n<h1>Not found</h1>\n" + snippet)
                        .utf8))
        }
        return HTTPResponse(
            status: 404, type: "text/html; charset=utf-8",
            body: LiveReload.inject(snippet, into: page))
    }

    /// A rendered file's bytes, or a static file's, read now so that edits show at once.
    static func bytes(of path: String, in state: PreviewState) -> [UInt8]? {
        if let bytes = state.files[path] { return bytes }
        guard let source = state.staticFiles[path],
            let data = FileManager.default.contents(atPath: source)
        else {
            return nil
        }
        return [UInt8](data)
    }
}
