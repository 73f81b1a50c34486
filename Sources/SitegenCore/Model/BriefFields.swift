import SitegenBase

/// A brief's front-matter fields: the one definition the parser, the model, the template context,
/// the card fingerprint, the cache codec and the authoring writer share.
///
/// Every consumer walks `BriefField.allCases` with an exhaustive `switch`, so a new field is a
/// new stored property here and a new case below, and the compiler then names every place that
/// must say what the field means to it (`BriefFieldsTests` checks that the two lists agree and
/// that every card field reaches the card fingerprint).
public struct BriefFields: Sendable, Equatable {
    /// The title in the brief's language (Japanese).
    public var title: String
    /// The English title, when given.
    public var titleEN: String?
    /// When the brief was published.
    public var date: Timestamp
    /// When it was last changed, when given.
    public var updated: Timestamp?
    /// The article the brief summarises.
    public var source: ArticleSource
    /// Tags in first-seen order, one per slug.
    public var tags: [Tag]
    /// Key points in the brief's language.
    public var summary: [String] {
        get { keyPoints.list(0) }
        set { keyPoints.setList(0, newValue) }
    }
    /// Key points in English.
    public var summaryEN: [String] {
        get { keyPoints.list(1) }
        set { keyPoints.setList(1, newValue) }
    }
    /// `summary` and `summaryEN`, packed into one string: a site holds every brief's key
    /// points to its last page, and a brief has half a dozen of them.
    private var keyPoints: PackedTexts
    /// Whether the AI disclaimer is shown.
    public var isGenerated: Bool
    /// Drafts are built only with `--drafts`.
    public var isDraft: Bool
    /// The URL segment under `/briefs/`.
    public var slug: String
    /// The language of the title, summary and the body before the first marker.
    public var language: String
    /// The share image (`og:image`) in place of the site's: an absolute URL or a site path.
    public var image: String?
    /// Corrections made after publication, oldest first.
    public var corrections: [Correction]

    /// Creates the fields.
    public init(
        title: String, titleEN: String?, date: Timestamp, updated: Timestamp?,
        source: ArticleSource, tags: [Tag], summary: [String], summaryEN: [String],
        isGenerated: Bool, isDraft: Bool, slug: String, language: String, image: String? = nil,
        corrections: [Correction] = []
    ) {
        self.title = title
        self.titleEN = titleEN
        self.date = date
        self.updated = updated
        self.source = source
        self.tags = tags
        self.keyPoints = PackedTexts([summary, summaryEN])
        self.isGenerated = isGenerated
        self.isDraft = isDraft
        self.slug = slug
        self.language = language
        self.image = image
        self.corrections = corrections
    }

    /// When the brief last changed for a reader: the latest of `updated` and its corrections.
    public var lastChanged: Timestamp? {
        let latest = corrections.map(\.date).max { $0.seconds < $1.seconds }
        guard let latest else { return updated }
        guard let updated else { return latest }
        return latest.seconds > updated.seconds ? latest : updated
    }

    /// Placeholder values, for a decoder to fill in field by field.
    static let blank = BriefFields(
        title: "", titleEN: nil, date: Timestamp(seconds: 0, offset: 0), updated: nil,
        source: ArticleSource(url: "", name: "", host: ""), tags: [], summary: [], summaryEN: [],
        isGenerated: true, isDraft: false, slug: "", language: "")

    /// What a brief's card in a listing depends on (every field a card shows), mixed into
    /// `fingerprint`.
    func combineCard(into fingerprint: inout Fingerprint) {
        for field in BriefField.allCases where field.isOnCard {
            fingerprint.combine(field.key)
            switch field {
            case .title: fingerprint.combine(title)
            case .titleEN: fingerprint.combine(titleEN ?? "\u{0}none")
            case .date: fingerprint.combine(date.seconds)
            case .updated: fingerprint.combine(updated?.seconds ?? Int64.min)
            case .source:
                fingerprint.combine(source.url)
                fingerprint.combine(source.name)
                fingerprint.combine(source.host)
            case .tags:
                fingerprint.combine(Int64(tags.count))
                for tag in tags {
                    fingerprint.combine(tag.name)
                    fingerprint.combine(tag.slug)
                }
            case .summary, .summaryEN:
                keyPoints.combine(field == .summary ? 0 : 1, into: &fingerprint)
            case .isGenerated: fingerprint.combine(isGenerated ? 1 : 0)
            case .isDraft: fingerprint.combine(isDraft ? 1 : 0)
            case .slug: fingerprint.combine(slug)
            case .language: fingerprint.combine(language)
            case .image: fingerprint.combine(image ?? "\u{0}none")
            case .corrections:
                fingerprint.combine(Int64(corrections.count))
                for correction in corrections {
                    fingerprint.combine(correction.date.seconds)
                    fingerprint.combine(correction.text)
                }
            }
        }
    }
}

/// The fields of `BriefFields`, in the order SPEC.md §2 lists them (and `sitegen new` writes
/// them), with their front-matter keys.
public enum BriefField: String, CaseIterable, Sendable {
    case title, titleEN, date, updated, source, tags, summary, summaryEN, isGenerated, isDraft
    case slug, language, image, corrections

    /// The front-matter key.
    public var key: String {
        switch self {
        case .title: "title"
        case .titleEN: "title_en"
        case .date: "date"
        case .updated: "updated"
        case .source: "source"
        case .tags: "tags"
        case .summary: "summary"
        case .summaryEN: "summary_en"
        case .isGenerated: "generated"
        case .isDraft: "draft"
        case .slug: "slug"
        case .language: "lang"
        case .image: "image"
        case .corrections: "corrections"
        }
    }

    /// Whether listings (index and tag pages) show the field on a brief's card, so that a
    /// change to it must redo every listing that shows the brief.
    public var isOnCard: Bool {
        switch self {
        case .isDraft, .image, .corrections: false
        case .title, .titleEN, .date, .updated, .source, .tags, .summary, .summaryEN,
            .isGenerated, .slug, .language:
            true
        }
    }
}

/// A correction to a published brief: when it was made and what changed.
public struct Correction: Sendable, Equatable {
    /// When the correction was made.
    public var date: Timestamp
    /// What was corrected.
    public var text: String

    /// Creates a correction.
    public init(date: Timestamp, text: String) {
        self.date = date
        self.text = text
    }
}
