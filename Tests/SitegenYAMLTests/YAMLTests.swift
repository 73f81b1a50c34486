import Testing

@testable import SitegenYAML

@Suite struct YAMLTests {
    @Test func scalarsStayStringsWithPositions() throws {
        let node = try #require(try YAML.parse("title: 2026\ntags: [a, 'b']\nn: ~\n"))
        guard case .mapping(let pairs, _) = node else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.map { $0.key.scalar?.text } == ["title", "tags", "n"])
        #expect(
            pairs[0].value.scalar
                == YAMLScalar(text: "2026", isPlain: true, mark: YAMLMark(line: 1, column: 8)))
        guard case .sequence(let items, let mark) = pairs[1].value else {
            Issue.record("not a sequence")
            return
        }
        #expect(mark == YAMLMark(line: 2, column: 7))
        #expect(items.map { $0.scalar?.isPlain } == [true, false])
    }

    @Test func aliasesAreRefused() {
        #expect(
            throws: YAMLError(
                problem: "aliases (*name) are not supported", mark: YAMLMark(line: 2, column: 4),
                context: nil)
        ) {
            try YAML.parse("a: &x 1\nb: *x\n")
        }
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try YAML.parse("") == nil)
        #expect(try YAML.parse("# only a comment\n") == nil)
    }

    @Test func readerErrorsArePlacedAtTheOffendingCharacter() {
        #expect(
            throws: YAMLError(
                problem: "control characters are not allowed", mark: YAMLMark(line: 2, column: 6),
                context: nil)
        ) {
            try YAML.parse("a: 1\nb: 'x\u{0001}y'\n")
        }
    }
}
