import ArgumentParser
import Dispatch
import Foundation
import SitegenBase
import SitegenCommandLine
import SitegenCore
import SitegenServer

/// The program behind `sitegen serve`: builds in memory, serves on loopback, rebuilds on change,
/// reloads the browser.
///
/// A program of its own so that `sitegen` does not carry the HTTP server (`SitegenServer`).
/// `sitegen serve` hands over to it with the same arguments.
@main
struct SitegenServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen serve", abstract: ServeOptions.abstract,
        discussion: ServeOptions.discussion, version: SitegenVersion.current)

    @OptionGroup var options: ServeOptions

    func run() async throws {
        try options.site.checkFolder()
        let build = BuildOptions(
            source: options.site.folder, baseURL: options.baseURL,
            includeDrafts: options.selection.drafts, includeFuture: options.selection.future,
            isStrict: options.selection.strict)
        let session = PreviewSession(
            configuration: .init(host: options.host, port: options.port, build: build),
            report: Self.show)
        guard #available(macOS 15, *) else {
            Terminal.error("error: sitegen serve needs macOS 15 or later")
            throw ExitCode.failure
        }
        let task = Task { try await session.run() }
        let signals = Platform.stopSignals.map { (number: Int32) -> any DispatchSourceSignal in
            Platform.ignoreSignal(number)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                task.cancel()
                // The server stops at once; a build in progress is not interrupted, so do not
                // wait for it longer than this.
                DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                    Terminal.error("stopped")
                    Foundation.exit(0)
                }
            }
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
            let built = Terminal.builtSummary(
                briefs: result.site.articles.count,
                drafts: result.draftsSkipped + result.site.articles.filter(\.isDraft).count,
                scheduled: result.heldBack.count)
            Terminal.error(
                "\(built), \(result.site.tags.count) tags, \(result.pageCount) pages in "
                    + String(format: "%.2f s", seconds))
        case .failed(let failure):
            for problem in failure.warnings + failure.errors { Terminal.error(problem.description) }
            let count = failure.errors.count
            Terminal.error(
                "\(count) error\(count == 1 ? "" : "s"); still serving the last good build")
        }
    }
}
