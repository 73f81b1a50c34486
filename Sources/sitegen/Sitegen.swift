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
            a deployable site to public/. See README.md for the content format. Every command \
            takes the site folder as --site DIR (default: the current folder), and new and \
            import take the article's URL as --url URL. The old names (--source DIR; on new, \
            --source URL; on import, --source-url URL) still work, with a warning, until the \
            next release.
            """,
        version: SitegenVersion.current,
        subcommands: [
            BuildCommand.self, ServeCommand.self, NewCommand.self, CheckCommand.self,
            ImportCommand.self,
        ],
        defaultSubcommand: nil)
}
