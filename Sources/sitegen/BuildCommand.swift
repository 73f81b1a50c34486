import ArgumentParser
import Foundation
import SitegenCommandLine
import SitegenCore

/// `sitegen build`: turns flags into `BuildOptions`, runs `SiteBuilder`, reports, exits.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: """
            Every problem is reported as 'path:line:column: error: message' and the build exits 1 \
            without touching the output folder: the live site is never modified, the new one is \
            made in a second folder beside it and swapped in only on success. Set \
            SOURCE_DATE_EPOCH to fix "now" for reproducible builds. A cache in .sitegen/ (in the \
            site folder; never published) lets a rebuild read only the briefs that changed and \
            render only the pages whose inputs changed; the result is the same as a build from \
            scratch.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Override base_url from site.yml (e.g. for preview deployments).", valueName: "url"))
    var baseURL: String?

    @OptionGroup var selection: SelectionOptions

    @Flag(name: .long, help: "Print how long each build stage took.")
    var timings = false

    @Flag(
        name: .long,
        help: "Build from scratch and keep no build cache (.sitegen/ in the site folder).")
    var noCache = false

    func run() async throws {
        try site.checkFolder()
        var options = BuildOptions(
            source: site.folder, output: output ?? site.defaultOutput, baseURL: baseURL,
            includeDrafts: selection.drafts, includeFuture: selection.future,
            isStrict: selection.strict,
            cacheDirectory: noCache ? nil : site.folder + "/.sitegen")
        options.exitsAfterBuild = true
        let started = Date()
        let timings = self.timings
        let progress = BuildProgress.start(isEnabled: !timings && BuildProgress.isTerminal)
        let builder = SiteBuilder(
            options: options,
            log: { line in
                if timings { Terminal.error("  " + line) }
                progress.log(line)
            })
        do {
            let report = try await builder.build()
            await progress.finish()
            for warning in report.warnings { Terminal.error(warning.description) }
            if report.heldBack > 0, let next = report.nextRelease {
                Terminal.error(
                    "held back \(report.heldBack) brief\(report.heldBack == 1 ? "" : "s") dated in the future "
                        + "(the first at \(next.rfc3339)); use --future to include them")
            }
            let seconds = Date().timeIntervalSince(started)
            let written =
                report.isUpToDate
                ? " (up to date, nothing written)"
                : report.filesWritten < report.fileCount - 1
                    ? " (\(report.filesWritten) files rewritten)" : ""
            let built = Terminal.builtSummary(
                briefs: report.briefCount, drafts: report.draftsSkipped, scheduled: report.heldBack)
            Terminal.error(
                "\(built), \(report.tagCount) tags, \(report.pageCount) pages in "
                    + String(format: "%.2f s", seconds) + written)
        } catch {
            await progress.finish()
            Terminal.report(error)
            throw ExitCode.failure
        }
    }
}
