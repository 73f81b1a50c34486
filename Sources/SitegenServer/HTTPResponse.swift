/// A response of the preview server: a status, a few headers and a body held in memory.
///
/// Every response closes its connection (`Connection: close`), so the server never has to find
/// where a next request starts; on loopback the cost of a new connection is negligible.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a content type that is never cached.
    init(status: Int, type: String, body: [UInt8]) {
        self.init(
            status: status, headers: [("Content-Type", type), ("Cache-Control", "no-store")],
            body: body)
    }

    /// A short plain-text answer to a request that is refused.
    static func refusal(_ status: Int) -> HTTPResponse {
        HTTPResponse(
            status: status, type: "text/plain; charset=utf-8",
            body: Array("\(status) \(reason(status))\n".utf8))
    }

    /// Value of the header `name` (compared without case).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The status line and headers, with `Content-Length` and `Connection: close`.
    var head: [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(text.utf8)
    }

    /// The whole response; without the body for a `HEAD` request.
    func bytes(includingBody: Bool) -> [UInt8] {
        includingBody ? head + body : head
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 414: return "URI Too Long"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }
}
