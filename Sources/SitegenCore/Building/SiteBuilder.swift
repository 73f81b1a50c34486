import Foundation

/// Runs the whole pipeline, from a site folder to a written `public/`.
///
/// 1. **load**: `ContentLoader` reads `site.yml`, `content/` and `templates/`.
/// 2. **parse**: `ContentParser` checks front matter into `ParsedBrief`/`ParsedPage` (in parallel).
/// 3. **render markdown**: `Markdown` turns body sections into HTML (in parallel).
/// 4. **assemble**: drafts and future briefs are set aside, slugs checked, tags gathered.
/// 5. **plan**: `PagePlanner` lists every page; `FeedWriter` and `SitemapWriter` add the rest.
/// 6. **render templates**: `Templates` turns each page into HTML (in parallel).
/// 7. **write**: `OutputWriter` writes a temporary folder and swaps it in.
///
/// Every problem found up to a stage boundary is reported together; nothing is written unless the
/// whole build succeeds.
public struct SiteBuilder: Sendable {
    /// What to build.
    public let options: BuildOptions
    /// How to reach the disk.
    public let fileSystem: FileSystem
    /// Receives one line per stage (`parse: 0.41 s`), for `--timings` and progress.
    public let log: @Sendable (String) -> Void

    /// Creates a builder.
    public init(options: BuildOptions, fileSystem: FileSystem = .disk, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.fileSystem = fileSystem
        self.log = log
    }

    /// The site, checked and rendered to files, without writing anything.
    public struct Result: Sendable {
        public let site: Site
        public let files: [RenderedFile]
        public let staticFiles: [(from: String, to: String)]
        public let pageCount: Int
        public let heldBack: [Article]
        public let draftsSkipped: Int
        public let warnings: [SitegenError]
        public let timings: [(stage: String, seconds: Double)]
    }

    /// Builds and writes the site.
    /// - Throws: `BuildFailure` with every problem found.
    public func build() async throws(BuildFailure) -> BuildReport {
        let result = try await render()
        let started = Date()
        // Check ownership before anything else is done with the folder.
        let writer = OutputWriter(output: options.output, fileSystem: fileSystem)
        try writer.write(files: result.files, staticFiles: result.staticFiles)
        let writeSeconds = Date().timeIntervalSince(started)
        log("write: \(Self.format(writeSeconds))")
        let next = result.heldBack.map(\.date).min()
        return BuildReport(
            briefCount: result.site.articles.count, tagCount: result.site.tags.count,
            pageCount: result.pageCount, fileCount: result.files.count + result.staticFiles.count + 1,
            heldBack: result.heldBack.count, nextRelease: next, draftsSkipped: result.draftsSkipped,
            warnings: result.warnings, timings: result.timings + [("write", writeSeconds)])
    }

    /// Runs stages 1–6: everything but writing. `check` and the tests use it directly.
    public func render() async throws(BuildFailure) -> Result {
        var diagnostics = Diagnostics()
        var timings: [(String, Double)] = []
        var clock = Date()
        var cpuClock = Self.cpuSeconds()
        func lap(_ stage: String) {
            let seconds = Date().timeIntervalSince(clock)
            let cpu = Self.cpuSeconds() - cpuClock
            timings.append((stage, seconds))
            log("\(stage): \(Self.format(seconds)) (cpu \(Self.format(cpu)))")
            clock = Date()
            cpuClock = Self.cpuSeconds()
        }

        // 1. load
        if let problem = OutputWriter(output: options.output, fileSystem: fileSystem).checkOwnership() {
            diagnostics.add(problem)
        }
        let loaded = ContentLoader(root: options.source, fileSystem: fileSystem).load()
        diagnostics.add(contentsOf: loaded.problems)
        let sources = loaded.sources
        lap("load")

        // 2. parse
        let (config, configProblems) = SiteConfigLoader.load(sources.config, baseURLOverride: options.baseURL)
        diagnostics.add(contentsOf: configProblems)
        let parsedBriefs = await ParallelMap.map(sources.briefs) { ContentParser.parse($0, isPage: false, config: config) }
        let parsedPages = await ParallelMap.map(sources.pages) { ContentParser.parse($0, isPage: true, config: config) }
        var briefs: [ParsedBrief] = []
        var pages: [ParsedPage] = []
        for parsed in parsedBriefs + parsedPages {
            diagnostics.add(contentsOf: parsed.problems)
            switch parsed.content {
            case .brief(let brief)?: briefs.append(brief)
            case .page(let page)?: pages.append(page)
            case nil: break
            }
        }
        var templates: Templates?
        do {
            templates = try Templates(files: sources.templates)
        } catch {
            diagnostics.add(contentsOf: error.errors)
        }
        lap("parse")

        // 4 (checks first, so that nothing is rendered for a site that cannot be built).
        let now = Timestamp(seconds: options.now, offset: 0).shown(in: config.timeZone)
        let selection = select(briefs: briefs, pages: pages, now: now, staticFiles: sources.staticFiles, diagnostics: &diagnostics)
        try diagnostics.check(strict: options.isStrict)
        guard let templates else { throw BuildFailure(errors: diagnostics.errors, warnings: diagnostics.warnings) }

        // 3. render markdown
        let markdown = Markdown(basePath: config.baseURL.path)
        let articles = await ParallelMap.map(selection.briefs) { brief in
            brief.article(sections: brief.sections.map { Section(language: $0.language, html: markdown.html($0.markdown)) })
        }
        let standalone = selection.pages.map { page in
            page.page(sections: page.sections.map { Section(language: $0.language, html: markdown.html($0.markdown)) })
        }
        let heldBack = await ParallelMap.map(selection.heldBack) { brief in brief.article(sections: []) }
        lap("markdown")

        // 4. assemble
        let site = Self.assemble(config: config, articles: articles, pages: standalone, now: now)
        lap("assemble")

        // 5. plan
        let planned = PagePlanner(site: site).plan()
        var files = await FeedWriter(site: site).files()
        files.append(SitemapWriter.sitemap(pages: planned, base: config.baseURL))
        files.append(SitemapWriter.robots(base: config.baseURL))
        lap("plan")

        // 6. render templates
        let pagesHTML = await ParallelMap.map(planned) { page in
            var bytes: [UInt8] = []
            templates.render(page.template, context: page.context, into: &bytes)
            return RenderedFile(path: Permalinks.file(for: page.sitePath), bytes: bytes)
        }
        files += pagesHTML
        files.sort { $0.path < $1.path }
        lap("templates")

        let staticFiles = sources.staticFiles.map { (from: options.source + "/templates/static/" + $0, to: $0) }
        if sources.staticFiles.isEmpty {
            // A site without templates/static/ gets the built-in theme's stylesheet and icon.
            files += DefaultTheme.staticFiles.map { RenderedFile(path: $0.key, text: $0.value) }
            files.sort { $0.path < $1.path }
        }
        return Result(
            site: site, files: files, staticFiles: staticFiles, pageCount: planned.count,
            heldBack: heldBack, draftsSkipped: selection.draftsSkipped, warnings: diagnostics.warnings,
            timings: timings)
    }

