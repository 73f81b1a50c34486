import SitegenBase
import SitegenMustache

/// Builds the values templates see, one flat `TemplateValue` tree per page.
///
/// Part of the plan stage. Dates are formatted, URLs are finished (root-relative `href`s under the
/// base path, absolute `url`s for canonical links and Open Graph), and content text is left for
/// the template to escape. The only HTML handed over is what we made: rendered Markdown, the
/// disclaimer with its link, and the JSON-LD (escaped for a `<script>` element).
public struct TemplateContext: Sendable {
    let config: SiteConfig
    /// The `site` object every page gets.
    let siteValue: TemplateValue
    /// Each disclaimer line split at `{source}` and escaped, once for the whole build.
    let disclaimerParts: [(language: String, parts: [String])]
    /// The site's title as a JSON string, for every brief's JSON-LD.
    let publisherName: String
    /// The site's share image as an absolute URL, when `site.yml` names one.
    let imageURL: String?
    /// An object with `site` alone, under a value rendered on its own (a brief's card).
    let siteScope: TemplateValue
    /// `locale(for: config.language)`, which most pages show.
    let siteLocale: String
    /// Tag links by slug, made once (see `withTagLinks`).
    private var tagLinks: [String: TemplateValue] = [:]
    /// English names of registered tags by slug (`tags.yml`), shown beside the names.
    var tagNamesEN: [String: String] = [:]

    /// Prepares the site-wide values.
    public init(config: SiteConfig, pages: [StandalonePage]) {
        self.config = config
        publisherName = Escaping.jsonString(config.title)
        imageURL = config.image.map { Self.absolute(image: $0, config.baseURL) }
        siteLocale = Self.locale(for: config.language)
        disclaimerParts = config.disclaimers.map { line in
            var parts = line.text.components(separatedBy: "{source}").map(Escaping.html)
            // A line without {source} gets the link appended, so the source is always named.
            if parts.count == 1 { parts = [parts[0] + " (", ")"] }
            return (line.language, parts)
        }
        let base = config.baseURL
        var site: TemplateFields = [
            "title": .text(config.title),
            "description": .text(config.description),
            "lang": .text(config.language),
            "base_path": .text(base.path),
            "base_url": .text(base.description),
            "home_href": .text(base.path),
            "tags_href": .text(base.link(Permalinks.tags)),
            "archive_href": .text(base.link(Permalinks.archive)),
            "sources_href": .text(base.link(Permalinks.sources)),
            "feed_href": .text(base.link("feed.xml")),
            "feed_url": .text(base.absolute("feed.xml")),
            "json_feed_href": .text(base.link("feed.json")),
            "nav": .list(
                pages.map { page in
                    [
                        "title": .text(page.title),
                        "href": .text(Self.href(Permalinks.page(page.slug), base)),
                    ]
                }),
        ]
        if config.isSearchEnabled {
            site["search_href"] = .text(base.link(SiteSearch.folder))
        }
        siteValue = .object(site)
        siteScope = ["site": siteValue]
    }

    /// The Open Graph locale for a language code: `ja` → `ja_JP`, `en` → `en_US`, `pt-BR` → `pt_BR`.
    static func locale(for language: String) -> String {
        let parts = language.split(separator: "-")
        if parts.count >= 2 { return "\(parts[0].lowercased())_\(parts[1].uppercased())" }
        switch language.lowercased() {
        case "ja": return "ja_JP"
        case "en": return "en_US"
        case "zh": return "zh_CN"
        case "ko": return "ko_KR"
        default: return language.lowercased()
        }
    }

    /// An image given as an absolute URL or a path on the site, made absolute.
    static func absolute(image: String, _ base: BaseURL) -> String {
        image.contains("://") ? image : base.absolute(String(image.drop { $0 == "/" }))
    }

    /// The share image of a brief: its own, or the site's.
    func imageURL(for brief: BriefFields) -> String? {
        brief.image.map { Self.absolute(image: $0, config.baseURL) } ?? imageURL
    }

