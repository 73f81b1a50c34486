import SitegenBase
import SitegenMustache

/// Template values of the reading aids: numbered pagination, the brief page's languages and
/// neighbours, the archive, the sources and the grouped tags index.
extension TemplateContext {
    /// The `pagination` object: `current`, `total`, `is_paginated`, `prev_href`, `next_href`
    /// and `items`, each `{number, href, is_current}` or `{is_gap}` (`1 … 4 5 6 … 50`).
    func paginationValue(_ pagination: Pagination, pathForPage: (Int) -> String)
        -> TemplateValue
    {
        [
            "current": .text(String(pagination.current)),
            "total": .text(String(pagination.count)),
            "is_paginated": .bool(pagination.isPaginated),
            "prev_href": pagination.previous.map { .text(href(pathForPage($0))) } ?? .none,
            "next_href": pagination.next.map { .text(href(pathForPage($0))) } ?? .none,
            "items": .list(
                pagination.items.map { item in
                    switch item {
                    case .gap:
                        return ["is_gap": true]
                    case .page(let number, let isCurrent):
                        return [
                            "number": .text(String(number)),
                            "href": .text(href(pathForPage(number))),
                            "is_current": .bool(isCurrent),
                        ]
                    }
                }),
        ]
    }

    /// A brief's parts by language: `sections_main` (the brief's language) and the English part
    /// (`has_en`, `sections_en`), which the page shows under `id="en"`.
    /// `values` are the sections' values (`sectionValue`), in the same order.
    func bilingualFields(
        _ article: Article, sections: [SectionValue], values: [TemplateValue], hasSummaryEN: Bool
    ) -> TemplateFields {
        let isEnglish = Self.isEnglish(article.language)
        var main: [TemplateValue] = []
        var english: [TemplateValue] = []
        if isEnglish {
            main = values
        } else {
            for (section, value) in zip(sections, values) {
                if Self.isEnglish(section.language) {
                    english.append(value)
                } else {
                    main.append(value)
                }
            }
        }
        let hasEnglish =
            !isEnglish && (article.titleEN != nil || hasSummaryEN || !english.isEmpty)
        return [
            "sections_main": .list(main),
            "sections_en": .list(english),
            "has_en": .bool(hasEnglish),
        ]
    }

