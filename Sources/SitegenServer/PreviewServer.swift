import Foundation
import Synchronization

/// The HTTP/1.1 server of `sitegen serve`: GET and HEAD of the current `PreviewState`, and the
/// live-reload event stream, on plain non-blocking sockets served by one thread with `poll`.
///
/// Made for hostile clients as much as for browsers: every byte of a request is looked at once
/// (`HTTPRequestHead.Reader`), a request head must be complete `Limits.headTimeout` after the
/// connection opens, a client that stops reading its response is dropped, and at most
/// `Limits.connections` connections are kept (a new one pushes out the oldest that has not sent
/// its request yet). One loop iteration never waits longer than a quarter of a second, so
/// `stop()` takes effect at once and other clients are answered while hostile ones are connected.
@available(macOS 15, *)
final class PreviewServer: Sendable {
    /// The limits on clients.
    enum Limits {
        /// How long a connection may take to send its whole request head.
        static let headTimeout: Duration = .seconds(5)
        /// How long a response may make no progress before its connection is dropped.
        static let writeTimeout: Duration = .seconds(10)
        /// How long the server reads (and discards) what a client still sends after its response.
        static let lingerTimeout: Duration = .seconds(2)
        /// The most open connections, event streams included.
        static let connections = 128
        /// The most unsent bytes of an event stream before its client is dropped.
        static let streamBacklog = 64 * 1024
        /// How often event streams get a comment line.
        static let pingInterval: Duration = .seconds(15)
    }

    private struct Shared: Sendable {
        var state: PreviewState
        var isStopped = false
    }

    private let listener: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let shared: Mutex<Shared>
    /// The port listened on (the one picked when 0 was asked for).
    let port: Int

    /// Listens on `host:port` at once; `serve()` answers.
    init(host: String, port: UInt16, state: PreviewState) throws {
        listener = try Sockets.makeListener(host: host, port: port)
        do {
            (wakeRead, wakeWrite) = try Sockets.makePipe()
        } catch {
            Sockets.closeSocket(listener)
            throw error
        }
        self.port = Sockets.port(of: listener)
        shared = Mutex(Shared(state: state))
    }

    /// The state being served.
    var state: PreviewState { shared.withLock { $0.state } }

    /// Serves `state` from now on; open pages are told its generation.
    func publish(_ state: PreviewState) {
        shared.withLock { $0.state = state }
        Sockets.wake(wakeWrite)
    }

    /// Makes `serve()` close every connection and return.
    func stop() {
        shared.withLock { $0.isStopped = true }
        Sockets.wake(wakeWrite)
    }

    /// Serves on a thread of its own until `stop()`.
    func run() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread { [self] in
                serve()
                done.resume()
            }
            thread.name = "sitegen-serve"
            thread.start()
        }
    }

    /// The loop; returns after `stop()`.
    private func serve() {
        var connections: [Connection] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var streamedGeneration = state.generation
        var nextPing = ContinuousClock.now + Limits.pingInterval
        defer {
            for connection in connections { Sockets.closeSocket(connection.descriptor) }
            Sockets.closeSocket(listener)
            Sockets.closeSocket(wakeRead)
            Sockets.closeSocket(wakeWrite)
        }
        while true {
            let (current, isStopped) = shared.withLock { ($0.state, $0.isStopped) }
            if isStopped { return }
            let now = ContinuousClock.now
            if current.generation != streamedGeneration {
                streamedGeneration = current.generation
                for index in connections.indices where connections[index].phase == .streaming {
                    connections[index].enqueue(LiveReload.event(current.generation))
                }
            }
            if now >= nextPing {
                nextPing = now + Limits.pingInterval
                for index in connections.indices where connections[index].phase == .streaming {
                    connections[index].enqueue(LiveReload.ping)
                }
            }
            let events = Sockets.waitForEvents(
                [(listener, false), (wakeRead, false)]
                    + connections.map { ($0.descriptor, $0.hasOutput) }, milliseconds: 250)
            if !events[1].isEmpty { Sockets.drain(wakeRead) }
            let after = ContinuousClock.now
            for (index, polled) in zip(connections.indices, events.dropFirst(2)) {
                connections[index].handle(
                    polled, buffer: &buffer, now: after,
                    state: { shared.withLock { $0.state } })
            }
            for index in connections.indices { connections[index].expire(at: after) }
            for connection in connections where connection.phase == .closed {
                Sockets.closeSocket(connection.descriptor)
            }
            connections.removeAll { $0.phase == .closed }
            if !events[0].isEmpty { accept(into: &connections, now: after) }
        }
    }

    /// Takes every waiting connection, making room by dropping the oldest that has not sent its
    /// request yet (or the newcomer when there is none).
    private func accept(into connections: inout [Connection], now: ContinuousClock.Instant) {
        while let descriptor = Sockets.acceptConnection(listener) {
            if connections.count >= Limits.connections {
                guard let oldest = connections.firstIndex(where: { $0.phase == .reading }) else {
                    Sockets.closeSocket(descriptor)
                    continue
                }
                Sockets.closeSocket(connections[oldest].descriptor)
                connections.remove(at: oldest)
            }
            connections.append(Connection(descriptor: descriptor, opened: now))
        }
    }
}

