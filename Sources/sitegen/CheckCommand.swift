import ArgumentParser
import Foundation
import SitegenCommandLine
import SitegenCore

/// `sitegen check`: everything `build` validates, plus internal links; writes nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the content and every internal link, writing nothing.",
        discussion: """
            Renders the whole site in memory, as 'sitegen build' does, and reports every problem \
            a build would, then every link inside the site (root-relative, relative, or to the \
            site's own address) that leads to no page or file. A broken link in a brief's body is \
            reported at its line in the content file; one from a template names the page it is \
            on. Tags that differ only by case, width or spacing are warned about, with the \
            tags.yml entry that would make them one tag. Exits 1 when anything is wrong.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Override base_url from site.yml.", valueName: "url"))
    var baseURL: String?

    @OptionGroup var selection: SelectionOptions

    func run() async throws {
        try site.checkFolder()
        var options = BuildOptions(
            source: site.folder, output: site.defaultOutput, baseURL: baseURL,
            includeDrafts: selection.drafts, includeFuture: selection.future,
            isStrict: selection.strict)
        options.checksDrafts = true
        do {
            let result = try await SiteBuilder(options: options).render()
            let sources = ContentLoader(root: site.folder).load().sources
            let checker = LinkChecker(
                site: result.site, files: result.files, staticFiles: result.staticFiles.map(\.to),
                sources: sources.briefs + sources.pages)
            let report = await checker.check()
            let warnings = result.warnings + TagVariantCheck.warnings(in: result.site)
            let errors = report.errors
            for problem in warnings + errors { Terminal.error(problem.description) }
            let summary =
                "checked \(Self.count(result.site.articles.count, "brief")), "
                + "\(Self.count(report.pageCount, "page")) and \(Self.count(report.linkCount, "internal link"))"
            guard errors.isEmpty else {
                Terminal.error("\(summary): \(Self.count(errors.count, "broken link"))")
                throw ExitCode.failure
            }
            Terminal.error(
                "\(summary): no problems"
                    + (warnings.isEmpty ? "" : " (\(Self.count(warnings.count, "warning")))"))
        } catch let failure as BuildFailure {
            for problem in failure.warnings + failure.errors { Terminal.error(problem.description) }
            let count = failure.errors.count
            Terminal.error("\(count) error\(count == 1 ? "" : "s")")
            throw ExitCode.failure
        }
    }

    /// `1 page`, `2 pages`.
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