    /// Whether a language tag is English: `language.lowercased().hasPrefix("en")`, without
    /// making the lowercased copy when the tag is ASCII (as tags are).
    static func isEnglish(_ language: String) -> Bool {
        let bytes = language.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return language.lowercased().hasPrefix("en") }
        var iterator = bytes.makeIterator()
        guard let first = iterator.next(), let second = iterator.next() else { return false }
        // ASCII letters differ from their capitals by bit 5 alone.
        return first | 0x20 == UInt8(ascii: "e") && second | 0x20 == UInt8(ascii: "n")
    }

    /// `related` (with `has_related`), `older` and `newer`: links to other briefs.
    func neighbourhoodFields(_ neighbourhood: BriefNeighbourhood) -> TemplateFields {
        neighbourhoodFields(
            related: neighbourhood.related.map(linkValue),
            older: neighbourhood.older.map(linkValue),
            newer: neighbourhood.newer.map(linkValue))
    }

    /// The same from link values already made (`linkValue`), shared by the pages that link a brief.
    func neighbourhoodFields(related: [TemplateValue], older: TemplateValue?, newer: TemplateValue?)
        -> TemplateFields
    {
        [
            "related": .list(related),
            "has_related": .bool(!related.isEmpty),
            "older": older ?? .none,
            "newer": newer ?? .none,
            "has_neighbours": .bool(older != nil || newer != nil),
        ]
    }

    /// A brief as other briefs' pages link it (related, older, newer).
    func linkValue(_ link: BriefNeighbourhood.Link) -> TemplateValue {
        [
            "title": .text(link.title),
            "title_en": .optional(link.titleEN),
            "href": .text(href(Permalinks.brief(link.slug))),
            "date_iso": .text(link.date.rfc3339),
            "date_display": .text(link.date.japaneseDateDisplay(in: config.timeZone)),
            "source_name": .text(link.sourceName),
        ]
    }

    /// The context of `/archive/`: years, newest first, each with its months and counts.
    func archiveIndex(_ archive: Archive) -> TemplateValue {
        [
            "site": siteValue,
            "page": pageValue(
                title: "アーカイブ Archive", description: nil, sitePath: Permalinks.archive),
            "has_years": .bool(!archive.years.isEmpty),
            "years": .list(
                archive.years.map { year in
                    [
                        "year": .text(String(year.year)),
                        "href": .text(href(year.sitePath)),
                        "count": .text(String(year.count)),
                        "months": .list(
                            year.months.map { month in
                                [
                                    "month": .text(String(month.month)),
                                    "name_en": .text(Archive.englishMonthName(month.month)),
                                    "href": .text(href(month.sitePath)),
                                    "count": .text(String(month.count)),
                                ]
                            }),
                    ]
                }),
        ]
    }

    /// The heading of a year's or a month's archive page: `2026年5月 May 2026`.
    static func archiveTitle(year: Int, month: Int?) -> (ja: String, en: String) {
        guard let month else { return ("\(year)年", String(year)) }
        return ("\(year)年\(month)月", "\(Archive.englishMonthName(month)) \(year)")
    }

    /// The context of `/sources/`: every source with its count.
    func sourceIndex(_ sources: SourceDirectory) -> TemplateValue {
        [
            "site": siteValue,
            "page": pageValue(title: "出典 Sources", description: nil, sitePath: Permalinks.sources),
            "sources": .list(
                sources.entries.map { entry in
                    [
                        "name": .text(entry.name),
                        "host": .text(entry.key),
                        "href": .text(href(entry.sitePath)),
                        "count": .text(String(entry.count)),
                    ]
                }),
        ]
    }

    /// The context of `/tags/`: the most used tags, then every tag grouped by reading.
    func tagIndex(_ tags: [Site.TagListing]) -> TemplateValue {
        let index = TagIndex(
            entries: tags.map {
                TagIndex.Entry(name: $0.tag.name, slug: $0.tag.slug, count: $0.articles.count)
            })
        let largest = max(1, index.popular.first?.count ?? 1)
        func value(_ entry: TagIndex.Entry, level: Bool) -> TemplateValue {
            var fields: TemplateFields = [
                "name": .text(entry.name),
                "name_en": .optional(tagNamesEN[entry.slug]),
                "href": .text(href(Permalinks.tag(entry.slug))),
                "count": .text(String(entry.count)),
            ]
            // 1-4 by share of the most used tag, for the size of the popular tags.
            if level {
                fields["level"] = .text(String(1 + min(3, 4 * entry.count / (largest + 1))))
            }
            return .object(fields)
        }
        return [
            "site": siteValue,
            "page": pageValue(title: "タグ Tags", description: nil, sitePath: Permalinks.tags),
            "tag_count": .text(String(tags.count)),
            "popular": .list(index.popular.map { value($0, level: true) }),
            "has_popular": .bool(!index.popular.isEmpty),
            "groups": .list(
                index.groups.map { group in
                    [
                        "id": .text(group.id),
                        "label": .text(group.label),
                        "count": .text(String(group.entries.count)),
                        "tags": .list(group.entries.map { value($0, level: false) }),
                    ]
                }),
            // Kept for themes written before the groups: every tag in slug order.
            "tags": .list(
                tags.map { listing in
                    [
                        "name": .text(listing.tag.name),
                        "href": .text(href(Permalinks.tag(listing.tag.slug))),
                        "count": .text(String(listing.articles.count)),
                    ]
                }),
        ]
    }

    /// The same context with the registry's English tag names, shown beside tag names.
    func withRegistry(_ registry: TagRegistry) -> TemplateContext {
        var context = self
        for entry in registry.entries {
            if let en = entry.en { context.tagNamesEN[entry.slug] = en }
        }
        return context
    }
}
