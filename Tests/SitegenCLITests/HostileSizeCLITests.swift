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
}
