import ArgumentParser
import Dispatch
import Foundation
import SitegenCore
import SitegenServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sitegen serve`: builds in memory, serves on loopback, rebuilds on change, reloads the browser.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it locally and rebuild when a source changes.",
        discussion: """
            The site is built in memory and nothing is written: public/ is left as it is. Every \
            response carries the bytes 'sitegen build' would write, except that HTML pages get a \
            small live-reload script. content/, templates/ and site.yml are watched; open pages \
            reload after each rebuild. A failed build is reported here and over every page while \
            the last good build stays up. Press Ctrl-C to stop.
            """)

    @OptionGroup var site: SiteOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "port"))
    var port: UInt16 = 8000

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Serve under this URL's path (e.g. https://example.com/briefs/ serves at /briefs/).",
            valueName: "url"))
    var baseURL: String?

    @OptionGroup var selection: SelectionOptions

    func run() async throws {
        let options = BuildOptions(
            source: site.source, baseURL: baseURL, includeDrafts: selection.drafts,
            includeFuture: selection.future, isStrict: selection.strict)
        let session = PreviewSession(
            configuration: .init(host: host, port: port, build: options), report: Self.show)
        let task = Task { try await session.run() }
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { for source in signals { source.cancel() } }
        do {
            try await task.value
        } catch let failure as PreviewSession.StartFailure {
            Terminal.error("error: \(failure.description)")
            throw ExitCode.failure
        } catch {
            guard task.isCancelled else {
                Terminal.error("error: the server stopped: \(error)")
                throw ExitCode.failure
            }
        }
        Terminal.error("stopped")
    }

    /// Prints what the session reports.
    @Sendable static func show(_ event: PreviewSession.Event) {
        switch event {
        case .listening(let url):
            Terminal.output("serving \(url) (press Ctrl-C to stop)")
        case .changed(let paths):
            let shown = paths.prefix(3).joined(separator: ", ")
            Terminal.error(
                "changed: \(shown)" + (paths.count > 3 ? " and \(paths.count - 3) more" : ""))
        case .built(let result, let seconds):
            for warning in result.warnings { Terminal.error(warning.description) }
            Terminal.error(
                "built \(result.site.articles.count) briefs, \(result.site.tags.count) tags, \(result.pageCount) pages in "
                    + String(format: "%.2f s", seconds))
        case .failed(let failure):
            for problem in failure.warnings + failure.errors { Terminal.error(problem.description) }
            let count = failure.errors.count
            Terminal.error(
                "\(count) error\(count == 1 ? "" : "s"); still serving the last good build")
        }
    }
}
