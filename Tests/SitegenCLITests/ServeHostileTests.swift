import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sitegen serve` against hostile clients (issue #13, case 14), over 127.0.0.1 only: every test
/// is bounded by the server's own limits (seconds), never by a test timeout.
@Suite("sitegen serve (hostile clients)")
struct ServeHostileTests {
    /// A raw TCP client that sends whatever it is given.
    struct RawClient {
        let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw CLIError("socket() failed") }
            var time = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(
                descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(descriptor)
                throw CLIError("cannot connect to 127.0.0.1:\(port)")
            }
        }

        /// Sends `bytes` in pieces, for 3 seconds at most; false once the server stops taking them.
        @discardableResult
        func transmit(_ bytes: [UInt8]) -> Bool {
            let deadline = Date().addingTimeInterval(3)
            var offset = 0
            while offset < bytes.count && Date() < deadline {
                let end = min(offset + 16_384, bytes.count)
                let count = bytes[offset..<end].withUnsafeBytes {
                    send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if count <= 0 { return false }
                offset += count
            }
            return offset == bytes.count
        }

        /// Everything received until the server closes, or `deadline` passes.
        func receive(until deadline: Date) -> (bytes: [UInt8], isClosed: Bool) {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let left = deadline.timeIntervalSinceNow
                guard left > 0 else { return (received, false) }
                let micros = Int(left * 1e6)
                var time = timeval(tv_sec: micros / 1_000_000, tv_usec: max(1, micros % 1_000_000))
                setsockopt(
                    descriptor, SOL_SOCKET, SO_RCVTIMEO, &time,
                    socklen_t(MemoryLayout<timeval>.size))
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count == 0 { return (received, true) }
                if count < 0 {
                    if errno == EAGAIN || errno == EWOULDBLOCK { continue }
                    return (received, errno == ECONNRESET)
                }
                received += buffer[..<count]
            }
        }

        /// The status of the response received, or nil.
        func status(within seconds: Double) -> Int? {
            let text = String(
                decoding: receive(until: Date().addingTimeInterval(seconds)).bytes, as: UTF8.self)
            guard text.hasPrefix("HTTP/1.1 ") else { return nil }
            return Int(text.dropFirst(9).prefix(3))
        }

        func disconnect() { close(descriptor) }
    }

    static func seconds(since start: Date) -> Double { Date().timeIntervalSince(start) }

    /// SIGTERM, then SIGKILL if the server is still running 5 seconds later.
    static func stop(_ server: CLI.Running) {
        kill(server.process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while server.process.isRunning && Date() < deadline { usleep(20_000) }
        if server.process.isRunning { kill(server.process.processIdentifier, SIGKILL) }
    }

    @Test("a long request line gets 414, large or many headers 431, and each connection closes")
    func requestLimits() throws {
        let site = try CLI.site("site")
        let server = try CLI.start(["serve", "--port", "0"], in: site)
        defer { Self.stop(server) }
        let port = try ServeCLITests.waitForPort(server)

        // 1 MB of request line: answered 414 at once, not after parsing it all.
        let started = Date()
        let long = try RawClient(port: port)
        defer { long.disconnect() }
        long.transmit(Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20))
        #expect(long.status(within: 5) == 414)
        #expect(Self.seconds(since: started) < 4)

        // 64 KB in one header, and 200 small headers.
        let large = try RawClient(port: port)
        defer { large.disconnect() }
        large.transmit(
            Array("GET / HTTP/1.1\r\nX-Big: ".utf8)
                + [UInt8](repeating: UInt8(ascii: "b"), count: 65_536) + Array("\r\n\r\n".utf8))
        #expect(large.status(within: 5) == 431)
        let many = try RawClient(port: port)
        defer { many.disconnect() }
        let headers = (0..<200).map { "X-H\($0): v\r\n" }.joined()
        many.transmit(Array("GET / HTTP/1.1\r\n\(headers)\r\n".utf8))
        #expect(many.status(within: 5) == 431)

        // Malformed requests get 400; other methods 405; the limits let a normal request by.
        let malformed = try RawClient(port: port)
        defer { malformed.disconnect() }
        malformed.transmit(Array("GET\r\n\r\n".utf8))
        #expect(malformed.status(within: 5) == 400)
        let post = try RawClient(port: port)
        defer { post.disconnect() }
        post.transmit(Array("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n".utf8))
        #expect(post.status(within: 5) == 405)
        let page = try LoopbackHTTP.get("/", port: port)
        #expect(page.status == 200)
        #expect(page.headers["connection"] == "close")
        let head = try LoopbackHTTP.get("/", port: port, method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(Int(head.headers["content-length"] ?? "") == page.body.count)
    }

    @Test("idle and half-sent connections are closed; others are served meanwhile; SIGTERM stops")
    func slowClients() throws {
        let site = try CLI.site("site")
        let server = try CLI.start(["serve", "--port", "0"], in: site)
        defer { Self.stop(server) }
        let port = try ServeCLITests.waitForPort(server)

        // Twenty connections that say nothing, twenty that stop halfway through their headers,
        // and two that are sending megabytes of request line.
        let idle = try (0..<20).map { _ in try RawClient(port: port) }
        let halfSent = try (0..<20).map { _ in try RawClient(port: port) }
        for client in halfSent {
            client.transmit(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
        }
        let flooding = try (0..<2).map { _ in try RawClient(port: port) }
        let flood = DispatchGroup()
        DispatchQueue.global().async(group: flood) {
            for client in flooding {
                client.transmit([UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20))
            }
        }
        defer {
            // The sender stops within 3 s per client; only then are its sockets closed, so it
            // never writes to a descriptor number reused by another test.
            flood.wait()
            for client in idle + halfSent + flooding { client.disconnect() }
        }

        // Meanwhile a browser gets its pages within a second each.
        for path in ["/", "/briefs/gemini-update/", "/feed.xml", "/style.css"] {
            let started = Date()
            let response = try LoopbackHTTP.get(path, port: port, timeout: 2)
            #expect(response.status == 200)
            #expect(
                Self.seconds(since: started) < 1, "\(path) took \(Self.seconds(since: started)) s")
        }
        let events = try LoopbackHTTP.get("/__sitegen/events", port: port, until: "data: ")
        #expect(events.text.contains("event: build"))

        // The head timeout (5 s) closes the idle and half-sent ones, with 408.
        let started = Date()
        let deadline = started.addingTimeInterval(8)
        let ended = halfSent.map { $0.receive(until: deadline) }
        #expect(ended.allSatisfy { $0.isClosed })
        #expect(
            ended.allSatisfy { String(decoding: $0.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408") }
        )
        #expect(idle.map { $0.receive(until: deadline) }.allSatisfy { $0.isClosed })
        #expect(Self.seconds(since: started) < 8)

        // With new hostile clients connected, SIGTERM still stops it, promptly and cleanly.
        let more = try (0..<10).map { _ in try RawClient(port: port) }
        defer { for client in more { client.disconnect() } }
        for client in more { client.transmit(Array("GET / HT".utf8)) }
        let stopping = Date()
        kill(server.process.processIdentifier, SIGTERM)
        while server.process.isRunning && Self.seconds(since: stopping) < 10 { usleep(20_000) }
        #expect(!server.process.isRunning)
        #expect(Self.seconds(since: stopping) < 1.5)
        #expect(server.process.terminationStatus == 0)
        #expect(server.stderr().contains("stopped"))
    }
}
