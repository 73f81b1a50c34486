/// A build after parsing: everything checked, ready to render Markdown, assemble and plan.
///
/// Holds what `SiteBuilder` carries from stage to stage, so each stage reads as one call.
struct PreparedBuild: Sendable {
    let options: BuildOptions
    /// How to reach the disk (bodies of cached briefs are read again when shown).
    let fileSystem: FileSystem
    let config: SiteConfig
    let now: Timestamp
    let templates: Templates
    private(set) var selection: SiteBuilder.Selection
    /// Briefs taken from the cache (not read or parsed again), by path.
    let cached: [String: BuildCache.Entry]
    /// Warnings of the briefs parsed this time, by path, for the cache.
    let freshWarnings: [String: [SitegenError]]
    let stamps: [String: BuildCache.Stamp]
    let inputsFingerprint: Fingerprint
    let otherInputsFingerprint: Fingerprint
    /// `Fingerprint.ofContents` of every brief file, by path.
    let contentHashes: [String: UInt64]
    /// When the build started (nanoseconds since the epoch), kept in the cache.
    let startedAt: Int64
    let siteFingerprint: Fingerprint
    let staticFiles: [(from: String, to: String)]
    let usesBuiltInStatic: Bool
    let warnings: [SitegenError]

    private(set) var site = Site(
        config: .defaults, articles: [], tags: [], pages: [], now: Timestamp(seconds: 0, offset: 0))
    private(set) var pages: [Page] = []

    var heldBack: [ParsedBrief] { selection.heldBack }
    var draftsSkipped: Int { selection.draftsSkipped }

    /// Stages 3 to 5: render the Markdown of briefs that were not cached, assemble, plan.
    mutating func finish(clock: inout StageClock) async throws(BuildFailure) {
        let markdown = Markdown(basePath: config.baseURL.path)
        let cached = self.cached
        let source = options.source
        let fileSystem = self.fileSystem
        let articles = await ParallelMap.map(selection.briefs) { brief in
            if cached[brief.sourcePath] != nil {
                let body = DeferredBody(
                    path: source + "/" + brief.sourcePath, language: brief.language,
                    markdown: markdown, fileSystem: fileSystem)
                return brief.article(sectionList: SectionList(deferred: body))
            }
            return brief.article(
                sections: brief.sections.map {
                    Section(language: $0.language, html: markdown.html($0.markdown))
                })
        }
        // The Markdown is rendered; let it go (on a large site it is as big as the site's sources).
        selection.briefs = selection.briefs.map(\.withoutMarkdown)
        selection.heldBack = selection.heldBack.map(\.withoutMarkdown)
        selection.drafts = selection.drafts.map(\.withoutMarkdown)
        let standalone = selection.pages.map { page in
            page.page(
                sections: page.sections.map {
                    Section(language: $0.language, html: markdown.html($0.markdown))
                })
        }
        clock.lap("markdown")
        site = SiteBuilder.assemble(config: config, articles: articles, pages: standalone, now: now)
        clock.lap("assemble")
        let build = self
        let fingerprints = await ParallelMap.map(site.articles) {
            (build.articleFingerprint($0), build.cardFingerprint($0))
        }
        pages = PagePlanner(
            site: site, siteFingerprint: siteFingerprint,
            articleFingerprints: fingerprints.map(\.0),
            cardFingerprints: fingerprints.map(\.1),
            pageFingerprints: standalone.map(pageFingerprint)
        ).plan()
        if usesBuiltInStatic {
            for name in DefaultTheme.staticFiles.keys.sorted() {
                var fingerprint = siteFingerprint
                fingerprint.combine("static " + name)
                pages.append(
                    Page(
                        sitePath: name, kind: .builtInStatic(name), fingerprint: fingerprint,
                        isInSitemap: false, lastModified: nil))
            }
        }
    }

