import Foundation
import Testing

/// The options every command shares (`--site`, `--url` and their old names) and the check that
/// the site folder is a site, run as processes.
@Suite("options and the site folder (process)")
struct OptionsCLITests {
    static let sample = CLI.fixtures + "/import/microsoft-openai-next-phase.txt"
    static let articleURL = "https://openai.com/index/next-chapter-of-microsoft-and-openai/"

    /// Every command, with `--site folder` when a folder is given.
    static func everyCommand(site folder: String?) -> [[String]] {
        let site = folder.map { ["--site", $0] } ?? []
        return [
            ["build"] + site, ["check"] + site, ["serve", "--port", "0"] + site,
            ["new", "A brief"] + site, ["import", sample] + site,
        ]
    }

    @Test("a folder that does not exist is an error for every command, and nothing is created")
    func missingFolder() throws {
        let parent = (try CLI.site(nil) as NSString).deletingLastPathComponent
        let missing = parent + "/sitee"
        for arguments in Self.everyCommand(site: missing) {
            let run = try CLI.run(arguments, in: parent)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(
                run.stderr.hasPrefix(
                    "error: the site folder '\(missing)' does not exist\n"
                        + "    hint: run sitegen in the site folder, or give it with --site DIR\n"),
                "\(arguments): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: missing))
            #expect(!FileManager.default.fileExists(atPath: parent + "/public"))
        }
    }

    @Test("a folder with neither site.yml nor content/ is an error, and nothing is created in it")
    func emptyFolder() throws {
        let empty = try CLI.site(nil)
        try CLI.write("notes\n", to: empty + "/README.txt")
        for arguments in Self.everyCommand(site: nil) {
            let run = try CLI.run(arguments, in: empty)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(
                run.stderr.hasPrefix(
                    "error: the current folder is not a sitegen site: it has neither site.yml nor content/\n"
                ), "\(arguments): \(run.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: empty) == ["README.txt"])
        }
        // Given with --site, the message names the folder.
        let named = try CLI.run(
            ["build", "--site", empty], in: (empty as NSString).deletingLastPathComponent)
        #expect(named.stderr.contains("error: '\(empty)' is not a sitegen site"))
        // One of the two is enough: content/ alone is a site with the default settings.
        try FileManager.default.createDirectory(
            atPath: empty + "/content", withIntermediateDirectories: true)
        let build = try CLI.run(["build"], in: empty)
        #expect(build.status == 0, "\(build.stderr)")
    }

    @Test("--site names the folder on every command; --source DIR still works, with a warning")
    func siteOption() throws {
        let site = try CLI.site("site")
        let elsewhere = (site as NSString).deletingLastPathComponent
        let build = try CLI.run(["build", "--site", site], in: elsewhere)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stderr.contains("warning"))
        #expect(FileManager.default.fileExists(atPath: site + "/public/index.html"))
        let check = try CLI.run(["check", "--site", site], in: elsewhere)
        #expect(check.status == 0, "\(check.stderr)")
        let old = try CLI.run(["check", "--source", site], in: elsewhere)
        #expect(old.status == 0, "\(old.stderr)")
        #expect(
            old.stderr.hasPrefix(
                "warning: --source DIR is now --site DIR; the old name will stop working in the next release\n"
            ))
        let both = try CLI.run(["check", "--site", site, "--source", site], in: elsewhere)
        #expect(both.status != 0)
        #expect(both.stderr.contains("give the site folder once, with --site"))

        let new = try CLI.run(
            ["new", "Site option", "--site", site, "--url", "https://example.org/a"], in: elsewhere)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout == "content/briefs/2026/05/site-option.md\n")
        #expect(!new.stderr.contains("warning"))
        let text = try CLI.read(site + "/content/briefs/2026/05/site-option.md")
        #expect(text.contains("  url: https://example.org/a\n"))

        let imported = try CLI.run(
            ["import", Self.sample, "--site", site, "--url", Self.articleURL], in: elsewhere)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(!imported.stderr.contains("warning"))
    }

    @Test("old names of --url: new --source URL and import --source-url, with a warning")
    func oldURLNames() throws {
        let site = try CLI.site("site")
        let new = try CLI.run(["new", "Old name", "--source", "https://example.org/b"], in: site)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(
            new.stderr.hasPrefix(
                "warning: --source URL is now --url URL; the old name will stop working in the next release\n"
            ))
        #expect(
            try CLI.read(site + "/content/briefs/2026/05/old-name.md").contains(
                "  url: https://example.org/b\n"))
        // On `new`, --source never named the folder: a folder there is refused, not guessed.
        let folder = try CLI.run(["new", "Folder", "--source", site], in: site)
        #expect(folder.status != 0)
        #expect(
            folder.stderr.contains(
                "on 'new', --source is the old name of --url, the article's URL; give the site folder with --site \(site)"
            ))
        let imported = try CLI.run(
            ["import", Self.sample, "--source-url", Self.articleURL], in: site)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stderr.hasPrefix(
                "warning: --source-url URL is now --url URL; the old name will stop working in the next release\n"
            ))
        let oldFolder = try CLI.run(
            ["import", Self.sample, "--source", site],
            in: (site as NSString).deletingLastPathComponent)
        #expect(oldFolder.status == 1)
        #expect(oldFolder.stderr.contains("warning: --source DIR is now --site DIR"))
        #expect(oldFolder.stderr.contains("already imported"))
    }

    @Test("--help shows the new names only, and README's synopsis is every command's usage line")
    func helpAndSynopsis() throws {
        let readme = try CLI.read(CLI.repository + "/README.md")
        let away = try CLI.site(nil)
        for command in ["build", "serve", "new", "check", "import"] {
            let help = try CLI.run([command, "--help"], in: away)
            #expect(help.status == 0)
            guard
                let usage = help.stdout.split(separator: "\n").first(where: {
                    $0.hasPrefix("USAGE: ")
                })
            else {
                Issue.record("no USAGE line in \(command) --help")
                continue
            }
            #expect(readme.contains("\n" + usage.dropFirst(7) + "\n"), "README lacks '\(usage)'")
            let options = help.stdout.components(separatedBy: "OPTIONS:").last ?? ""
            #expect(options.contains("\n  --site <dir> "))
            #expect(!options.contains("--source") && !usage.contains("--source"))
            if command == "new" || command == "import" {
                #expect(options.contains("\n  --url <url> "))
            }
        }
    }
}
