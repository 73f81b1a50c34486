import FlyingFox
import FlyingSocks
import Foundation
import SitegenCore

/// `sitegen serve`: builds the site in memory, serves it, and rebuilds and reloads open pages
/// whenever a source changes.
///
/// Nothing is written to disk: each build is `SiteBuilder.render()`, kept in memory and served as
/// the bytes `build` would write, with only the live-reload snippet added to HTML responses. A
/// failed build keeps the last good site up, with the errors in the terminal and over every page,
/// until a later build succeeds. `run()` returns when its task is cancelled.
public struct PreviewSession: Sendable {
    /// How to serve.
    public struct Configuration: Sendable {
        /// The address to listen on: an IPv4 or IPv6 literal, or `localhost`.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: UInt16
        /// What to build. `baseURL`'s path, if given, is the path the site is served under; its
        /// origin is replaced by the server's own.
        public var build: BuildOptions
        /// How often to look for changes.
        public var pollInterval: Duration

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1", port: UInt16 = 8000, build: BuildOptions,
            pollInterval: Duration = .milliseconds(300)
        ) {
            self.host = host
            self.port = port
            self.build = build
            self.pollInterval = pollInterval
        }
    }

    /// What happened, for the terminal.
    public enum Event: Sendable {
        /// The server is up at this address (the site's base URL).
        case listening(url: String)
        /// These sources changed; a rebuild starts.
        case changed([String])
        /// A build succeeded.
        case built(SiteBuilder.Result, seconds: Double)
        /// A build failed; the last good site is still served.
        case failed(BuildFailure)
    }

    /// Why the server could not start.
    public struct StartFailure: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// The settings.
    public let configuration: Configuration
    /// Receives every event.
    public let report: @Sendable (Event) -> Void

    /// Creates a session.
    public init(configuration: Configuration, report: @escaping @Sendable (Event) -> Void) {
        self.configuration = configuration
        self.report = report
    }

    /// Serves until cancelled.
    /// - Throws: `StartFailure` when the address cannot be used, `CancellationError` when stopped.
    public func run() async throws {
        let basePath = try Self.basePath(configuration.build.baseURL)
        let store = PreviewStore(.empty(basePath: basePath))
        let channel = ReloadChannel()
        let server = HTTPServer(
            address: try Self.address(host: configuration.host, port: configuration.port),
            timeout: 30, logger: .disabled, handler: PreviewHandler(store: store, channel: channel))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            // Whichever ends first: listening, or the server failing to bind.
            group.addTask { try await server.waitUntilListening(timeout: 10) }
            do {
                try await group.next()
            } catch {
                group.cancelAll()
                throw StartFailure(
                    description:
                        "cannot listen on \(configuration.host):\(configuration.port): \(Self.reason(error))"
                )
            }
            let port = Self.port(of: await server.listeningAddress) ?? Int(configuration.port)
            let origin = "http://\(Self.urlHost(configuration.host)):\(port)"
            let url = origin + basePath
            let watcher = SiteWatcher(root: configuration.build.source)
            // Taken before the first build, so edits made while it runs are seen.
            let initial = watcher.snapshot()
            await rebuild(baseURL: url, store: store, channel: channel)
            report(.listening(url: url))
            group.addTask {
                while true {
                    try await Task.sleep(for: .seconds(15))
                    await channel.ping()
                }
            }
            group.addTask {
                try await watch(
                    watcher, from: initial, baseURL: url, store: store, channel: channel)
            }
            do {
                try await withTaskCancellationHandler {
                    try await group.next()
                } onCancel: {
                    Task { await channel.close() }
                }
            } catch {
                await channel.close()
                group.cancelAll()
                throw error
            }
        }
    }

    /// Rebuilds whenever a poll finds a changed source, until cancelled.
    private func watch(
        _ watcher: SiteWatcher, from initial: [String: SiteWatcher.Stamp], baseURL: String,
        store: PreviewStore, channel: ReloadChannel
    ) async throws {
        var stamps = initial
        while true {
            try await Task.sleep(for: configuration.pollInterval)
            let current = watcher.snapshot()
            let changed = SiteWatcher.changes(from: stamps, to: current)
            guard !changed.isEmpty else { continue }
            stamps = current
            report(.changed(changed))
            await rebuild(baseURL: baseURL, store: store, channel: channel)
        }
    }

    /// Builds once and publishes the result (or the errors) to the server and open pages.
    private func rebuild(baseURL: String, store: PreviewStore, channel: ReloadChannel) async {
        var options = configuration.build
        options.baseURL = baseURL
        // Nothing is written; this folder only satisfies the builder's output check.
        options.output =
            NSTemporaryDirectory()
            + "sitegen-serve-\(ProcessInfo.processInfo.processIdentifier)/public"
        options.now = BuildOptions.environmentNow()
        let started = Date()
        let next: PreviewState
        do {
            let result = try await SiteBuilder(options: options).render()
            next = await store.state.built(result)
            report(.built(result, seconds: Date().timeIntervalSince(started)))
        } catch {
            next = await store.state.failed(error.errors)
            report(.failed(error))
        }
        await store.update(next)
        await channel.publish(generation: next.generation)
    }

    /// The path of `--base-url`, or `/`.
    static func basePath(_ baseURL: String?) throws -> String {
        guard let baseURL else { return "/" }
        guard let parsed = BaseURL(parsing: baseURL) else {
            throw StartFailure(
                description: "--base-url must be an absolute http(s) URL, found '\(baseURL)'")
        }
        return parsed.path
    }

    static func address(host: String, port: UInt16) throws -> any SocketAddress {
        do {
            if host == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
            if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: port) }
            return try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw StartFailure(
                description:
                    "--host must be an IP address such as 127.0.0.1 or ::1, found '\(host)'")
        }
    }

    /// `address already in use` rather than the socket error's case name.
    static func reason(_ error: any Error) -> String {
        if case SocketError.failed(_, let number, _) = error {
            return String(cString: strerror(number)).lowercased()
        }
        return "\(error)"
    }

    static func urlHost(_ host: String) -> String {
        switch host {
        case "localhost", "0.0.0.0": return "127.0.0.1"
        case "::": return "[::1]"
        default: return host.contains(":") ? "[\(host)]" : host
        }
    }

    static func port(of address: Socket.Address?) -> Int? {
        switch address {
        case .ip4(_, let port)?, .ip6(_, let port)?: return Int(port)
        default: return nil
        }
    }
}
