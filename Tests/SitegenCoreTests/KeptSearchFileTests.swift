import Testing

@testable import SitegenCore
@testable import SitegenSearch

@Suite struct KeptSearchFileTests {
    static func file(_ path: String, _ count: Int) -> SearchIndexFile {
        SearchIndexFile(path: path, bytes: (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7) })
    }

    @Test func filesStayInMemoryWhileTheBudgetLastsThenGoToTheSpool() throws {
        let spool = try #require(BodySpool())
        let budget = SearchFileBudget(bytes: 1_000)
        let first = Self.file("t/0.bin", 600)
        let second = Self.file("t/1.bin", 600)
        let third = Self.file("d/0.json", 400)
        let kept = [first, second, third].map { KeptSearchFile($0, spool: spool, budget: budget) }
        var isSpooled: [Bool] = []
        for item in kept {
            if case .spooled = item.storage {
                isSpooled.append(true)
            } else {
                isSpooled.append(false)
            }
        }
        // The second does not fit what is left; the third does.
        #expect(isSpooled == [false, true, false])
        #expect(kept.map { $0.bytes(from: spool) } == [first.bytes, second.bytes, third.bytes])
    }

    @Test func aLargeSiteKeepsItsIndexInTheSpool() throws {
        let spool = try #require(BodySpool())
        let limit = BuildOptions().largeSiteBriefs
        let large = SearchFileBudget.forSite(documents: limit + 1, largeAbove: limit)
        let small = SearchFileBudget.forSite(documents: limit, largeAbove: limit)
        let file = Self.file("t/0.bin", 100)
        guard case .spooled = KeptSearchFile(file, spool: spool, budget: large).storage else {
            Issue.record("a large site's file is kept in memory")
            return
        }
        guard case .inMemory = KeptSearchFile(file, spool: spool, budget: small).storage else {
            Issue.record("a small site's file is spooled")
            return
        }
        // Without a spool, files stay in memory whatever the budget.
        guard case .inMemory = KeptSearchFile(file, spool: nil, budget: large).storage else {
            Issue.record("a file without a spool is not kept in memory")
            return
        }
    }
}