    /// What a brief's page depends on: its file's content and its tags' shown spellings.
    func articleFingerprint(_ article: Article) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine(article.sourcePath)
        fingerprint.combine(Int64(bitPattern: contentHashes[article.sourcePath] ?? 0))
        for tag in article.tags { fingerprint.combine(tag.name) }
        return fingerprint
    }

    /// What a brief's card in a listing depends on: everything but the body.
    func cardFingerprint(_ article: Article) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine(article.slug)
        fingerprint.combine(article.title)
        fingerprint.combine(article.titleEN ?? "")
        fingerprint.combine(article.source.url)
        fingerprint.combine(article.source.name)
        fingerprint.combine(article.language)
        for text in article.summary { fingerprint.combine(text) }
        fingerprint.combine("|")
        for text in article.summaryEN { fingerprint.combine(text) }
        fingerprint.combine(article.date.seconds)
        fingerprint.combine(article.updated?.seconds ?? 0)
        fingerprint.combine(article.isGenerated ? 1 : 0)
        for tag in article.tags {
            fingerprint.combine(tag.name)
            fingerprint.combine(tag.slug)
        }
        return fingerprint
    }

    func pageFingerprint(_ page: StandalonePage) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine(page.sourcePath)
        fingerprint.combine(page.title)
        for section in page.sections { fingerprint.combine(section.html) }
        return fingerprint
    }

    /// Prepares what the pages to render share: cards for listings, entries for feeds.
    func renderer(for dirty: [Page]) async -> PageRenderer {
        let site = self.site
        let context = TemplateContext(config: config, pages: site.pages).withTagLinks(
            for: site.tags.map(\.tag))
        let feeds = FeedWriter(site: site, context: context)
        var positions: [String: Int] = [:]
        positions.reserveCapacity(site.articles.count)
        for (index, article) in site.articles.enumerated() { positions[article.slug] = index }
        var needsCards = false
        var inFeeds: Set<Int> = []
        let limit = max(0, config.feedLimit)
        for page in dirty {
            switch page.kind {
            case .home, .tag: needsCards = true
            case .siteFeed, .jsonFeed: inFeeds.formUnion(0..<min(limit, site.articles.count))
            case .tagFeed(let tag):
                for article in site.tags[tag].articles.prefix(limit) {
                    inFeeds.insert(positions[article.slug] ?? 0)
                }
            default: break
            }
        }
        let templates = self.templates
        let cards =
            needsCards
            ? await ParallelMap.map(site.articles) { article in
                Self.card(article, context: context, templates: templates)
            } : []
        // Only the JSON Feed shows entries' HTML apart from their Atom text: keep it for its briefs.
        let jsonCount = min(limit, site.articles.count)
        let rendered = await ParallelMap.map(inFeeds.sorted()) { index in
            let entry = feeds.entry(site.articles[index])
            return (
                index, index < jsonCount ? entry : FeedWriter.Entry(atom: entry.atom, content: "")
            )
        }
        return PageRenderer(
            site: site, context: context, templates: templates, feeds: feeds, positions: positions,
            cards: cards, entries: Dictionary(uniqueKeysWithValues: rendered), pages: pages)
    }

    /// A brief's card for listings: its fields and, when the theme has `partials/brief-card`,
    /// that partial rendered once as `card_html`, so listing pages, where every brief appears
    /// several times (home, each of its tags), need not render it again.
    static func card(_ article: Article, context: TemplateContext, templates: Templates)
        -> TemplateValue
    {
        let card = context.brief(article, full: false)
        guard templates.contains("partials/brief-card"), case .object(var fields) = card else {
            return card
        }
        var bytes: [UInt8] = []
        // The card's fields over the site's: the partial sees both, as within a listing.
        templates.render(
            "partials/brief-card", layers: [context.siteScope, card], into: &bytes)
        fields["card_html"] = .text(String(decoding: bytes, as: UTF8.self))
        return .object(fields)
    }

    /// The summary of a finished build.
    func report(filesWritten: Int, timings: [(stage: String, seconds: Double)]) -> BuildReport {
        BuildReport(
            briefCount: site.articles.count, tagCount: site.tags.count,
            pageCount: pages.count { $0.isHTML },
            fileCount: pages.count + staticFiles.count + 1, heldBack: heldBack.count,
            nextRelease: heldBack.map(\.date).min(), draftsSkipped: draftsSkipped,
            filesWritten: filesWritten, isUpToDate: false, warnings: warnings, timings: timings)
    }

    /// Every file of the new site with the fingerprint of what it is made from: pages, then the
    /// static files (by their stamp).
    func outputItems() -> [OutputWriter.Item] {
        var items = pages.map {
            OutputWriter.Item(file: $0.file, fingerprint: $0.fingerprint, page: $0, copyFrom: nil)
        }
        for file in staticFiles {
            var fingerprint = Fingerprint()
            fingerprint.combine(file.from)
            if let stamp = stamps["templates/static/" + file.to] {
                fingerprint.combine(stamp.size)
                fingerprint.combine(stamp.modified)
            }
            items.append(
                OutputWriter.Item(
                    file: file.to, fingerprint: fingerprint, page: nil, copyFrom: file.from))
        }
        return items
    }

    /// What the next build needs to know.
    func cacheRecord(output: String, report: BuildReport, manifests: OutputWriter.Manifests)
        -> BuildCache
    {
        return BuildCache(
            siteFingerprint: siteFingerprint, output: output, entries: [:],
            manifest: manifests.live,
            keptManifest: manifests.kept,
            inputs: inputsFingerprint, nextRelease: heldBack.map(\.date.seconds).min(),
            builtAt: startedAt,
            summary: BuildCache.Summary(
                briefs: report.briefCount, tags: report.tagCount, pages: report.pageCount,
                files: report.fileCount,
                heldBack: report.heldBack, drafts: report.draftsSkipped),
            warnings: warnings, otherInputs: otherInputsFingerprint
        ).with(records: briefRecords)
    }

    /// Every brief's front matter for the next build's cache (the `briefs` file).
    func cacheEntries() -> [String: BuildCache.Entry] {
        var entries: [String: BuildCache.Entry] = [:]
        entries.reserveCapacity(selection.briefs.count + selection.heldBack.count)
        for brief in selection.briefs + selection.heldBack + selection.drafts {
            guard let stamp = stamps[brief.sourcePath],
                let contentHash = contentHashes[brief.sourcePath]
            else { continue }
            entries[brief.sourcePath] = BuildCache.Entry(
                stamp: stamp, contentHash: contentHash, brief: brief.withoutMarkdown,
                warnings: freshWarnings[brief.sourcePath] ?? cached[brief.sourcePath]?.warnings
                    ?? [])
        }
        return entries
    }

    /// Every brief's record for the quick path of the next build: the pages and feeds that carry
    /// its body, and its tags as shown.
    func briefRecords(rows: [String: Int]) -> [BuildCache.BriefRecord] {
        var carriers = [[Int]](repeating: [], count: site.articles.count)
        var positions: [String: Int] = [:]
        positions.reserveCapacity(site.articles.count)
        for (index, article) in site.articles.enumerated() { positions[article.slug] = index }
        let limit = min(max(0, config.feedLimit), site.articles.count)
        for page in pages {
            switch page.kind {
            case .brief(let index): carriers[index].append(rows[page.file] ?? -1)
            case .siteFeed, .jsonFeed:
                let row = rows[page.file] ?? -1
                for index in 0..<limit { carriers[index].append(row) }
            case .tagFeed(let tag):
                let row = rows[page.file] ?? -1
                for article in site.tags[tag].articles.prefix(max(0, config.feedLimit)) {
                    if let index = positions[article.slug] { carriers[index].append(row) }
                }
            default: break
            }
        }
        var shown: [String: Int] = [:]
        for (index, article) in site.articles.enumerated() { shown[article.sourcePath] = index }
        var records: [BuildCache.BriefRecord] = []
        for brief in selection.briefs + selection.heldBack + selection.drafts {
            guard let stamp = stamps[brief.sourcePath],
                let contentHash = contentHashes[brief.sourcePath]
            else { continue }
            let index = shown[brief.sourcePath]
            records.append(
                BuildCache.BriefRecord(
                    path: brief.sourcePath, stamp: stamp, contentHash: contentHash,
                    frontMatterHash: brief.frontMatterHash,
                    shownTags: index.map { site.articles[$0].tags.map(\.name) } ?? [],
                    carriers: index.map { carriers[$0] } ?? []))
        }
        records.sort { $0.path < $1.path }
        return records
    }
}
