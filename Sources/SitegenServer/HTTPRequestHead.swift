/// The request line and headers of an HTTP/1.x request, as the preview server reads them.
///
/// Only what a static preview needs: the method and the path. The head is read with fixed limits,
/// each byte looked at once, so a hostile client costs time linear in what it sends and is cut
/// off early: a request line over `Limits.requestLine` bytes is answered 414, a header section
/// over `Limits.headerBytes` bytes or `Limits.headerCount` lines 431.
struct HTTPRequestHead: Equatable, Sendable {
    /// `GET`, `HEAD`, …
    let method: String
    /// The request target's path, still percent-encoded, without query or fragment.
    let path: String

    /// The limits on a request head.
    enum Limits {
        /// The longest request line, in bytes (as nginx's default large buffer).
        static let requestLine = 8 * 1024
        /// The longest header section (every header line together), in bytes.
        static let headerBytes = 16 * 1024
        /// The most header lines.
        static let headerCount = 64
    }

    /// What the bytes read so far amount to.
    enum Outcome: Equatable, Sendable {
        /// The head is not complete yet.
        case incomplete
        /// A complete, well-formed head.
        case complete(HTTPRequestHead)
        /// A head that breaks a limit or is malformed: answer with this status and close.
        case rejected(status: Int)
    }

    /// Accumulates a connection's bytes until its head is complete.
    struct Reader: Sendable {
        private var bytes: [UInt8] = []
        /// How far `bytes` has been scanned for line ends.
        private var scanned = 0
        /// Where the current line starts.
        private var lineStart = 0
        /// The request line (without its line end), once read.
        private var requestLine: [UInt8]?
        /// Where the header section starts.
        private var headersStart = 0
        private var headerCount = 0

        /// Adds received bytes and says whether the head is complete.
        mutating func append(_ chunk: ArraySlice<UInt8>) -> Outcome {
            bytes.append(contentsOf: chunk)
            while scanned < bytes.count {
                let index = scanned
                scanned += 1
                guard bytes[index] == UInt8(ascii: "\n") else { continue }
                var end = index
                if end > lineStart && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = bytes[lineStart..<end]
                lineStart = index + 1
                guard requestLine != nil else {
                    // Tolerate empty lines before the request line (RFC 9112, 2.2).
                    if line.isEmpty { continue }
                    guard line.count <= Limits.requestLine else { return .rejected(status: 414) }
                    requestLine = Array(line)
                    headersStart = lineStart
                    continue
                }
                if line.isEmpty { return Self.parse(requestLine ?? []) }
                headerCount += 1
                guard headerCount <= Limits.headerCount,
                    lineStart - headersStart <= Limits.headerBytes
                else { return .rejected(status: 431) }
                guard Self.isHeaderLine(line) else { return .rejected(status: 400) }
            }
            if requestLine == nil {
                // Empty lines before it count too, so nothing grows without bound.
                if bytes.count > Limits.requestLine + 2 { return .rejected(status: 414) }
            } else if bytes.count - headersStart > Limits.headerBytes + 2 {
                return .rejected(status: 431)
            }
            return .incomplete
        }

        /// `name: value`, with a token for the name and no folded continuation.
        private static func isHeaderLine(_ line: ArraySlice<UInt8>) -> Bool {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex
            else { return false }
            return line[..<colon].allSatisfy(isTokenByte)
        }

        private static func parse(_ line: [UInt8]) -> Outcome {
            let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte),
                parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else { return .rejected(status: 400) }
            guard parts[2].starts(with: Array("HTTP/1.".utf8)), parts[2].count == 8 else {
                return .rejected(status: parts[2].starts(with: Array("HTTP/".utf8)) ? 505 : 400)
            }
            guard let path = Self.path(of: String(decoding: parts[1], as: UTF8.self)) else {
                return .rejected(status: 400)
            }
            return .complete(
                HTTPRequestHead(method: String(decoding: parts[0], as: UTF8.self), path: path))
        }

        /// The path of an origin-form (`/a?b`) or absolute-form (`http://host/a`) target.
        static func path(of target: String) -> String? {
            var rest = Substring(target)
            for scheme in ["http://", "https://"] where rest.lowercased().hasPrefix(scheme) {
                rest = rest.dropFirst(scheme.count)
                rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
            }
            guard rest.hasPrefix("/") else { return nil }
            let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
            return String(rest[..<end])
        }

        private static func isTokenByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
            }
        }
    }
}
