import Foundation
import Testing

/// Tags as editors write them, built by the real program.
@Suite("tags (process)")
struct TagsCLITests {
    static func brief(_ slug: String, tags: String) -> String {
        """
        ---
        title: \(slug)
        date: 2026-04-20
        source:
          url: https://example.org/\(slug)
        tags: \(tags)
        ---
        本文。

        """
    }

    @Test("a tag's leading dots are dropped: .NET and NET are one tag at /tags/net/")
    func leadingDots() throws {
        let site = try CLI.site("site")
        try CLI.write(
            Self.brief("dotnet", tags: "[.NET, ..hidden]"),
            to: site + "/content/briefs/2026/04/dotnet.md")
        try CLI.write(
            Self.brief("net", tags: "[NET]"), to: site + "/content/briefs/2026/04/net.md")
        let run = try CLI.run(["build"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        let files = CLI.files(under: site + "/public")
        #expect(files.contains("tags/net/index.html"))
        #expect(files.contains("tags/hidden/index.html"))
        // No published path has a segment that starts with a dot (hosts drop or refuse them);
        // only sitegen's own marker of its output folder does, and it is never linked.
        let dotted = files.filter { path in
            path != ".sitegen-output" && path.split(separator: "/").contains { $0.hasPrefix(".") }
        }
        #expect(dotted.isEmpty, "\(dotted)")
        let page = try CLI.read(site + "/public/tags/net/index.html")
        #expect(page.contains("/briefs/dotnet/") && page.contains("/briefs/net/"))
        #expect(try CLI.run(["check"], in: site).status == 0)
    }

    @Test("tags written as one string with a comma are an error with a hint to write a list")
    func commaInAString() throws {
        let site = try CLI.site("site")
        let path = "content/briefs/2026/04/comma.md"
        try CLI.write(Self.brief("comma", tags: "OpenAI, Microsoft"), to: site + "/" + path)
        let run = try CLI.run(["build"], in: site)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "\(path):6:7: error: 'tags' is one string with a comma (',') in it: 'OpenAI, Microsoft'\n"
                    + "    hint: write a list: tags: [OpenAI, Microsoft]\n"))
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
        // One tag as a plain string is fine, and so is a comma inside a quoted list item.
        try CLI.write(
            Self.brief("comma", tags: "OpenAI"), to: site + "/" + path)
        try CLI.write(
            Self.brief("quoted", tags: "[\"Smith, Jones\"]"),
            to: site + "/content/briefs/2026/04/quoted.md")
        let fixed = try CLI.run(["build"], in: site)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(FileManager.default.fileExists(atPath: site + "/public/tags/openai/index.html"))
        #expect(
            FileManager.default.fileExists(atPath: site + "/public/tags/smith,-jones/index.html"))
    }
}
