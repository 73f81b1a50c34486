import SitegenBase

/// Runs the whole pipeline, from a site folder to a written `public/`.
///
/// `build()` is the list of phases, in order, each timed and logged as it ends (`--timings`):
///
/// 1. **scan**: list the inputs and stamp them (`Scan`). With a cache, two quick exits follow:
///    nothing changed (write nothing), or only bodies changed (`BodyPatch`).
/// 2. **load**: take unchanged briefs from the cache, find those to read (`SiteBuilder+Load`).
/// 3. **parse**: read and check the rest into `ParsedBrief`/`ParsedPage` (in parallel), load
///    `site.yml` and the templates, set drafts and future briefs aside (`Selection`).
/// 4. **markdown**: render the bodies of the briefs that were parsed (in parallel), beside
///    phases 5 and 6 (which read no body); the build waits for it before reading any body.
/// 5. **assemble**: order briefs and gather tags into a `Site` (`SiteAssembler`).
/// 6. **search index** (when on; after the markdown), then **plan**: list every output file
///    with a fingerprint of its inputs (`PagePlanner`). On a site of at most
///    `BuildOptions.largeSiteBriefs` briefs the plan is made beside the index.
/// 7. **render and write**: render each page whose fingerprint changed (`PageRenderer`) and write
///    it into a folder that is swapped in for the output when complete (`OutputWriter`). With a
///    cache, the feeds' entries are brought up to date in the `FeedEntryStore` beside the first
///    pages, and the feeds render from it.
/// 8. **save cache**: what the next build needs (`BuildCache`).
///
/// A build with a cache and one without run the same phases; the cache only means fewer briefs
/// to read, parse and render. Every problem found up to a phase boundary is reported together;
/// nothing is written unless the whole build succeeds.
public struct SiteBuilder: Sendable {
    /// What to build.
    public let options: BuildOptions
    /// How to reach the disk.
    public let fileSystem: FileSystem
    /// Receives one line per stage (`parse: 0.41 s`), for `--timings` and progress.
    public let log: @Sendable (String) -> Void

