import ArgumentParser
import Foundation

/// Options every command that reads a site shares: `--site DIR`.
///
/// `--source DIR`, the option's name before one name served every command (`new` took
/// `--source` as the article's URL), is still read for one release, hidden from `--help` and
/// with a warning.
public struct SiteOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The site folder, with site.yml and/or content/ (default: the current folder).",
            valueName: "dir"))
    public var site: String?

    @Option(name: .customLong("source"), help: ArgumentHelp(visibility: .hidden))
    public var oldSite: String?

    /// The site folder.
    public var folder: String { site ?? oldSite ?? "." }

    /// `public` inside the site folder.
    public var defaultOutput: String { folder == "." ? "public" : folder + "/public" }

    public func validate() throws {
        if site != nil, oldSite != nil {
            throw ValidationError(
                "give the site folder once, with --site (--source is its old name)")
        }
    }

    /// Checks that the folder is a site and warns about an old option name; prints the error
    /// and exits 1 when it is not a site (see `SiteFolder`).
    public func checkFolder() throws {
        if oldSite != nil { OldSpelling.warn("--source DIR", now: "--site DIR") }
        try SiteFolder.require(folder)
    }
}

/// Old option names, still read for one release.
public enum OldSpelling {
    /// `warning: --source DIR is now --site DIR; …`, on standard error.
    public static func warn(_ old: String, now new: String) {
        Terminal.error(
            "warning: \(old) is now \(new); the old name will stop working in the next release")
    }
}

/// What makes a folder a site, checked before a command reads or writes anything in it.
public enum SiteFolder {
    /// Why `path` is not a site folder, or nil when it is one: it must exist and hold
    /// `site.yml` or `content/` (a new site needs no more than one of them).
    public static func problem(_ path: String) -> (message: String, hint: String)? {
        var isDirectory: ObjCBool = false
        let hint = "run sitegen in the site folder, or give it with --site DIR"
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return ("the site folder '\(path)' does not exist", hint)
        }
        guard isDirectory.boolValue else {
            return ("the site folder '\(path)' is a file, not a folder", hint)
        }
        let manager = FileManager.default
        if manager.fileExists(atPath: path + "/site.yml") { return nil }
        if manager.fileExists(atPath: path + "/content", isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            return nil
        }
        let shown = path == "." ? "the current folder" : "'\(path)'"
        return (
            "\(shown) is not a sitegen site: it has neither site.yml nor content/",
            hint + "; a new site starts with a site.yml (every key has a default)"
        )
    }

    /// Prints `error: …` and `hint: …` and exits 1 when `path` is not a site folder.
    public static func require(_ path: String) throws {
        guard let problem = problem(path) else { return }
        Terminal.error("error: " + problem.message)
        Terminal.error("    hint: " + problem.hint)
        throw ExitCode.failure
    }
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
