/// Part of phase 3 (parse): sets drafts and future briefs aside and checks that every brief and
/// page has a slug of its own.
extension SiteBuilder {
    struct Selection: Sendable {
        var briefs: [ParsedBrief] = []
        var pages: [ParsedPage] = []
        var heldBack: [ParsedBrief] = []
        /// Drafts left out (kept for the cache, so they are not parsed again).
        var drafts: [ParsedBrief] = []
        /// Drafts with errors, left out before selection (their problems are warnings).
        var brokenDrafts = 0
        var draftsSkipped: Int { drafts.count + brokenDrafts }
    }

    /// Sets drafts and future briefs aside and reports slug collisions.
    func select(
        briefs: [ParsedBrief], pages: [ParsedPage], now: Timestamp, staticFiles: [String],
        diagnostics: inout Diagnostics
    ) -> Selection {
        var selection = Selection()
        var bySlug: [String: ParsedBrief] = [:]
        // Sorted by path through indices: a brief has many fields, and sorting them moves each.
        let order = briefs.indices.sorted { briefs[$0].sourcePath < briefs[$1].sourcePath }
        selection.briefs.reserveCapacity(briefs.count)
        // Published and held-back briefs, in path order, for the duplicate-source check.
        var undrafted: [ParsedBrief] = []
        undrafted.reserveCapacity(briefs.count)
        for position in order {
            let brief = briefs[position]
            if let first = bySlug[brief.slug] {
                diagnostics.add(
                    SitegenError(
                        .duplicate,
                        "duplicate slug '\(brief.slug)': \(first.sourcePath) has it too",
                        at: SourceLocation(path: brief.sourcePath, line: brief.slugLine),
                        hint: "give one of them another 'slug:' or file name"))
                continue
            }
            bySlug[brief.slug] = brief
            if brief.isDraft && !options.includeDrafts {
                selection.drafts.append(brief)
                continue
            } else if brief.date.seconds > now.seconds && !options.includeFuture {
                selection.heldBack.append(brief)
            } else {
                selection.briefs.append(brief)
            }
            undrafted.append(brief)
        }
        diagnostics.add(contentsOf: Self.duplicateSources(undrafted))
        let staticRoots = Set(
            staticFiles.compactMap { $0.split(separator: "/").first.map(String.init) })
        var pageSlugs: [String: String] = [:]
        for page in pages.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            let at = SourceLocation(path: page.sourcePath, line: page.slugLine)
            if let first = pageSlugs[page.slug] {
                diagnostics.add(
                    SitegenError(
                        .duplicate, "duplicate slug '\(page.slug)': \(first) has it too", at: at))
                continue
            }
            if Permalinks.reservedSegments.contains(page.slug.lowercased())
                || staticRoots.contains(page.slug)
            {
                diagnostics.add(
                    SitegenError(
                        .duplicate, "page slug '\(page.slug)' is taken by a page sitegen generates",
                        at: at,
                        hint: "choose another 'slug:'"))
                continue
            }
            pageSlugs[page.slug] = page.sourcePath
            if page.isDraft && !options.includeDrafts { continue }
            selection.pages.append(page)
        }
        selection.pages.sort { $0.slug < $1.slug }
        return selection
    }
}