    /// Creates a builder.
    public init(
        options: BuildOptions, fileSystem: FileSystem = .disk,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
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

    /// Builds the site and writes it to the output folder.
    /// - Throws: `BuildFailure` with every problem found.
    public func build() async throws(BuildFailure) -> BuildReport {
        var clock = StageClock(log: log)
        let lock = try lockSite()
        defer { if let lock { Platform.close(lock) } }
        let output = resolvedOutput()
        if let problem = checkOutsideSources(output) {
            throw BuildFailure(errors: [problem], warnings: [])
        }
        let writer = OutputWriter(output: output, fileSystem: fileSystem)
        if let problem = writer.checkOwnership() {
            throw BuildFailure(errors: [problem], warnings: [])
        }
        let store = options.cacheDirectory.map { CacheStore(directory: $0, fileSystem: fileSystem) }
        var diagnostics = Diagnostics()
        // 1. scan
        let scan = self.scan(diagnostics: &diagnostics)
        clock.lap("scan")
        var incremental = IncrementalBuild(
            builder: self, scan: scan, store: store, writer: writer, diagnostics: diagnostics)
        if let report = try incremental.upToDate(clock: &clock) { return report }
        if let report = try await incremental.patchBodies(clock: &clock) { return report }
        let cache = incremental.fullCache(clock: &clock)
        // 2-6. load, parse, markdown, assemble, plan
        let prepared = try await runPhases(
            scan: scan, cache: cache, diagnostics: diagnostics, clock: &clock)
        // 7-8. render and write, save cache
        let report = try await write(
            prepared, cache: cache, writer: writer, store: store, clock: &clock)
        if options.exitsAfterBuild { Unfreed.keep(prepared) }
        return report
    }

    /// Runs every phase but writing, keeping every file in memory: for `check`, `serve` and tests.
    public func render() async throws(BuildFailure) -> Result {
        var clock = StageClock(log: log)
        var diagnostics = Diagnostics()
        let scan = self.scan(diagnostics: &diagnostics)
        let prepared = try await runPhases(
            scan: scan, cache: nil, diagnostics: diagnostics, spooling: false, clock: &clock)
        let renderer = await prepared.renderer(for: prepared.pages)
        var files = await ParallelMap.map(prepared.pages) { page in
            var bytes: [UInt8] = []
            renderer.render(page, into: &bytes)
            return RenderedFile(path: page.file, bytes: bytes)
        }
        try prepared.checkBodies()
        files.sort { $0.path < $1.path }
        let tooLarge = files.filter { $0.bytes.count > Templates.maximumPageBytes }
        if !tooLarge.isEmpty {
            throw BuildFailure(
                errors: tooLarge.map { SitegenError.pageTooLarge($0.path) },
                warnings: prepared.warnings)
        }
        clock.lap("templates")
        return Result(
            site: prepared.site, files: files, staticFiles: prepared.staticFiles,
            pageCount: prepared.pages.count { $0.isHTML },
            heldBack: prepared.heldBack.map { $0.article(sections: []) },
            draftsSkipped: prepared.draftsSkipped,
            warnings: prepared.warnings, timings: clock.timings)
    }

    /// Phases 2 to 6, shared by every build: the same steps whether or not a cache supplies
    /// some briefs. With `spooling` (builds that write a site), rendered bodies wait on disk.
    func runPhases(
        scan: Scan, cache: BuildCache?, diagnostics: Diagnostics, spooling: Bool = true,
        clock: inout StageClock
    ) async throws(BuildFailure) -> PreparedBuild {
        var diagnostics = diagnostics
        let loaded = await load(scan: scan, cache: cache, diagnostics: &diagnostics)
        clock.lap("load")
        var prepared = try await parse(loaded, scan: scan, diagnostics: diagnostics)
        clock.lap("parse")
        // The bodies render on every core while this task assembles and plans, which need
        // only the briefs' metadata: the cores are not left idle through those phases' serial
        // parts. The "markdown" line times the wait for what is left of it. When the pages'
        // shared inputs changed (templates, `site.yml`), every brief page is rendered again, so
        // the cached briefs' bodies are rendered in the same task.
        let rendersEveryPage = cache.map { $0.siteFingerprint != prepared.siteFingerprint } ?? false
        var markdown = Optional(
            prepared.startMarkdown(spooling: spooling, rendersCachedBodies: rendersEveryPage))
        prepared.assemble()
        clock.lap("assemble")
        if prepared.config.isSearchEnabled {
            await markdown?.value
            markdown = nil
            clock.lap("markdown")
            if prepared.site.articles.count <= options.largeSiteBriefs {
                // The plan beside the index (its serial parts leave a core free): the "plan"
                // line shows nothing left once the index is made.
                await prepared.indexAndPlan()
                clock.lap("search index")
                clock.lap("plan")
            } else {
                // The index before the plan: the search index is the largest thing a build
                // makes, and the plan (every page, 25 MB at 100,000 briefs) need not be held
                // while it is made.
                await prepared.indexForSearch()
                clock.lap("search index")
                await prepared.plan()
                clock.lap("plan")
            }
        } else {
            await prepared.plan()
            clock.lap("plan")
            await markdown?.value
            clock.lap("markdown")
        }
        return prepared
    }

    /// Phases 7 and 8: renders the pages whose inputs changed into the output, and saves the
    /// cache (made and encoded while the pages render).
    private func write(
        _ prepared: PreparedBuild, cache: BuildCache?, writer: OutputWriter, store: CacheStore?,
        clock: inout StageClock
    ) async throws(BuildFailure) -> BuildReport {
        let items = prepared.outputItems()
        let sameOutput = cache?.output == writer.output
        store?.invalidate()
        let live = sameOutput ? cache?.manifest ?? [:] : [:]
        // The manifests `update` will return depend only on whether there is a live site to
        // keep: checked again below.
        let hasLive = fileSystem.kind(writer.output + "/" + OutputWriter.marker) == .file
        // Only the cache keeps them: a build without one does not hold a table of every file.
        var expected: [String: Fingerprint] = [:]
        if store != nil {
            expected.reserveCapacity(items.count)
            for item in items { expected[item.file] = item.fingerprint }
        }
        let expectedManifests = OutputWriter.Manifests(
            live: expected, kept: hasLive && !live.isEmpty ? live : nil)
        let summaryReport = prepared.report(filesWritten: 0, timings: [])
        let output = writer.output
        let cacheSaved = store.map { store in
            Task.detached {
                store.saveEntries(
                    prepared.cacheEntries(),
                    parseFingerprint: SiteBuilder.parseFingerprint(
                        config: prepared.config, options: prepared.options))
                if prepared.config.isSearchEnabled {
                    SearchOrder.save(prepared.searchOrder, store: store)
                }
                // Written beside the index now (not held until the output is written).
                return store.prepareIndex(
                    prepared.cacheRecord(
                        output: output, report: summaryReport, manifests: expectedManifests))
            }
        }
        // The feeds' entries, kept for the next build and read from the store where it has
        // them: made and saved beside the listings and brief pages, which show none (feeds are
        // rendered after them, `Page.renderGroup`), so the cores are not left idle through the
        // store's serial parts. Waited for before the build ends, whether or not it succeeds.
        let fileSystem = self.fileSystem
        let storedEntries = options.cacheDirectory.map { directory in
            Task {
                await prepared.saveFeedEntries(
                    in: FeedEntryStore(directory: directory, fileSystem: fileSystem))
            }
        }
        let updated: (manifests: OutputWriter.Manifests, written: Int)
        do {
            updated = try await writer.update(
                items: items, pages: prepared.pages, live: live,
                kept: sameOutput ? cache?.keptManifest : nil,
                separatesBriefPages: prepared.site.articles.count > options.largeSiteBriefs,
                renderer: { members in
                    let showsEntries = members.contains { $0.kind.isFeed }
                    let stored = showsEntries ? await storedEntries?.value : nil
                    return await prepared.renderer(for: members, stored: stored)
                },
                check: { () throws(BuildFailure) in try prepared.checkBodies() })
        } catch {
            _ = await storedEntries?.value
            throw error
        }
        _ = await storedEntries?.value
        let (manifests, written) = updated
        clock.lap("render and write")
        let report = prepared.report(filesWritten: written, timings: clock.timings)
        if let store, let isPrepared = await cacheSaved?.value {
            if isPrepared && (manifests.kept == nil) == (expectedManifests.kept == nil) {
                store.savePreparedIndex()
            } else {
                store.discardPreparedIndex()
                store.saveIndex(
                    prepared.cacheRecord(
                        output: writer.output, report: report, manifests: manifests))
            }
            clock.lap("save cache")
        }
        return prepared.report(filesWritten: written, timings: clock.timings)
    }
}
