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
            adds its own. Without --url the source is the root URL of the disclaimer's host and the \
            brief is a draft until its source.url is filled in. The brief is dated now \
            (SOURCE_DATE_EPOCH fixes "now"). Nothing is written unless every file converts; no \
            existing file is overwritten, and a file already imported is refused. Old option \
            names, read for one release: --source-url for --url, --source DIR for --site DIR.
            """)

    @Argument(help: ArgumentHelp("Plain-text briefs to convert.", valueName: "file"))
    var files: [String]

    @OptionGroup var site: SiteOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The original article's URL (one FILE only).", valueName: "url"))
    var url: String?

    /// `--url`'s old name, read for one release.
    @Option(name: .customLong("source-url"), help: ArgumentHelp(visibility: .hidden))
    var oldURL: String?

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
        if url != nil, oldURL != nil {
            throw ValidationError(
                "give the article's URL once, with --url (--source-url is its old name)")
        }
        if files.count > 1, url != nil || oldURL != nil || slug != nil {
            throw ValidationError("--url and --slug apply to one FILE at a time")
        }
    }

    func run() async throws {
        try site.checkFolder()
        if oldURL != nil { OldSpelling.warn("--source-url URL", now: "--url URL") }
        let sourceURL = url ?? oldURL
        let loaded = ContentLoader(root: site.folder).load()
        let (config, configProblems) = SiteConfigLoader.load(loaded.sources.config)
        var errors = (loaded.problems + configProblems).filter { $0.severity == .error }
        var warnings: [SitegenError] = []
        var created: [Scaffolder.NewFile] = []
        let writer = ContentFileWriter(root: site.folder)
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
