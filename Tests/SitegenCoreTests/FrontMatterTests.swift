import Testing

@testable import SitegenCore

@Suite struct FrontMatterTests {
    @Test func splitsAndCountsLines() throws {
        let text = Array("---\ntitle: a\n---\nbody\n".utf8)
        let split = try FrontMatter.split(text).get()
        #expect(split.yaml == "title: a\n")
        #expect(split.body == "body\n")
        #expect(split.openingLine == 1)
        #expect(split.bodyLine == 4)
    }

    @Test func acceptsDocumentEndMarkerAndTrailingSpaces() throws {
        let split = try FrontMatter.split(Array("---  \na: 1\n...\nbody".utf8)).get()
        #expect(split.yaml == "a: 1\n")
        #expect(split.body == "body")
    }

    @Test func normalisesBOMAndLineEndings() {
        #expect(
            FrontMatter.normalise([0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc\n".utf8))
                == Array("a\nb\nc\n".utf8))
    }

    /// Property: composing YAML and a body, then splitting, returns both unchanged.
    @Test func composeThenSplitRoundTrips() throws {
        var generator = SeededGenerator(seed: 42)
        let pieces = [
            "title: a", "tags: [x, y]", "date: 2026-01-01", "# comment", "k: '---'", "s: \"…\"",
        ]
        let bodies = ["", "body\n", "---\n", "a\n---\nb\n", "<!-- lang: en -->\nx\n", "\n\n"]
        for _ in 0..<500 {
            let yaml = (0..<Int.random(in: 0...4, using: &generator))
                .map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] + "\n" }
                .joined()
            let body = bodies[Int.random(in: 0..<bodies.count, using: &generator)]
            let split = try FrontMatter.split(Array("---\n\(yaml)---\n\(body)".utf8)).get()
            #expect(split.yaml == yaml, "seed \(generator.seed)")
            #expect(split.body == body, "seed \(generator.seed)")
        }
    }

    /// Property: splitting and parsing never crash, and reported lines are inside the file.
    @Test func arbitraryInputNeverCrashesAndLinesStayInside() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("-:\n \t[]{}'\"#&*!|>%@`,?ab生\u{FEFF}\r.")
        for _ in 0..<3000 {
            let count = Int.random(in: 0...80, using: &generator)
            var text = String(
                (0..<count).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                })
            if Bool.random(using: &generator) { text = "---\n" + text }
            let bytes = Array(text.utf8)
            let lineCount = bytes.filter { $0 == 10 || $0 == 13 }.count + 1
            let (_, problems) = ContentParser.parse(
                SourceFile(path: "x.md", bytes: bytes), isPage: false, config: .defaults)
            for problem in problems {
                let line = problem.location?.line ?? 1
                #expect(
                    line >= 1 && line <= lineCount,
                    "seed \(generator.seed): line \(line) outside \(lineCount) lines: \(text.debugDescription)"
                )
            }
        }
    }
}