    static func href(_ sitePath: String, _ base: BaseURL) -> String {
        base.link(Permalinks.encoded(sitePath))
    }

    func href(_ sitePath: String) -> String { Self.href(sitePath, config.baseURL) }

    func url(_ sitePath: String) -> String { config.baseURL.absolute(Permalinks.encoded(sitePath)) }

    // MARK: Pages

    /// The `page` object: document title, description, canonical URL and Open Graph type.
    func pageValue(
        title: String?, description: String?, sitePath: String, ogType: String = "website",
        language: String? = nil, extra: TemplateFields = [:]
    ) -> TemplateValue {
        var fields: TemplateFields = [
            "title": .optional(title),
            "full_title": .text(title.map { "\($0) | \(config.title)" } ?? config.title),
            "description": .text(description ?? config.description),
            "canonical": .text(url(sitePath)),
            "og_type": .text(ogType),
            "og_locale": .text(
                language.map { $0 == config.language ? siteLocale : Self.locale(for: $0) }
                    ?? siteLocale),
            "lang": .text(language ?? config.language),
            "image": .optional(imageURL),
        ]
        fields.append(contentsOf: extra)
        return .object(fields)
    }

    /// The context for one brief's page.
    public func briefPage(_ article: Article, neighbourhood: BriefNeighbourhood = .none)
        -> TemplateValue
    {
        briefPage(article, card: nil, neighbours: neighbourhoodFields(neighbourhood))
    }

    /// The context for one brief's page, from its card's fields when they are already made
    /// (`cardFields`), its links to other briefs and its body's sections when they are given
    /// apart from the brief (`BodyStore.pageSections`).
    func briefPage(
        _ article: Article, card: TemplateFields?, neighbours: TemplateFields,
        sections: [SectionValue]? = nil
    ) -> TemplateValue {
        let path = Permalinks.brief(article.slug)
        let card = card ?? cardFields(article)
        // The card has the first key point (`excerpt`) and whether there are English ones:
        // read there, rather than unpacking the brief's key points again.
        var description: String?
        if case .text(let excerpt)? = card["excerpt"] { description = excerpt }
        var fields = fullFields(
            article, card: card, sections: sections,
            hasSummaryEN: card["has_summary_en"] == .bool(true))
        // A prepared card carries its rendered partial, which the page does not show: hidden,
        // `card_html` renders as nothing and skips its sections, as a missing name does.
        fields.append("card_html", .none)
        fields.append(contentsOf: neighbours)
        let value = TemplateValue.object(fields)
        return [
            "site": siteValue,
            "page": pageValue(
                title: article.title, description: description, sitePath: path, ogType: "article",
                language: article.language,
                extra: [
                    "json_ld": .utf8(jsonLD(article, description: description)),
                    "is_brief": true,
                    "image": .optional(imageURL(for: article.fields)),
                ]),
            "brief": value,
        ]
    }

    /// The `brief` object; `full` adds the body sections and the disclaimer.
    public func brief(_ article: Article, full: Bool) -> TemplateValue {
        let card = cardFields(article)
        return .object(full ? fullFields(article, card: card) : card)
    }

    /// A brief's key points, unpacked once (`BriefFields.summary` unpacks them on each read).
    struct KeyPoints {
        let main: [String]
        let english: [String]

        init(_ brief: BriefFields) {
            main = brief.summary
            english = brief.summaryEN
        }

        /// The first key point, in the brief's language or else in English: the excerpt.
        var first: String? { main.first ?? english.first }
    }

    /// The fields of a brief's card: everything but what only its own page shows.
    func cardFields(_ article: Article) -> TemplateFields {
        cardFields(article, keyPoints: KeyPoints(article.fields))
    }

