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

    @Test(arguments: ["- ", "[", "{a: ", "a:\n"])
    func nestingPast64LevelsIsAnError(opening: String) {
        var deep = ""
        for level in 0..<100 {
            deep += opening == "a:\n" ? String(repeating: " ", count: level) + "a:\n" : opening
        }
        #expect(throws: YAMLError.self) { try YAML.parse(deep + "x") }
        do {
            _ = try YAML.parse(deep + "x")
        } catch {
            #expect(error.problem == "lists and mappings are nested more than 64 levels deep")
            #expect(error.mark.line >= 1)
        }
        let atLimit = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? YAML.parse(atLimit)) != nil)
    }

    /// Four times the items takes about four times as long, not sixteen.
    @Test func longCollectionsParseInLinearTime() throws {
        func seconds(_ count: Int) throws -> Double {
            let list = "tags:\n" + (0..<count).map { "  - tag\($0)\n" }.joined()
            let map = (0..<count).map { "k\($0): v\n" }.joined()
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                _ = try YAML.parse(list)
                _ = try YAML.parse(map)
            }
            return Double(elapsed.components.attoseconds) / 1e18
                + Double(elapsed.components.seconds)
        }
        _ = try seconds(1_000)  // warm up
        // The fastest of three runs each: another process taking the core for a moment (the
        // test runs beside others) slows one run, not all three.
        let small = try (0..<3).map { _ in try seconds(25_000) }.min() ?? 0
        let large = try (0..<3).map { _ in try seconds(100_000) }.min() ?? 0
        #expect(large < small * 9, "25,000 items: \(small) s, 100,000 items: \(large) s")
    }
}
