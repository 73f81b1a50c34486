import SitegenBase
import Testing

@testable import SitegenCore

@Suite struct SourceDirectoryTests {
    @Test(
        arguments: [
            ("openai.com", "openai.com"),
            ("www.openai.com", "openai.com"),
            ("WWW.OpenAI.com", "openai.com"),
            ("openai.com.", "openai.com"),
            ("www.com", "www.com"),
            ("www2.example.org", "www2.example.org"),
            ("news.www.example.org", "news.www.example.org"),
            ("日本語.jp", "日本語.jp"),
            ("[::1]", "[1]"),
            ("..", nil),
            ("www...", nil),
        ] as [(String, String?)])
    func keyIsTheHostWithoutWWWAndSafeAsASegment(host: String, key: String?) {
        #expect(SourceDirectory.key(host: host) == key)
        if let key { #expect(Slug.problem(inPathSlug: key) == nil) }
    }

    @Test func briefsAreGroupedByKeyAndNamedByTheirMostCommonName() {
        let directory = SourceDirectory(sources: [
            ("www.openai.com", "OpenAI"),
            ("anthropic.com", "Anthropic"),
            ("openai.com", "OpenAI Blog"),
            ("openai.com", "OpenAI"),
            ("example.org", "B"),
            ("example.org", "A"),
        ])
        #expect(directory.entries.map(\.key) == ["anthropic.com", "example.org", "openai.com"])
        #expect(directory.entries.map(\.name) == ["Anthropic", "A", "OpenAI"])
        #expect(directory.entries.map(\.positions) == [[1], [4, 5], [0, 2, 3]])
        #expect(directory.entries[2].sitePath == "sources/openai.com/")
        #expect(directory.entryIndices(count: 6) == [2, 0, 2, 2, 1, 1])
    }
}