    struct Selection {
        var briefs: [ParsedBrief] = []
        var pages: [ParsedPage] = []
        var heldBack: [ParsedBrief] = []
        var draftsSkipped = 0
    }

    /// Sets drafts and future briefs aside and reports slug collisions.
    func select(briefs: [ParsedBrief], pages: [ParsedPage], now: Timestamp, staticFiles: [String], diagnostics: inout Diagnostics) -> Selection {
        var selection = Selection()
        var bySlug: [String: ParsedBrief] = [:]
        for brief in briefs.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            if let first = bySlug[brief.slug] {
                diagnostics.add(SitegenError(
                    .duplicate, "duplicate slug '\(brief.slug)': \(first.sourcePath) has it too",
                    at: SourceLocation(path: brief.sourcePath, line: brief.slugLine),
                    hint: "give one of them another 'slug:' or file name"))
                continue
            }
            bySlug[brief.slug] = brief
            if brief.isDraft && !options.includeDrafts {
                selection.draftsSkipped += 1
            } else if brief.date.seconds > now.seconds && !options.includeFuture {
                selection.heldBack.append(brief)
            } else {
                selection.briefs.append(brief)
            }
        }
        let staticRoots = Set(staticFiles.compactMap { $0.split(separator: "/").first.map(String.init) })
        var pageSlugs: [String: String] = [:]
        for page in pages.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            let at = SourceLocation(path: page.sourcePath, line: page.slugLine)
            if let first = pageSlugs[page.slug] {
                diagnostics.add(SitegenError(.duplicate, "duplicate slug '\(page.slug)': \(first) has it too", at: at))
                continue
            }
            if Permalinks.reservedSegments.contains(page.slug.lowercased()) || staticRoots.contains(page.slug) {
                diagnostics.add(SitegenError(.duplicate, "page slug '\(page.slug)' is taken by a page sitegen generates", at: at,
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

    /// Orders briefs (date descending, then slug) and gathers tags, each with its briefs.
    ///
    /// Spellings that share a slug (`生成AI`, `生成ai`) are one tag, shown everywhere with its most
    /// used spelling (the newest brief's on a tie).
    static func assemble(config: SiteConfig, articles: [Article], pages: [StandalonePage], now: Timestamp) -> Site {
        let sorted = articles.sorted(by: Article.isListedBefore)
        var spellings: [String: [String: (count: Int, firstSeen: Int)]] = [:]
        var seen = 0
        for article in sorted {
            for tag in article.tags {
                let previous = spellings[tag.slug, default: [:]][tag.name]
                spellings[tag.slug, default: [:]][tag.name] = ((previous?.count ?? 0) + 1, previous?.firstSeen ?? seen)
                seen += 1
            }
        }
        var canonical: [String: Tag] = [:]
        for (slug, names) in spellings {
            let best = names.min { a, b in
                a.value.count != b.value.count ? a.value.count > b.value.count : a.value.firstSeen < b.value.firstSeen
            }
            if let best { canonical[slug] = Tag(name: best.key, slug: slug) }
        }
        let ordered = sorted.map { article in
            article.tags.allSatisfy({ canonical[$0.slug]?.name == $0.name })
                ? article : article.with(tags: article.tags.map { canonical[$0.slug] ?? $0 })
        }
        var tagged: [String: [Article]] = [:]
        for article in ordered {
            for tag in article.tags { tagged[tag.slug, default: []].append(article) }
        }
        let tags = tagged.keys.sorted().compactMap { slug -> Site.TagListing? in
            guard let tag = canonical[slug], let list = tagged[slug] else { return nil }
            return Site.TagListing(tag: tag, articles: list)
        }
        return Site(config: config, articles: ordered, tags: tags, pages: pages, now: now)
    }

    /// CPU time used by the process so far, all threads: a steadier measure than wall time on a
    /// busy machine.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }
}
