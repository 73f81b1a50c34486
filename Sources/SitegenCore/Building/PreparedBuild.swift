import SitegenBase
import SitegenMustache
import SitegenSearch

/// A build after parsing: everything checked, ready to render Markdown, assemble and plan.
///
/// Holds what `SiteBuilder` carries from stage to stage, so each stage reads as one call.
struct PreparedBuild: Sendable {
    let options: BuildOptions
    /// How to reach the disk (bodies of cached briefs are read again when shown).
    let fileSystem: FileSystem
    /// What shows in every feed entry beside the brief (`FeedEntryStore.settings`).
    let feedSettings: Fingerprint
    let config: SiteConfig
    /// The tag registry from `tags.yml`.
    let registry: TagRegistry
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
    /// What parsed briefs, feeds, the sitemap and robots.txt depend on (no templates).
    let contentFingerprint: Fingerprint
    let siteFingerprint: Fingerprint
    let staticFiles: [(from: String, to: String)]
    let usesBuiltInStatic: Bool
    let warnings: [SitegenError]
    /// Whether the briefs parsed for this build let their Markdown go, to be read again from
    /// their files (`BuildOptions.largeSiteBriefs`).
    let markdownIsDropped: Bool

    private(set) var site = Site(
        config: .defaults, articles: [], tags: [], pages: [], now: Timestamp(seconds: 0, offset: 0))
    private(set) var pages: [Page] = []
    /// The search index's files, sorted by path (none when `search: false`).
    private(set) var searchFiles: [KeptSearchFile] = []
    /// The index's document keys in number order, for the next build's body patch.
    private(set) var searchOrder: [String] = []
    /// The briefs with their bodies, between the markdown and assemble phases.
    private(set) var articles: [Article] = []
    private(set) var standalonePages: [StandalonePage] = []
    /// Renders the bodies of briefs taken from the cache when a page shows them; checked once
    /// the pages are rendered.
    private(set) var bodies: BodyStore?

    var heldBack: [ParsedBrief] { selection.heldBack }
    var draftsSkipped: Int { selection.draftsSkipped }

    /// Phase 4: starts rendering the Markdown of the briefs that were parsed, on every core,
    /// and returns at once with the articles in place: their bodies are on their way
    /// (`PendingBodies`), and the build goes on to assemble and plan, which read none of them,
    /// until it waits for the returned task before anything reads a body (the search index,
    /// the pages). A brief from the cache keeps a reference to its file, whose body `bodies`
    /// renders when a page first shows it.
    /// With `spooling`, a large site's rendered bodies wait on disk (`BodySpool`) rather than in
    /// memory; a site of at most `BuildOptions.largeSiteBriefs` briefs keeps them in memory
    /// (about 8 KB a brief), which spares writing each to the scratch file and reading it back
    /// for its page, its feed entry and the search index.
    ///
    /// With `rendersCachedBodies` (every brief's page is to be rendered again: the templates or
    /// `site.yml` changed), the bodies of briefs from the cache are rendered from their files in
    /// the same task rather than one at a time as the pages ask for them.
    mutating func startMarkdown(spooling: Bool, rendersCachedBodies: Bool = false)
        -> Task<Void, Never>
    {
        let markdown = Markdown(basePath: config.baseURL.path)
        let bodies = BodyStore(
            root: options.source, markdown: markdown, fileSystem: fileSystem,
            spooling: spooling && selection.briefs.count > options.largeSiteBriefs)
        self.bodies = bodies
        let dropped = markdownIsDropped ? contentHashes : [:]
        /// A body to render: from the parsed Markdown, or from its file (a brief from the cache,
        /// or one whose Markdown was let go after parsing).
        enum Work: Sendable {
            case parsed([MarkdownSection])
            case fromFile(BodyReference)
        }
        let pending = PendingBodies()
        var work: [Work] = []
        work.reserveCapacity(selection.briefs.count)
        articles = selection.briefs.map { brief -> Article in
            // From the cache: rendered when first shown, or now when every page shows it.
            if let entry = cached[brief.sourcePath] {
                let reference = BodyReference(
                    sourcePath: brief.sourcePath, contentHash: entry.contentHash,
                    language: brief.language)
                guard rendersCachedBodies else {
                    return brief.article(sectionList: SectionList(deferred: reference))
                }
                work.append(.fromFile(reference))
                return brief.article(
                    sectionList: SectionList(pending: pending, index: work.count - 1))
            }
            // Parsed and let go: read again from its file and rendered now.
            if let hash = dropped[brief.sourcePath] {
                work.append(
                    .fromFile(
                        BodyReference(
                            sourcePath: brief.sourcePath, contentHash: hash,
                            language: brief.language)))
            } else {
                work.append(.parsed(brief.sections))
            }
            return brief.article(sectionList: SectionList(pending: pending, index: work.count - 1))
        }
        // The Markdown goes with the task; past this point the parsed briefs serve only the
        // cache's records: a build without a cache lets them go (the articles hold the same
        // fields; 27 MB of objects at 100,000).
        selection.briefs =
            options.cacheDirectory == nil ? [] : selection.briefs.map(\.withoutMarkdown)
        selection.heldBack = selection.heldBack.map(\.withoutMarkdown)
        selection.drafts = selection.drafts.map(\.withoutMarkdown)
        standalonePages = selection.pages.map { page in
            page.page(
                sections: page.sections.map {
                    Section(language: $0.language, html: markdown.html($0.markdown))
                })
        }
        // Taken out of a box by the task, so that what it holds goes when the task is done
        // with it, not when the task is let go.
        let parcel = Parcel(work)
        return Task {
            let rendered = await ParallelMap.map(parcel.take() ?? []) { work -> SectionList in
                switch work {
                case .parsed(let sections):
                    return bodies.keep(
                        sections.map {
                            Section(language: $0.language, html: markdown.html($0.markdown))
                        })
                case .fromFile(let reference):
                    return bodies.keepRendered(reference)
                }
            }
            pending.settle(rendered)
        }
    }

