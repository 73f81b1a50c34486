import SitegenYAML
import Testing

@testable import SitegenCore

/// Inputs that `scripts/fuzz.sh` found breaking an invariant, kept so the fixes stay fixed.
///
/// Each case is the fuzzer's crash input, reduced by hand, with the report it must give now.
@Suite struct FuzzRegressionTests {
    static func configProblems(_ text: String) -> [String] {
        SiteConfigLoader.load(SourceFile(path: "site.yml", bytes: Array(text.utf8))).problems.map(
            \.description)
    }

    /// crash-ad173c14: at the end of a stream libyaml moves to a new line when the last line has
    /// no line break, so a syntax error there was reported one line past the end of site.yml.
    @Test func yamlErrorAtEndOfFileWithoutNewlineStaysOnTheLastLine() {
        #expect(
            Self.configProblems("title: a\nd0923") == [
                "site.yml:2:6: error: invalid YAML: could not find expected ':' (while scanning a simple key at line 2)"
            ])
        #expect(
            Self.configProblems("title: a\nd0923\n") == [
                "site.yml:3:1: error: invalid YAML: could not find expected ':' (while scanning a simple key at line 2)"
            ])
    }

    static func briefProblems(_ text: String) -> [String] {
        let file = SourceFile(path: "content/briefs/x.md", bytes: Array(text.utf8))
        return ContentParser.parse(file, isPage: false, config: .defaults).problems.map(
            \.description)
    }

    static let source = "source:\n  url: https://example.org/a\n"

    /// crash-95a68535: libyaml (YAML 1.1) also ends lines at NEL, U+2028 and U+2029, so every
    /// position after one was reported too far down, past the end of the file at worst.
    static let yamlOnlyLineBreaks: [(String, String, [String])] = [
        (
            "U+2028 inside a quoted title", "---\ntitle: \"a\u{2028}b\"\ndate: x\n\(source)---\n",
            [
                "content/briefs/x.md:3:7: error: invalid date 'x' in 'date'\n    hint: use 2026-04-28 or 2026-04-28T09:00:00+09:00"
            ]
        ),
        (
            "U+2028 starting a key",
            "---\ntitle: a\u{2028}titel: b\ndate: 2026-01-01\n\(source)---\n",
            [
                "content/briefs/x.md:2:10: warning: unknown key 'titel'\n    hint: did you mean 'title'?"
            ]
        ),
        (
            "NEL before a syntax error", "---\ntitle: a\u{85}\ndate: [2026\n---\n",
            [
                "content/briefs/x.md:4:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3)"
            ]
        ),
        (
            "U+2029 before a duplicate key",
            "---\ntitle: \"\u{2029}\"\ntitle: b\ndate: 2026-01-01\n\(source)---\n",
            ["content/briefs/x.md:3:1: error: duplicate key 'title' (first set on line 2)"]
        ),
    ]

    @Test(arguments: yamlOnlyLineBreaks)
    func yamlOnlyLineBreaksKeepFileLines(name: String, input: String, expected: [String]) {
        #expect(Self.briefProblems(input) == expected, "\(name)")
    }

    @Test func yamlOnlyLineBreaksKeepSiteConfigLines() {
        let text = "tle: a\n\u{2028}date: 2026\ntitl-ltjtle: b"
        let problems = Self.configProblems(text)
        #expect(
            problems == [
                "site.yml:1:1: warning: unknown key 'tle'\n    hint: did you mean 'title'?",
                "site.yml:2:2: warning: unknown key 'date'",
                "site.yml:3:1: warning: unknown key 'titl-ltjtle'",
            ])
    }

    @Test func yamlPositionsMapLibyamlLinesToFileLines() {
        let positions = YAMLPositions(yaml: "a: 1\nb: \"x\u{2028}y\u{85}z\"\nc: 2\n", lineOffset: 1)
        #expect(positions.position(line: 1, column: 1) == (2, 1))
        #expect(positions.position(line: 2, column: 4) == (3, 4))
        #expect(positions.position(line: 3, column: 1) == (3, 7))
        #expect(positions.position(line: 4, column: 2) == (3, 10))
        #expect(positions.position(line: 5, column: 1) == (4, 1))
        #expect(positions.position(line: 6, column: 1) == (5, 1))
        #expect(positions.position(line: 7, column: 1) == (5, 1))
    }

    /// crash-8a8b128f: the invalid UTF-8 check ran before line endings were normalised, so a BOM
    /// counted as three bytes of the first line and lone-CR line breaks did not count at all.
    static let invalidUTF8Positions: [(String, [UInt8], String)] = [
        ("after a BOM", [0xEF, 0xBB, 0xBF, 0xF5], "content/briefs/x.md:1:1"),
        (
            "BOM, then a later line", [0xEF, 0xBB, 0xBF] + Array("---\nti".utf8) + [0xFF],
            "content/briefs/x.md:2:3"
        ),
        (
            "lines ending in CR", Array("---\rtitle: a\rab".utf8) + [0xC3, 0x28],
            "content/briefs/x.md:3:3"
        ),
        (
            "lines ending in CRLF", Array("---\r\ntitle: a\r\nab".utf8) + [0xC3, 0x28],
            "content/briefs/x.md:3:3"
        ),
    ]

    @Test(arguments: invalidUTF8Positions)
    func invalidUTF8IsPlacedInTheNormalisedText(name: String, bytes: [UInt8], location: String) {
        let file = SourceFile(path: "content/briefs/x.md", bytes: bytes)
        let problems = ContentParser.parse(file, isPage: false, config: .defaults).problems
        #expect(problems.map { $0.location?.description } == [location], "\(name)")
        #expect(problems.first?.kind == .encoding, "\(name)")
    }

    /// The fuzzer's inputs as it found them: every report stays inside the file, read as a
    /// brief, as a page and as `site.yml`.
    static let crashInputs: [(String, [UInt8])] = [
        ("crash-ad173c14", Array("---\ntitle: 本文&なし\ndate: 2026-09-し\nd0923:59:59-05:0".utf8)),
        ("crash-95a68535", Array("tle: 本文なし\n\u{2028}date: 20265:00---\ntitl-ltjtle: ".utf8)),
        ("crash-8a8b128f", [0xEF, 0xBB, 0xBF, 0xF5]),
    ]

    @Test(arguments: crashInputs)
    func crashInputsAreReportedInsideTheFile(name: String, bytes: [UInt8]) {
        let lines = FrontMatter.normalise(bytes).split(
            separator: 10, omittingEmptySubsequences: false)
        var problems = SiteConfigLoader.load(SourceFile(path: "site.yml", bytes: bytes)).problems
        for isPage in [false, true] {
            let file = SourceFile(path: "content/x.md", bytes: bytes)
            problems += ContentParser.parse(file, isPage: isPage, config: .defaults).problems
        }
        #expect(!problems.isEmpty, "\(name)")
        for problem in problems {
            let line = problem.location?.line ?? 1
            #expect((1...lines.count).contains(line), "\(name): \(problem)")
            guard (1...lines.count).contains(line), let column = problem.location?.column else {
                continue
            }
            let text = lines[line - 1]
            let length =
                problem.kind == .encoding
                ? text.count : String(decoding: text, as: UTF8.self).unicodeScalars.count
            #expect((1...length + 1).contains(column), "\(name): \(problem)")
        }
    }
}
