import ArgumentParser
import Foundation
import SitegenCommandLine
import SitegenCore

/// `sitegen import`: converts plain-text briefs like the sample into content files.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert plain-text briefs into content files under content/briefs/.",
        discussion: """
            Each FILE holds a brief as readers see it: the Japanese and then the English title on \
            the first line, '- ' key points, an 'English summary' heading with its points, the \
            Japanese body, the English body, and the disclaimer line naming the source's host. \
            Both titles, summaries and bodies are kept; the disclaimer line is dropped, as the site \
            adds its own. Without --source-url the source is the root URL of the disclaimer's host, \
            with a warning. The brief is dated now (SOURCE_DATE_EPOCH fixes "now"). Nothing is \
            written unless every file converts, and no existing file is overwritten.
            """)

    @Argument(help: ArgumentHelp("Plain-text briefs to convert.", valueName: "file"))
    var files: [String]

    @OptionGroup var site: SiteOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The original article's URL (one FILE only).", valueName: "url"))
    var sourceURL: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The URL slug (one FILE only; default: from the English title).", valueName: "slug"))
    var slug: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Comma-separated tags for every imported brief.", valueName: "a,b"))
    var tags: String?

    @Flag(name: .long, help: "Mark the imported briefs as drafts.")
    var draft = false

    func validate() throws {
        if files.count > 1, sourceURL != nil || slug != nil {
            throw ValidationError("--source-url and --slug apply to one FILE at a time")
        }
    }

    func run() async throws {
        let loaded = ContentLoader(root: site.source).load()
        let (config, configProblems) = SiteConfigLoader.load(loaded.sources.config)
        var errors = (loaded.problems + configProblems).filter { $0.severity == .error }
        var warnings: [SitegenError] = []
        var created: [Scaffolder.NewFile] = []
        let writer = ContentFileWriter(root: site.source)
        var placement = BriefPlacement(config: config, existing: loaded.sources.briefs)
        let importer = Importer(config: config)
        let now = BuildOptions.environmentNow()
        for path in files {
            guard let bytes = try? FileSystem.disk.read(path) else {
                errors.append(SitegenError(.io, "cannot read file", at: SourceLocation(path: path)))
                continue
            }
            let request = Importer.Request(
                file: SourceFile(path: path, bytes: bytes), sourceURL: sourceURL, slug: slug,
                tags: NewCommand.list(tags), now: now, isDraft: draft)
            switch importer.convert(request, placement: &placement, fileExists: writer.exists) {
            case .success(let imported):
                created.append(imported.file)
                warnings += imported.warnings
            case .failure(let failure):
                errors += failure.errors
                warnings += failure.warnings
            }
        }
        if errors.isEmpty {
            do {
                try writer.create(created)
            } catch {
                errors += error.errors
            }
        }
        guard errors.isEmpty else {
            Terminal.report(errors: errors, warnings: warnings)
            throw ExitCode.failure
        }
        for warning in warnings { Terminal.error(warning.description) }
        for file in created { Terminal.output(file.path) }
        Terminal.error("imported \(created.count) brief\(created.count == 1 ? "" : "s")")
    }
}
