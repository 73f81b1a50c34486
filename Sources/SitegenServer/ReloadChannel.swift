import FlyingSocks
import Foundation

/// The open event streams of live-reload clients, and the messages sent to them.
///
/// Each client gets an `AsyncStream` of Server-Sent Event bytes. It starts with the current build
/// generation, gets one `build` event per published state and a comment every 15 seconds, which
/// lets the server notice closed pages. `close()` ends every stream, so the server can stop.
actor ReloadChannel {
    private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var generation = 0
    private var isClosed = false

    /// A new client's stream, starting with the current generation.
    func subscribe() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(
            bufferingPolicy: .bufferingNewest(16))
        guard !isClosed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        clients[id] = continuation
        continuation.yield(Self.retry + Self.event(generation))
        return stream
    }

    /// Tells every client about a new generation.
    func publish(generation: Int) {
        self.generation = generation
        for client in clients.values { client.yield(Self.event(generation)) }
    }

    /// Sends a comment line to every client; a closed connection fails on it and goes away.
    func ping() {
        for client in clients.values { client.yield(Array(": ping\n\n".utf8)) }
    }

    /// Ends every stream and refuses new ones.
    func close() {
        isClosed = true
        for client in clients.values { client.finish() }
        clients.removeAll()
    }

    /// How many clients are connected.
    var clientCount: Int { clients.count }

    private func remove(_ id: UUID) {
        clients[id] = nil
    }

    /// Asks a disconnected client to retry after half a second (the default is 3 s).
    private static let retry = Array("retry: 500\n".utf8)

    private static func event(_ generation: Int) -> [UInt8] {
        Array("event: build\ndata: \(generation)\n\n".utf8)
    }
}

/// An event stream as the byte sequence FlyingFox sends as a chunked response body.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8

    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty {
                guard let message = await base.next() else { return nil }
                pending = message
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            return await base.next()
        }
    }
}
