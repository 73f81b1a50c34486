import ArgumentParser

/// Options every command that reads a site shares.
public struct SiteOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The site folder (with site.yml, content/ and templates/).", valueName: "dir"))
    public var source: String = "."

    /// `public` inside the site folder.
    public var defaultOutput: String { source == "." ? "public" : source + "/public" }
}

/// Which briefs a command includes, and how strict it is; shared by build, check and serve.
public struct SelectionOptions: ParsableArguments {
    public init() {}

    @Flag(name: .long, help: "Include drafts.")
    public var drafts = false

    @Flag(name: .long, help: "Include briefs dated in the future.")
    public var future = false

    @Flag(name: .long, help: "Treat warnings as errors.")
    public var strict = false
}

/// `sitegen serve`'s options, parsed by `sitegen` (for its help and checks) and by the
/// `sitegen-serve` program it hands over to.
public struct ServeOptions: ParsableArguments {
    public init() {}

    @OptionGroup public var site: SiteOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "port"))
    public var port: UInt16 = 8000

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    public var host: String = "127.0.0.1"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Serve under this URL's path (e.g. https://example.com/briefs/ serves at /briefs/).",
            valueName: "url"))
    public var baseURL: String?

    @OptionGroup public var selection: SelectionOptions

    /// What `serve` tells the user about itself (`--help`), the same in both programs.
    public static let abstract =
        "Build the site, serve it locally and rebuild when a source changes."
    public static let discussion = """
        The site is built in memory and nothing is written: public/ is left as it is. Every \
        response carries the bytes 'sitegen build' would write, except that HTML pages get a \
        small live-reload script. content/, templates/ and site.yml are watched; open pages \
        reload after each rebuild. A failed build is reported here and over every page while \
        the last good build stays up. Press Ctrl-C to stop.
        """
}
