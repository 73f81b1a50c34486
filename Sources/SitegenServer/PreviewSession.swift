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
    @available(macOS 15, *)
    public func run() async throws {
        let basePath = try Self.basePath(configuration.build.baseURL)
        let server: PreviewServer
        do {
            server = try PreviewServer(
                host: configuration.host == "localhost" ? "127.0.0.1" : configuration.host,
                port: configuration.port, state: .empty(basePath: basePath))
        } catch let failure as Sockets.Failure where failure.description == Sockets.invalidHost {
            throw StartFailure(
                description:
                    "--host must be an IP address such as 127.0.0.1 or ::1, found '\(configuration.host)'"
            )
        } catch {
            throw StartFailure(
                description:
                    "cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
        let url = "http://\(Self.urlHost(configuration.host)):\(server.port)" + basePath
        let watcher = SiteWatcher(root: configuration.build.source)
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await server.run() }
                group.addTask {
                    // Taken before the first build, so edits made while it runs are seen.
                    let initial = watcher.snapshot()
                    await rebuild(baseURL: url, server: server)
                    report(.listening(url: url))
                    try await watch(watcher, from: initial, baseURL: url, server: server)
                }
                defer {
                    server.stop()
                    group.cancelAll()
                }
                try await group.next()
                try Task.checkCancellation()
            }
        } onCancel: {
            server.stop()
        }
    }

    /// Rebuilds whenever a poll finds a changed source, until cancelled.
    @available(macOS 15, *)
    private func watch(
        _ watcher: SiteWatcher, from initial: [String: SiteWatcher.Stamp], baseURL: String,
        server: PreviewServer
    ) async throws {
        var stamps = initial
        while true {
            try await Task.sleep(for: configuration.pollInterval)
            let current = watcher.snapshot()
            let changed = SiteWatcher.changes(from: stamps, to: current)
            guard !changed.isEmpty else { continue }
            stamps = current
            report(.changed(changed))
            await rebuild(baseURL: baseURL, server: server)
        }
    }

    /// Builds once and publishes the result (or the errors) to the server and open pages.
    @available(macOS 15, *)
    private func rebuild(baseURL: String, server: PreviewServer) async {
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
            next = server.state.built(result)
            report(.built(result, seconds: Date().timeIntervalSince(started)))
        } catch {
            next = server.state.failed(error.errors)
            report(.failed(error))
        }
        server.publish(next)
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

    static func urlHost(_ host: String) -> String {
        switch host {
        case "localhost", "0.0.0.0": return "127.0.0.1"
        case "::": return "[::1]"
        default: return host.contains(":") ? "[\(host)]" : host
        }
    }
}
