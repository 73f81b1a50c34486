import Testing

@testable import SitegenCore

/// Inputs that `scripts/fuzz.sh` found breaking an invariant, kept so the fixes stay fixed.
///
/// Each case is the fuzzer's crash input, reduced by hand, with the report it must give now.
@Suite struct FuzzRegressionTests {
    static func configProblems(_ text: String) -> [String] {
        SiteConfigLoader.load(SourceFile(path: "site.yml", bytes: Array(text.utf8))).problems.map(\.description)
    }

    /// Lines after line-ending normalisation; a file without a final newline still has its last line.
    static func lineCount(_ text: String) -> Int {
        FrontMatter.normalise(Array(text.utf8)).reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// crash-ad173c14: at the end of a stream libyaml moves to a new line when the last line has
    /// no line break, so a syntax error there was reported one line past the end of site.yml.
    @Test func yamlErrorAtEndOfFileWithoutNewlineStaysOnTheLastLine() {
        #expect(Self.configProblems("title: a\nd0923") == [
            "site.yml:2:6: error: invalid YAML: could not find expected ':' (while scanning a simple key at line 2)"
        ])
        #expect(Self.configProblems("title: a\nd0923\n") == [
            "site.yml:3:1: error: invalid YAML: could not find expected ':' (while scanning a simple key at line 2)"
        ])
    }
}
