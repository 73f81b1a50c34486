import Testing

@testable import SitegenCore

/// Spooled bodies carry their sections' languages and sizes in the spool: what is read back is
/// what was written, section by section, among other bodies and entries.
@Suite struct BodySpoolTests {
    static let bodies: [[Section]] = [
        [
            Section(language: "ja", html: "<p>本文 2\n3 ja 5\n</p>"),
            Section(language: "en", html: "<p>Body</p>\n"),
        ],
        [Section(language: "en", html: String(repeating: "<p>長い本文</p>", count: 2_000))],
        [Section(language: "zh-hant", html: ""), Section(language: "ja", html: "x")],
        [],
    ]

    @Test func bodiesComeBackSectionBySection() throws {
        let spool = try #require(BodySpool())
        var spooled: [SpooledBody] = []
        for body in Self.bodies {
            spooled.append(try #require(spool.append(body)))
            _ = spool.append(Array("between".utf8))
        }
        for (body, kept) in zip(Self.bodies, spooled) {
            #expect(spool.sections(kept) == body)
            let bytes = try #require(spool.sectionBytes(kept))
            #expect(bytes.map(\.language) == body.map(\.language))
            #expect(bytes.map(\.html) == body.map { Array($0.html.utf8) })
        }
    }

    @Test func aBodyCutShortIsNotReadBack() throws {
        let spool = try #require(BodySpool())
        let kept = try #require(spool.append(Self.bodies[0]))
        #expect(spool.sections(SpooledBody(offset: kept.offset, count: kept.count - 1)) == nil)
    }
}
