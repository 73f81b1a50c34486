import SitegenBase
import Testing

@testable import SitegenCore

/// `BriefFields` is the one definition of a brief's fields: these tests keep its consumers tied
/// to it.
@Suite struct BriefFieldsTests {
    static let sample = BriefFields(
        title: "タイトル", titleEN: "Title", date: Timestamp(seconds: 1_780_000_000, offset: 32_400),
        updated: Timestamp(seconds: 1_780_100_000, offset: 32_400),
        source: ArticleSource(url: "https://example.org/a", name: "Example", host: "example.org"),
        tags: [Tag(name: "生成AI", slug: "生成ai"), Tag(name: "OpenAI", slug: "openai")],
        summary: ["要点"], summaryEN: ["Point"], isGenerated: true, isDraft: false,
        slug: "a-brief", language: "ja")

    static func card(_ fields: BriefFields) -> Fingerprint {
        var fingerprint = Fingerprint()
        fields.combineCard(into: &fingerprint)
        return fingerprint
    }

    /// The same fields with one changed.
    static func changing(_ field: BriefField, of fields: BriefFields) -> BriefFields {
        var changed = fields
        switch field {
        case .title: changed.title += "!"
        case .titleEN: changed.titleEN = nil
        case .date: changed.date = Timestamp(seconds: fields.date.seconds + 60, offset: 32_400)
        case .updated: changed.updated = nil
        case .source:
            changed.source = ArticleSource(
                url: fields.source.url, name: "Other", host: fields.source.host)
        case .tags: changed.tags = [fields.tags[1], fields.tags[0]]
        case .summary: changed.summary = []
        case .summaryEN: changed.summaryEN += ["More"]
        case .isGenerated: changed.isGenerated.toggle()
        case .isDraft: changed.isDraft.toggle()
        case .slug: changed.slug += "-2"
        case .language: changed.language = "en"
        case .image: changed.image = "images/other.png"
        case .corrections:
            changed.corrections = [Correction(date: fields.date, text: "Fixed a name.")]
        }
        return changed
    }

    @Test func everyStoredPropertyIsAListedField() {
        let properties = Mirror(reflecting: Self.sample).children.compactMap(\.label)
        // The two lists of key points are stored together, packed (`PackedTexts`).
        let fields = BriefField.allCases.map(\.rawValue).map {
            $0 == "summary" ? "keyPoints" : $0
        }.filter { $0 != "summaryEN" }
        #expect(properties == fields)
    }

    @Test(arguments: BriefField.allCases.filter(\.isOnCard))
    func aChangedCardFieldChangesTheCardFingerprint(field: BriefField) {
        let changed = Self.changing(field, of: Self.sample)
        #expect(changed != Self.sample)
        #expect(Self.card(changed) != Self.card(Self.sample), "\(field) is not in the card")
    }

    @Test func summaryTextsDoNotRunTogether() {
        var moved = Self.sample
        moved.summary = []
        moved.summaryEN = ["要点", "Point"]
        #expect(Self.card(moved) != Self.card(Self.sample))
    }

    @Test(arguments: BriefField.allCases)
    func theCacheCodecKeepsEveryField(field: BriefField) {
        let fields = Self.changing(field, of: Self.sample)
        var writer = ByteWriter()
        writer.fields(fields)
        var reader = ByteReader(writer.buffer)
        #expect(reader.fields() == fields)
        #expect(reader.isAtEnd)
    }

    @Test func frontMatterKeysFollowTheFields() {
        #expect(ContentParser.briefKeys == BriefField.allCases.map(\.key))
    }
}
