import ArgumentParser
import SitegenCommandLine
import SitegenCore

/// The `sitegen` command: a static site generator for bilingual AI-news briefs.
@main
struct Sitegen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Build a static site of bilingual (Japanese/English) AI-news briefs.",
        discussion: """
            Reads site.yml, content/briefs/**.md, content/pages/*.md and templates/, and writes \
            a deployable site to public/. See README.md for the content format.
            """,
        version: SitegenVersion.current,
        subcommands: [
            BuildCommand.self, ServeCommand.self, NewCommand.self, CheckCommand.self,
            ImportCommand.self,
        ],
        defaultSubcommand: nil)
}
