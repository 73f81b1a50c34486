import Foundation
import Testing

/// `sitegen build` and `check` on inputs shaped to blow up (issue #13, cases 6-10), run as
/// processes: a crash shows as a signal instead of taking the test runner down.
@Suite("sitegen on hostile sizes and shapes (process)")
struct HostileSizeCLITests {
    /// A brief whose front matter ends with `extra`.
    static func brief(_ extra: String) -> String {
        """
        ---
        title: 深い
        date: 2026-04-10
        source:
          url: https://news.example.org/a
        \(extra)
        ---
        Body.

        """
    }

    /// Runs `arguments` on the fixture site after writing `files` into it; the run and the time.
    static func run(
        _ arguments: [String], files: [String: String]
    ) throws -> (run: CLI.Run, seconds: Double) {
        let site = try CLI.site("site")
        for (path, text) in files { try CLI.write(text, to: site + "/" + path) }
        let started = Date()
        let run = try CLI.run(arguments, in: site)
        return (run, Date().timeIntervalSince(started))
    }

    static let depthError = "lists and mappings are nested more than 64 levels deep"

    @Test(
        "YAML nested past 64 levels is a positioned error, in block or flow style, in any document",
        arguments: [
            // 40,000 levels of block lists on one line (80 KB), as in the issue.
            (
                "content/briefs/deep.md",
                brief("tags:\n" + String(repeating: "- ", count: 40_000) + "x"), 7
            ),
            ("content/briefs/deep.md", brief("tags: " + String(repeating: "[", count: 40_000)), 6),
            (
                "content/briefs/deep.md",
                brief("extra: " + String(repeating: "{a: ", count: 40_000)), 6
            ),
            ("site.yml", "title: " + String(repeating: "[", count: 40_000) + "\n", 1),
        ])
    func deepNesting(path: String, text: String, line: Int) throws {
        for command in ["build", "check"] {
            let (run, _) = try Self.run([command], files: [path: text])
            #expect(run.status == 1, "\(command): \(run.stderr.prefix(300))")
            #expect(
                run.stderr.contains("\(path):\(line):"),
                "\(command): \(run.stderr.prefix(300))")
            #expect(run.stderr.contains(Self.depthError), "\(command): \(run.stderr.prefix(300))")
        }
    }

    @Test("64 levels are still fine")
    func nestingAtTheLimit() throws {
        let nested = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        let (run, _) = try Self.run(
            ["check"], files: ["content/briefs/deep.md": Self.brief("extra: " + nested)])
        #expect(run.status == 0, "\(run.stderr.prefix(300))")
        #expect(run.stderr.contains("unknown key 'extra'"))
    }

    @Test("a 1 MB front matter parses in linear time; too many tags or key points are errors")
    func longCollections() throws {
        // 100,000 tags (about 1 MB): an error at the first tag past the limit, quickly.
        let tags = (0..<100_000).map { "  - tag\($0)" }.joined(separator: "\n")
        let (tagRun, tagSeconds) = try Self.run(
            ["build"], files: ["content/briefs/tags.md": Self.brief("tags:\n" + tags)])
        #expect(tagRun.status == 1)
        #expect(
            tagRun.stderr.contains(
                "content/briefs/tags.md:27:5: error: a brief may have at most 20 tags, found 100000"
            ), "\(tagRun.stderr.prefix(300))")
        #expect(tagSeconds < 5, "took \(tagSeconds) s")

        // 40,000 key points in flow style, and a mapping of 40,000 keys.
        let points = (0..<40_000).map { "point \($0)" }.joined(separator: ", ")
        let keys = (0..<40_000).map { "  k\($0): v" }.joined(separator: "\n")
        let (pointRun, pointSeconds) = try Self.run(
            ["check"],
            files: [
                "content/briefs/points.md": Self.brief("summary_en: [\(points)]\nextra:\n\(keys)")
            ])
        #expect(pointRun.status == 1)
        #expect(
            pointRun.stderr.contains(
                "content/briefs/points.md:6:204:"
                    + " error: 'summary_en' may have at most 20 key points, found 40000"),
            "\(pointRun.stderr.prefix(300))")
        #expect(pointSeconds < 5, "took \(pointSeconds) s")

        // At the limit, a brief builds.
        let twenty = (0..<20).map { "t\($0)" }.joined(separator: ", ")
        let (fine, _) = try Self.run(
            ["check"], files: ["content/briefs/fine.md": Self.brief("tags: [\(twenty)]")])
        #expect(fine.status == 0, "\(fine.stderr.prefix(300))")
    }

    @Test("a brief with 1,000 tags is an error and the previous public/ stays as it was")
    func tagsCannotMakeOutputQuadratic() throws {
        let site = try CLI.site("site")
        #expect(try CLI.run(["build"], in: site).status == 0)
        let before = CLI.files(under: site + "/public")
        let index = try CLI.read(site + "/public/index.html")
        let tags = (0..<1_000).map { "t\($0)" }.joined(separator: ", ")
        try CLI.write(Self.brief("tags: [\(tags)]"), to: site + "/content/briefs/tags.md")
        let started = Date()
        let run = try CLI.run(["build"], in: site)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "content/briefs/tags.md:6:98: error:"),
            "\(run.stderr.prefix(300))")
        #expect(run.stderr.contains("a brief may have at most 20 tags, found 1000"))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(CLI.files(under: site + "/public") == before)
        #expect(try CLI.read(site + "/public/index.html") == index)
    }

    @Test(
        "numbers in site.yml are range-checked with a position; none crashes build or check",
        arguments: [
            (
                "paginate: 9223372036854775807",
                "'paginate' must be at most 1000, found '9223372036854775807'"
            ),
            (
                "paginate: 99999999999999999999999",
                "'paginate' must be at most 1000, found '99999999999999999999999'"
            ),
            ("paginate: -1", "'paginate' must be a whole number above 0, found '-1'"),
            (
                "feed_limit: 9223372036854775807",
                "'feed_limit' must be at most 10000, found '9223372036854775807'"
            ),
            ("feed_limit: 0", "'feed_limit' must be a whole number above 0, found '0'"),
        ])
    func numericSettings(line: String, message: String) throws {
        let config =
            "title: T\nbase_url: https://example.com/\ntimezone: Asia/Tokyo\n\(line)\n"
        let column =
            line.firstIndex(of: ":").map { line.distance(from: line.startIndex, to: $0) + 3 } ?? 0
        for command in ["build", "check"] {
            let (run, _) = try Self.run([command], files: ["site.yml": config])
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(
                run.stderr.contains("site.yml:4:\(column): error: \(message)"),
                "\(command): \(run.stderr)")
        }
    }

    @Test("the largest numbers allowed build")
    func numericSettingsAtTheirLimits() throws {
        let config =
            "title: T\nbase_url: https://example.com/\ntimezone: Asia/Tokyo\npaginate: 1000\nfeed_limit: 10000\n"
        let (run, _) = try Self.run(["build"], files: ["site.yml": config])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("a partial that can reach itself is an error at its tag, for build and check")
    func recursivePartials() throws {
        let files = [
            "templates/partials/a.mustache": "<p>\n{{> partials/b}}\n",
            "templates/partials/b.mustache": "{{#briefs}}{{> partials/a}}{{/briefs}}\n",
            "templates/partials/self.mustache": "  {{>partials/self}}\n",
        ]
        for command in ["build", "check"] {
            let (run, seconds) = try Self.run([command], files: files)
            #expect(run.status == 1, "\(command): \(run.stderr)")
            for line in [
                "templates/partials/a.mustache:2:1: error: partial 'partials/b' can include itself:"
                    + " partials/a -> partials/b -> partials/a",
                "templates/partials/b.mustache:1:12: error: partial 'partials/a' can include itself:"
                    + " partials/b -> partials/a -> partials/b",
                "templates/partials/self.mustache:1:3: error: partial 'partials/self' can include"
                    + " itself: partials/self -> partials/self",
            ] {
                #expect(run.stderr.contains(line), "\(command): \(run.stderr)")
            }
            #expect(seconds < 10)
        }
    }

    @Test("a page past 64 MiB is an error, found without rendering all of it")
    func pageSizeBound() throws {
        // Seventeen sections over the two briefs of the index: 2^17 KiB = 128 MiB.
        let index =
            String(repeating: "{{#briefs}}", count: 17) + String(repeating: "x", count: 1024)
            + String(repeating: "{{/briefs}}", count: 17)
        for command in ["build", "check"] {
            let site = try CLI.site("site")
            if command == "build" { #expect(try CLI.run(["build"], in: site).status == 0) }
            let before = CLI.files(under: site + "/public")
            try CLI.write(index, to: site + "/templates/index.mustache")
            let run = try CLI.run([command], in: site)
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(
                run.stderr.contains("page 'index.html' is larger than 64 MiB"),
                "\(command): \(run.stderr)")
            #expect(CLI.files(under: site + "/public") == before)
        }
    }
}
