import ArgumentParser
import Foundation
import SitegenCommandLine
import SitegenCore

/// `sitegen new`: scaffolds a draft brief with today's date and every field in place.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new brief under content/briefs/ with today's date.",
        discussion: """
            The brief goes where the site keeps its others (content/briefs/YYYY/MM/<slug>.md by \
            default), dated now in the site's timezone (SOURCE_DATE_EPOCH fixes "now"), with every \
            front-matter field present and draft: true. Without --slug, an English title gives a \
            slug such as the-next-phase; a Japanese title gives a date-based one such as \
            2026-04-28-0930. An existing file is never overwritten. Prints the new file's path. \
            Old option names, read for one release: --source URL for --url (on 'new' it always \
            meant the article's URL, never the folder).
            """)

    @Argument(help: "The title, in the site's language.")
    var title: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The URL slug (default: from the title, or the date).", valueName: "slug"))
    var slug: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated tags.", valueName: "a,b"))
    var tags: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The original article's URL (source.url).", valueName: "url"))
    var url: String?

    /// `--url`'s old name, read for one release.
    @Option(name: .customLong("source"), help: ArgumentHelp(visibility: .hidden))
    var oldURL: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The site folder, with site.yml and/or content/ (default: the current folder).",
            valueName: "dir"))
    var site: String?

    func validate() throws {
        if url != nil, oldURL != nil {
            throw ValidationError(
                "give the article's URL once, with --url (--source is its old name)")
        }
        // Every other command took --source as the site folder; on `new` it was the URL.
        if let oldURL, !oldURL.lowercased().hasPrefix("http"), SiteFolder.problem(oldURL) == nil {
            throw ValidationError(
                "on 'new', --source is the old name of --url, the article's URL; give the site folder with --site \(oldURL)"
            )
        }
    }

    func run() async throws {
        if oldURL != nil { OldSpelling.warn("--source URL", now: "--url URL") }
        let site = self.site ?? "."
        try SiteFolder.require(site)
        let source = url ?? oldURL
        let loaded = ContentLoader(root: site).load()
        let (config, configProblems) = SiteConfigLoader.load(loaded.sources.config)
        let setupErrors = (loaded.problems + configProblems).filter { $0.severity == .error }
        if !setupErrors.isEmpty {
            Terminal.report(errors: setupErrors, warnings: [])
            throw ExitCode.failure
        }
        let writer = ContentFileWriter(root: site)
        var placement = BriefPlacement(config: config, existing: loaded.sources.briefs)
        let request = Scaffolder.Request(
            title: title, slug: slug, tags: Self.list(tags), sourceURL: source,
            now: BuildOptions.environmentNow())
        do {
            let file = try Scaffolder(config: config).scaffold(
                request, placement: &placement, fileExists: writer.exists
            ).get()
            try writer.create([file])
            Terminal.output(file.path)
            if source == nil {
                Terminal.error(
                    "\(file.path): warning: no --url given: fill in 'source.url' before building"
                )
            }
            Terminal.error(
                "created a draft; set 'draft: false' to publish it (sitegen serve --drafts previews drafts)"
            )
        } catch {
            Terminal.report(error)
            throw ExitCode.failure
        }
    }

    /// `a, b,c` → `["a", "b", "c"]`.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }
}
