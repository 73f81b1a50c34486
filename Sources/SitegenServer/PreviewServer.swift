import FlyingFox
import Foundation
import SitegenCore

/// Holds the state the preview server shows, replaced whole after every build.
actor PreviewStore {
    private(set) var state: PreviewState

    init(_ state: PreviewState) {
        self.state = state
    }

    func update(_ state: PreviewState) {
        self.state = state
    }
}

/// Answers every request of `sitegen serve` from the current `PreviewState`.
///
/// HTML responses get the live-reload snippet; every other byte is what `build` writes. Missing
/// paths get the site's `404.html` with status 404. Nothing is cached by the browser.
struct PreviewHandler: HTTPHandler {
    let store: PreviewStore
    let channel: ReloadChannel

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let rawPath = request.target.path()
        if rawPath == LiveReload.eventsPath {
            let stream = await channel.subscribe()
            let headers: HTTPHeaders = [
                .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
            ]
            return HTTPResponse(
                statusCode: .ok, headers: headers,
                body: HTTPBodySequence(from: EventStreamBody(stream: stream)))
        }
        guard request.method == .GET || request.method == .HEAD else {
            let allow: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: allow)
        }
        let state = await store.state
        var response = respond(to: rawPath, state: state)
        if request.method == .HEAD {
            response.headers[.contentLength] = String(try await response.bodyData.count)
            response.payload = .httpBody(HTTPBodySequence(data: Data()))
        }
        return response
    }

    /// The response for a GET of `rawPath`.
    func respond(to rawPath: String, state: PreviewState) -> HTTPResponse {
        let snippet = LiveReload.snippet(generation: state.generation, problems: state.problems)
        guard state.hasSite else {
            let building = state.problems.isEmpty
            return Self.response(
                building ? .serviceUnavailable : .internalServerError,
                type: "text/html; charset=utf-8",
                body: LiveReload.failurePage(generation: state.generation, problems: state.problems)
            )
        }
        switch PreviewRouter.route(rawPath, in: state) {
        case .file(let path):
            guard let bytes = Self.bytes(of: path, in: state) else {
                return notFound(state, snippet: snippet)
            }
            let type = MediaType.forPath(path)
            let body = path.hasSuffix(".html") ? LiveReload.inject(snippet, into: bytes) : bytes
            return Self.response(.ok, type: type, body: body)
        case .redirect(let location):
            return HTTPResponse(
                statusCode: .movedPermanently,
                headers: [
                    .location: location, .cacheControl: "no-store",
                    .contentType: "text/plain; charset=utf-8",
                ],
                body: Data("Moved to \(location)\n".utf8))
        case .notFound:
            return notFound(state, snippet: snippet)
        }
    }

    private func notFound(_ state: PreviewState, snippet: String) -> HTTPResponse {
        guard let page = state.files["404.html"] else {
            return Self.response(
                .notFound, type: "text/html; charset=utf-8",
                body: Array(
                    ("<!DOCTYPE html>\n<title>Not found</title>\n<h1>Not found</h1>\n" + snippet)
                        .utf8))
        }
        return Self.response(
            .notFound, type: "text/html; charset=utf-8",
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

    static func response(_ status: HTTPStatusCode, type: String, body: [UInt8]) -> HTTPResponse {
        HTTPResponse(
            statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"],
            body: Data(body))
    }
}