    /// The same, with the brief's key points already unpacked.
    func cardFields(_ article: Article, keyPoints: KeyPoints) -> TemplateFields {
        let brief = article.fields
        let zone = config.timeZone
        var fields = TemplateFields()
        fields.reserveCapacity(24)
        fields.append("href", .text(href(Permalinks.brief(brief.slug))))
        fields.append("url", .text(url(Permalinks.brief(brief.slug))))
        // Every field, as templates see it (README's template section lists the names).
        for field in BriefField.allCases {
            switch field {
            case .title: fields.append("title", .text(brief.title))
            case .titleEN: fields.append("title_en", .optional(brief.titleEN))
            case .date:
                fields.append("date_iso", .text(brief.date.rfc3339))
                fields.append(
                    "date_display", .text(brief.date.display(language: brief.language, in: zone)))
                fields.append("date_display_en", .text(brief.date.englishDisplay(in: zone)))
            case .updated:
                fields.append("updated_iso", .optional(brief.updated?.rfc3339))
                fields.append(
                    "updated_display",
                    .optional(brief.updated?.display(language: brief.language, in: zone)))
            case .source:
                fields.append(
                    "source",
                    [
                        "url": .text(brief.source.url), "name": .text(brief.source.name),
                        "host": .text(brief.source.host),
                        "href": .optional(
                            SourceDirectory.key(host: brief.source.host).map {
                                href(Permalinks.source($0))
                            }),
                    ])
            case .tags:
                fields.append("tags", .list(brief.tags.map { tagLink($0) }))
                fields.append("has_tags", .bool(!brief.tags.isEmpty))
            case .summary:
                fields.append("summary", .list(keyPoints.main.map(TemplateValue.text)))
                fields.append("has_summary", .bool(!keyPoints.main.isEmpty))
            case .summaryEN:
                fields.append("summary_en", .list(keyPoints.english.map(TemplateValue.text)))
                fields.append("has_summary_en", .bool(!keyPoints.english.isEmpty))
            case .isGenerated: fields.append("is_generated", .bool(brief.isGenerated))
            case .isDraft: fields.append("is_draft", .bool(brief.isDraft))  // serve --drafts
            case .slug: fields.append("slug", .text(brief.slug))
            case .language: fields.append("lang", .text(brief.language))
            case .image, .corrections:  // not on a card (`BriefField.isOnCard`): see `fullFields`
                break
            }
        }
        fields.append("excerpt", .optional(keyPoints.first))
        fields.append(
            "excerpt_lang",
            .text(
                keyPoints.main.isEmpty && !keyPoints.english.isEmpty ? "en" : brief.language))
        return fields
    }

    /// A brief's card fields (`cardFields`, made once for listings and reused here) with what
    /// only its own page shows: the share image, corrections, the body sections and the
    /// disclaimer. Names are distinct, so where they come in the list does not matter. The body
    /// is `sections` when given, else the brief's own.
    func fullFields(
        _ article: Article, card: TemplateFields, sections: [SectionValue]? = nil,
        hasSummaryEN: Bool? = nil
    ) -> TemplateFields {
        let brief = article.fields
        let sections = sections ?? article.sections.map(SectionValue.init)
        var fields = card
        fields.reserveCapacity(48)
        fields.append("image", .optional(imageURL(for: brief)))
        fields.append(
            "corrections",
            .list(
                brief.corrections.map { correction in
                    [
                        "date_iso": .text(correction.date.rfc3339),
                        "date_display": .text(correction.date.dateString),
                        "text": .text(correction.text),
                    ]
                }))
        fields.append("has_corrections", .bool(!brief.corrections.isEmpty))
        // Each section's value is made once, for `sections` and for its language's list.
        let values = sections.map(sectionValue)
        fields.append(
            contentsOf: bilingualFields(
                article, sections: sections, values: values,
                hasSummaryEN: hasSummaryEN ?? !article.summaryEN.isEmpty))
        fields.append("sections", .list(values))
        fields.append(
            "disclaimer", .list(article.isGenerated ? disclaimerValues(for: article.source) : []))
        return fields
    }

    /// A body section as a template sees it: its language and its HTML, as text or as bytes.
    struct SectionValue: Sendable {
        let language: String
        let html: TemplateValue

        init(language: String, html: TemplateValue) {
            self.language = language
            self.html = html
        }

        init(_ section: Section) {
            self.init(language: section.language, html: .text(section.html))
        }
    }