    /// Phase 5: the `Site`, briefs ordered and tags gathered.
    mutating func assemble() {
        site = SiteAssembler.assemble(
            config: config, articles: articles, pages: standalonePages, now: now,
            registry: registry)
        articles = []
    }

    /// Phase 6, before `plan`: the search index and its pages, when `site.yml` leaves search on.
    mutating func indexForSearch() async {
        guard let index = await searchIndex() else { return }
        take(index)
    }

    /// The search index, its pages and its document order, when `site.yml` leaves search on.
    func searchIndex() async -> (files: [KeptSearchFile], order: [String], pages: [Page])? {
        guard config.isSearchEnabled else { return nil }
        // Briefs are numbered from their metadata; then every brief's body is indexed one at a
        // time (read back from the spool, or rendered from its file when the brief came from
        // the cache) and dropped, and each file is kept as soon as it is made (in memory while
        // a small site's budget lasts, then in the spool).
        let site = self.site
        let bodies = self.bodies
        let order = SiteSearch.numbered(site)
        let spool = bodies?.spool
        let budget = SearchFileBudget.forSite(
            documents: order.count, largeAbove: options.largeSiteBriefs)
        let files = await SearchIndexBuilder().build(count: order.count) { number in
            SiteSearch.document(order[number].origin, site: site) { article in
                bodies?.pageSections(article)
                    ?? article.sections.map(TemplateContext.SectionValue.init)
            }
        } keep: { file in
            KeptSearchFile(file, spool: spool, budget: budget)
        }
        return (
            files.map(\.kept), order.map(\.key),
            SiteSearch.pages(files: files, documents: order.count, siteFingerprint: siteFingerprint)
        )
    }

    /// Takes a search index made by `searchIndex()`: its pages go after the others.
    mutating func take(_ index: (files: [KeptSearchFile], order: [String], pages: [Page])) {
        searchFiles = index.files
        searchOrder = index.order
        pages += index.pages
    }

    /// Phase 6: every output file, with a fingerprint of what it is made from (after the
    /// search index's pages, when `indexForSearch` ran first: they stay last).
    mutating func plan() async {
        let searchPages = pages
        pages = await plannedPages() + searchPages
        trimPages()
    }

    /// Phase 6 at once, for a site small enough to hold the plan while the index is made
    /// (`BuildOptions.largeSiteBriefs`): the plan, whose serial parts would leave a core idle,
    /// is made beside the search index.
    mutating func indexAndPlan() async {
        async let planned = plannedPages()
        let index = await searchIndex()
        pages = await planned
        if let index { take(index) }
        trimPages()
    }

    /// Every output file but the search index's, with a fingerprint of what it is made from.
    func plannedPages() async -> [Page] {
        let build = self
        let fingerprints = await ParallelMap.map(site.articles) {
            (build.articleFingerprint($0), build.cardFingerprint($0))
        }
        var pages = PagePlanner(
            site: site, siteFingerprint: siteFingerprint, contentFingerprint: contentFingerprint,
            articleFingerprints: fingerprints.map(\.0),
            cardFingerprints: fingerprints.map(\.1),
            pageFingerprints: standalonePages.map(pageFingerprint)
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
        return pages
    }

    /// Lets the page list's spare capacity go: it is held to the end of the build, and a list
    /// grown by appending can be twice its size (15 MB at 100,000 briefs).
    mutating func trimPages() {
        guard pages.capacity > pages.count + pages.count / 64 else { return }
        var trimmed: [Page] = []
        trimmed.reserveCapacity(pages.count)
        trimmed.append(contentsOf: pages)
        pages = trimmed
    }

    /// Fails when a page needed a body from the cache that could not be read again: reported at
    /// the brief's path, before anything is swapped in.
    func checkBodies() throws(BuildFailure) {
        let problems = bodies?.problems ?? []
        guard !problems.isEmpty else { return }
        throw BuildFailure(
            errors: problems, warnings: [])
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
        article.fields.combineCard(into: &fingerprint)
        return fingerprint
    }

    func pageFingerprint(_ page: StandalonePage) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine(page.sourcePath)
        fingerprint.combine(page.title)
        for section in page.sections { fingerprint.combine(section.html) }
        return fingerprint
    }

    /// The summary of a finished build.
    func report(filesWritten: Int, timings: [(stage: String, seconds: Double)]) -> BuildReport {
        var report = BuildReport(
            briefCount: site.articles.count, tagCount: site.tags.count,
            pageCount: pages.count { $0.isHTML },
            fileCount: pages.count + staticFiles.count + 1, heldBack: heldBack.count,
            nextRelease: heldBack.map(\.date).min(), draftsSkipped: draftsSkipped,
            filesWritten: filesWritten, isUpToDate: false, warnings: warnings, timings: timings)
        report.briefsParsed = freshWarnings.count
        return report
    }

    /// Every file of the new site with the fingerprint of what it is made from: pages (by
    /// their index in `pages`), then the static files (by their stamp).
    func outputItems() -> [OutputWriter.Item] {
        var items = pages.indices.map {
            OutputWriter.Item(
                file: pages[$0].file, fingerprint: pages[$0].fingerprint, page: $0, copyFrom: nil)
        }
        items.reserveCapacity(pages.count + staticFiles.count)
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
}
