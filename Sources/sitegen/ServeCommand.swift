import ArgumentParser
import Foundation
import SitegenBase
import SitegenCommandLine

/// `sitegen serve`: hands over to the `sitegen-serve` program beside this one (see there).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: ServeOptions.abstract,
        discussion: ServeOptions.discussion)

    @OptionGroup var options: ServeOptions

    /// The helper's name, next to the running `sitegen`.
    static let helperName = "sitegen-serve"

    func run() throws {
        // sitegen-serve checks it again, and warns about old option names.
        try SiteFolder.require(options.site.folder)
        let own = Platform.executablePath
        let helper = (own as NSString).deletingLastPathComponent + "/" + Self.helperName
        guard FileManager.default.isExecutableFile(atPath: helper) else {
            Terminal.error(
                "error: 'sitegen serve' needs the \(Self.helperName) program next to sitegen, at \(helper)"
            )
            Terminal.error(
                "hint: build it with scripts/build-site.sh (both programs) or 'swift build -c release --product \(Self.helperName)'; scripts/install.sh installs both"
            )
            throw ExitCode.failure
        }
        // Everything after the subcommand's name, as given.
        let arguments = CommandLine.arguments
        let rest = arguments.firstIndex(of: "serve").map { Array(arguments[($0 + 1)...]) } ?? []
        let reason = Platform.execute(helper, arguments: [helper] + rest)
        Terminal.error("error: cannot start \(helper): \(reason)")
        throw ExitCode.failure
    }
}
