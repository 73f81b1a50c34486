import SitegenBase
import SitegenMustache

/// Rendering the pages of the reading aids: the archive and the sources.
extension PageRenderer {
    func renderReading(_ page: Page, into output: inout [UInt8]) {
        let reading = site.reading
        switch page.kind {
        case .archiveIndex:
            templates.render(
                "archive", context: context.archiveIndex(reading.archive), into: &output)
        case .archive(let yearIndex, let monthIndex, let number, let count):
            let year = reading.archive.years[yearIndex]
            let month = monthIndex.map { year.months[$0] }
            let title = TemplateContext.archiveTitle(year: year.year, month: month?.month)
            let positions = month?.positions ?? year.positions
            let value = listing(
                positions, page: number, pageCount: count, sitePath: page.sitePath,
                pathForPage: { Permalinks.archive(year: year.year, month: month?.month, page: $0) },
                title: "\(title.ja) \(title.en)",
                description: "\(title.ja)のブリーフ / Briefs of \(title.en)",
                extra: [
                    "period": [
                        "title": .text(title.ja), "title_en": .text(title.en),
                        "count": .text(String(positions.count)),
                        "is_month": .bool(month != nil),
                        "year_href": .text(context.href(Permalinks.archive(year: year.year))),
                        "year": .text(String(year.year)),
                    ]
                ])
            templates.render("archive-period", context: value, into: &output)
        case .sourceIndex:
            templates.render(
                "sources", context: context.sourceIndex(reading.sources), into: &output)
        case .source(let index, let number, let count):
            let entry = reading.sources.entries[index]
            let feed = Permalinks.sourceFeed(entry.key)
            let value = listing(
                entry.positions, page: number, pageCount: count, sitePath: page.sitePath,
                pathForPage: { Permalinks.source(entry.key, page: $0) }, title: entry.name,
                description: "\(entry.name) (\(entry.key)) のブリーフ / Briefs of \(entry.name)",
                extra: [
                    "source": [
                        "name": .text(entry.name), "host": .text(entry.key),
                        "count": .text(String(entry.count)),
                        "feed_href": .text(context.href(feed)),
                    ]
                ],
                pageExtra: [
                    "feed_href": .text(context.href(feed)),
                    "feed_title": .text("\(site.config.title): \(entry.name)"),
                ])
            templates.render("sources-host", context: value, into: &output)
        default:
            break
        }
    }

    private func listing(
        _ positions: [Int], page number: Int, pageCount: Int, sitePath: String,
        pathForPage: (Int) -> String, title: String, description: String,
        extra: TemplateFields, pageExtra: TemplateFields = [:]
    ) -> TemplateValue {
        let range = Pagination.range(
            page: number, perPage: site.config.paginate, itemCount: positions.count)
        return context.listing(
            cards: positions[range].map(card)[...], page: number, pageCount: pageCount,
            sitePath: sitePath, pathForPage: pathForPage, title: title, description: description,
            extra: extra, pageExtra: pageExtra)
    }
}