    func sectionValue(_ section: Section) -> TemplateValue { sectionValue(SectionValue(section)) }

    func sectionValue(_ section: SectionValue) -> TemplateValue {
        ["lang": .text(section.language), "html": section.html]
    }

    func tagLink(_ tag: Tag) -> TemplateValue {
        if let known = tagLinks[tag.slug], case .object(let fields) = known,
            fields["name"] == .text(tag.name)
        {
            return known
        }
        return [
            "name": .text(tag.name), "name_en": .optional(tagNamesEN[tag.slug]),
            "href": .text(href(Permalinks.tag(tag.slug))),
        ]
    }

    /// The same context with every tag's link made once, for the many pages that show tags.
    func withTagLinks(for tags: [Tag]) -> TemplateContext {
        var context = self
        for tag in tags {
            context.tagLinks[tag.slug] = [
                "name": .text(tag.name), "name_en": .optional(tagNamesEN[tag.slug]),
                "href": .text(href(Permalinks.tag(tag.slug))),
            ]
        }
        return context
    }

    /// `disclaimerLines` as the page's `disclaimer` list, `{lang, html}` each, the HTML made
    /// as UTF-8 bytes (rendered as the same text would be).
    func disclaimerValues(for source: ArticleSource) -> [TemplateValue] {
        var link: [UInt8] = []
        link += "<a href=\"".utf8
        Escaping.appendHTML(source.url, to: &link)
        link += "\" rel=\"noopener\">".utf8
        Escaping.appendHTML(source.name, to: &link)
        link += "</a>".utf8
        return disclaimerParts.map { line in
            var html: [UInt8] = []
            for (index, part) in line.parts.enumerated() {
                if index > 0 { html += link }
                html += part.utf8
            }
            return ["lang": .text(line.language), "html": .utf8(html)]
        }
    }

    /// The disclaimer lines from `site.yml`, with `{source}` replaced by the escaped source link.
    /// A line without `{source}` gets the link appended, so the source is always named.
    public func disclaimerLines(for source: ArticleSource) -> [(language: String, html: String)] {
        let link =
            "<a href=\"\(Escaping.html(source.url))\" rel=\"noopener\">\(Escaping.html(source.name))</a>"
        return disclaimerParts.map { ($0.language, $0.parts.joined(separator: link)) }
    }

    /// The context of a listing page: the home page and its pages, or a tag's.
    func listing(
        cards: ArraySlice<TemplateValue>, page: Int, pageCount: Int, sitePath: String,
        pathForPage: (Int) -> String, title: String?, description: String?,
        extra: TemplateFields = [:], pageExtra: TemplateFields = [:]
    ) -> TemplateValue {
        let numbers = Pagination(current: page, count: pageCount)
        var pageFields = pageExtra
        if pageFields["is_home"] == nil { pageFields["is_home"] = .bool(sitePath.isEmpty) }
        var fields: TemplateFields = [
            "site": siteValue,
            "page": pageValue(
                title: page > 1
                    ? numbers.title(title ?? config.title, language: config.language) : title,
                description: description, sitePath: sitePath, extra: pageFields),
            "briefs": .list(Array(cards)),
            "has_briefs": .bool(!cards.isEmpty),
            "pagination": paginationValue(numbers, pathForPage: pathForPage),
        ]
        fields.append(contentsOf: extra)
        return .object(fields)
    }

    /// The context of a standalone page.
    func standalonePage(_ page: StandalonePage) -> TemplateValue {
        [
            "site": siteValue,
            "page": pageValue(
                title: page.title, description: page.description,
                sitePath: Permalinks.page(page.slug), language: page.language),
            "content": [
                "title": .text(page.title),
                "sections": .list(page.sections.map(sectionValue)),
            ],
        ]
    }

    /// The context of the 404 page.
    func notFound() -> TemplateValue {
        [
            "site": siteValue,
            "page": pageValue(
                title: "ページが見つかりません Not found", description: nil, sitePath: "404.html"),
        ]
    }
}