/// One client connection of `PreviewServer`.
struct Connection {
    enum Phase: Equatable {
        /// Reading the request head.
        case reading
        /// Sending a response, then closing.
        case writing
        /// The event stream: open until the client leaves.
        case streaming
        /// Response sent and sending side shut: reading what the client still sends, briefly,
        /// so that closing does not reset the connection before the client has read it all.
        case lingering
        case closed
    }

    let descriptor: Int32
    private(set) var phase = Phase.reading
    private var reader = HTTPRequestHead.Reader()
    private(set) var output: [UInt8] = []
    private var sent = 0
    /// When the current phase times out (none for a stream).
    private var deadline: ContinuousClock.Instant?

    init(descriptor: Int32, opened: ContinuousClock.Instant) {
        self.descriptor = descriptor
        deadline = opened + PreviewServer.Limits.headTimeout
    }

    var hasOutput: Bool { sent < output.count }

    /// Adds a message to an event stream; `poll` sends it when the socket takes it.
    mutating func enqueue(_ message: [UInt8]) {
        output += message
    }

    /// Reads and writes what `poll` said is possible.
    mutating func handle(
        _ events: Sockets.Events, buffer: inout [UInt8], now: ContinuousClock.Instant,
        state: () -> PreviewState
    ) {
        if events.contains(.readable) { read(&buffer, now: now, state: state) }
        if phase != .closed && hasOutput && events.contains(.writable) { write(now: now) }
    }

    /// Closes the connection when its phase has run out of time or a stream's client lags.
    mutating func expire(at now: ContinuousClock.Instant) {
        if phase == .streaming && output.count - sent > PreviewServer.Limits.streamBacklog {
            phase = .closed
        }
        guard let deadline, now >= deadline else { return }
        switch phase {
        case .reading:
            respond(HTTPResponse.refusal(408).bytes(includingBody: true), now: now)
        case .writing, .lingering, .streaming, .closed:
            phase = .closed
        }
    }

    private mutating func read(
        _ buffer: inout [UInt8], now: ContinuousClock.Instant, state: () -> PreviewState
    ) {
        switch Sockets.receive(descriptor, into: &buffer) {
        case .wouldBlock:
            return
        case .closed:
            // A client that half-closes after its request still gets its response.
            if phase == .writing { return }
            phase = .closed
        case .bytes(let bytes):
            guard phase == .reading else { return }
            switch reader.append(bytes) {
            case .incomplete:
                return
            case .rejected(let status):
                respond(HTTPResponse.refusal(status).bytes(includingBody: true), now: now)
            case .complete(let head):
                if head.path == LiveReload.eventsPath && head.method == "GET" {
                    output =
                        LiveReload.eventStreamHead
                        + LiveReload.streamStart(generation: state().generation)
                    phase = .streaming
                    deadline = nil
                    write(now: now)
                    return
                }
                let response = PreviewResponder.respond(
                    method: head.method, path: head.path, state: state())
                respond(response.bytes(includingBody: head.method != "HEAD"), now: now)
            }
        }
    }

    private mutating func respond(_ bytes: [UInt8], now: ContinuousClock.Instant) {
        output = bytes
        sent = 0
        phase = .writing
        deadline = now + PreviewServer.Limits.writeTimeout
        write(now: now)
    }

    private mutating func write(now: ContinuousClock.Instant) {
        guard let count = Sockets.sendSome(descriptor, output[sent...]) else {
            phase = .closed
            return
        }
        sent += count
        if phase == .streaming {
            if sent == output.count {
                output = []
                sent = 0
            }
            return
        }
        if count > 0 { deadline = now + PreviewServer.Limits.writeTimeout }
        if sent == output.count && phase == .writing {
            Sockets.finishSending(descriptor)
            phase = .lingering
            deadline = now + PreviewServer.Limits.lingerTimeout
        }
    }
}
