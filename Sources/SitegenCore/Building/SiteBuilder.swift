import Foundation
import Synchronization

/// Runs the whole pipeline, from a site folder to a written `public/`.
///
/// 1. **load**: `ContentLoader` lists the inputs and reads those that changed since the cached
///    build (all of them without a cache).
/// 2. **parse**: `ContentParser` checks front matter into `ParsedBrief`/`ParsedPage` (in parallel).
/// 3. **render markdown**: `Markdown` turns body sections into HTML (in parallel).
/// 4. **assemble**: drafts and future briefs are set aside, slugs checked, tags gathered.
/// 5. **plan**: `PagePlanner` lists every output file with a fingerprint of its inputs.
/// 6. **render**: `PageRenderer` renders each page whose fingerprint changed (in parallel),
/// 7. **write**: … and `OutputWriter` writes it at once into a temporary folder, which is swapped
///    in for the output folder when complete. Unchanged pages are hard-linked from the last build.
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
        let writer = OutputWriter(output: options.output, fileSystem: fileSystem)
        if let problem = writer.checkOwnership() {
            throw BuildFailure(errors: [problem], warnings: [])
        }
        let store = options.cacheDirectory.map { CacheStore(directory: $0, fileSystem: fileSystem) }
        let header = store?.loadHeader()
        var diagnostics = Diagnostics()
        let scan = self.scan(diagnostics: &diagnostics)
        clock.lap("scan")
        if let header,
            diagnostics.items.isEmpty, header.siteFingerprint == scan.siteFingerprint,
            header.output == writer.output, header.inputs == scan.inputsFingerprint,
            scan.allSettled(header.isSettled),
            header.nextRelease.map({ options.now < $0 }) ?? true,
            fileSystem.kind(writer.output + "/" + OutputWriter.marker) == .file
        {
            // Nothing that any page depends on has changed: write nothing.
            if options.isStrict, !header.warnings.isEmpty {
                throw BuildFailure(errors: header.warnings.map(\.asError), warnings: [])
            }
            clock.lap("check")
            return BuildReport(
                briefCount: header.summary.briefs, tagCount: header.summary.tags,
                pageCount: header.summary.pages,
                fileCount: header.summary.files, heldBack: header.summary.heldBack,
                nextRelease: header.nextRelease.map { Timestamp(seconds: $0, offset: 0) },
                draftsSkipped: header.summary.drafts, filesWritten: 0, isUpToDate: true,
                warnings: header.warnings, timings: clock.timings)
        }
        var cache = header == nil ? nil : store?.loadIndex()
        if cache != nil { clock.lap("read cache index") }
        if let index = cache, let store, diagnostics.items.isEmpty, index.output == writer.output,
            fileSystem.kind(writer.output + "/" + OutputWriter.marker) == .file,
            let (files, next) = BodyPatch(builder: self, index: index, scan: scan).plan()
        {
            // Only bodies changed: redo the files that show them.
            clock.lap("patch")
            var saved = next
            if !files.isEmpty {
                store.invalidate()
                guard let table = try writer.patch(files, table: index.files) else {
                    // No kept folder to work in (it was removed): build the usual way.
                    cache?.entries = store.loadEntries(for: index.siteFingerprint)
                    return try await fullBuild(
                        scan: scan, cache: cache, diagnostics: diagnostics, writer: writer,
                        store: store, clock: &clock)
                }
                saved.files = table
                clock.lap("write")
            }
            store.saveIndex(saved)
            clock.lap("save cache")
            let summary = index.summary
            var report = BuildReport(
                briefCount: summary.briefs, tagCount: summary.tags, pageCount: summary.pages,
                fileCount: summary.files, heldBack: summary.heldBack,
                nextRelease: index.nextRelease.map { Timestamp(seconds: $0, offset: 0) },
                draftsSkipped: summary.drafts, filesWritten: files.count,
                isUpToDate: files.isEmpty, warnings: index.warnings, timings: clock.timings)
            report.isBodyPatch = true
            return report
        }
        if let index = cache, let store {
            cache?.entries = store.loadEntries(for: index.siteFingerprint)
            clock.lap("read cache")
        }
        return try await fullBuild(
            scan: scan, cache: cache, diagnostics: diagnostics, writer: writer, store: store,
            clock: &clock)
    }

    /// Every stage, with the cache (when there is one) saving the work on unchanged briefs and
    /// pages.
    private func fullBuild(
        scan: Scan, cache: BuildCache?, diagnostics: Diagnostics, writer: OutputWriter,
        store: CacheStore?, clock: inout StageClock
    ) async throws(BuildFailure) -> BuildReport {
        var prepared = try await prepare(
            scan: scan, cache: cache, diagnostics: diagnostics, clock: &clock)
        try await prepared.finish(clock: &clock)
        let items = prepared.outputItems()
        let sameOutput = cache?.output == writer.output
        clock.lap("plan")
        let build = prepared
        store?.invalidate()
        let live = sameOutput ? cache?.manifest ?? [:] : [:]
        // What the cache will hold, made and encoded while the pages are rendered. The
        // manifests are those `update` returns, which depend only on whether there is a live
        // site to keep: checked again below.
        let hasLive = fileSystem.kind(writer.output + "/" + OutputWriter.marker) == .file
        var expected: [String: Fingerprint] = [:]
        expected.reserveCapacity(items.count)
        for item in items { expected[item.file] = item.fingerprint }
        let expectedManifests = OutputWriter.Manifests(
            live: expected, kept: hasLive && !live.isEmpty ? live : nil)
        let summaryReport = prepared.report(filesWritten: 0, timings: [])
        let output = writer.output
        let cacheSaved = store.map { store in
            Task.detached {
                store.saveEntries(build.cacheEntries(), siteFingerprint: build.siteFingerprint)
                return build.cacheRecord(
                    output: output, report: summaryReport, manifests: expectedManifests
                ).encodedIndex()
            }
        }
        let (manifests, written) = try await writer.update(
            items: items, live: live, kept: sameOutput ? cache?.keptManifest : nil,
            renderer: { await build.renderer(for: $0) })
        clock.lap("render and write")
        let report = prepared.report(filesWritten: written, timings: clock.timings)
        if let store, let encoded = await cacheSaved?.value {
            if (manifests.kept == nil) == (expectedManifests.kept == nil) {
                store.saveIndex(encoded: encoded)
            } else {
                store.saveIndex(
                    prepared.cacheRecord(
                        output: writer.output, report: report, manifests: manifests))
            }
            clock.lap("save cache")
        }
        if options.exitsAfterBuild { Unfreed.keep(prepared) }
        return prepared.report(filesWritten: written, timings: clock.timings)
    }

    /// Runs every stage but writing, keeping every file in memory: for `check`, `serve` and tests.
    public func render() async throws(BuildFailure) -> Result {
        var clock = StageClock(log: log)
        var diagnostics = Diagnostics()
        let scan = self.scan(diagnostics: &diagnostics)
        var prepared = try await prepare(
            scan: scan, cache: nil, diagnostics: diagnostics, clock: &clock)
        try await prepared.finish(clock: &clock)
        let renderer = await prepared.renderer(for: prepared.pages)
        clock.lap("plan")
        var files = await ParallelMap.map(prepared.pages) { page in
            var bytes: [UInt8] = []
            renderer.render(page, into: &bytes)
            return RenderedFile(path: page.file, bytes: bytes)
        }
        files.sort { $0.path < $1.path }
        let tooLarge = files.filter { $0.bytes.count > MustacheRenderer.maximumOutputBytes }
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

    /// The site's inputs: every file's stamp, and the small files every page depends on.
    struct Scan {
        let inventory: ContentLoader.Inventory
        let configFile: SourceFile?
        let templateFiles: [SourceFile]
        let pageFiles: [SourceFile]
        /// The briefs' stamps, in the order of `inventory.briefs`.
        let briefStamps: [BuildCache.Stamp?]
        /// The other inputs' stamps, by path.
        let otherStamps: [String: BuildCache.Stamp]
        let siteFingerprint: Fingerprint
        /// When the scan started, in nanoseconds since the epoch.
        let startedAt: Int64

        /// A fingerprint of every input's path and stamp.
        let inputsFingerprint: Fingerprint
        /// The same for every input but the briefs.
        let otherInputsFingerprint: Fingerprint

        /// Every input's stamp by path (made on demand: the quick paths need none).
        var stamps: [String: BuildCache.Stamp] {
            var stamps = otherStamps
            stamps.reserveCapacity(otherStamps.count + briefStamps.count)
            for (path, stamp) in zip(inventory.briefs, briefStamps) {
                if let stamp { stamps[path] = stamp }
            }
            return stamps
        }

        /// Whether every input's stamp is older than `isSettled` needs.
        func allSettled(_ isSettled: (BuildCache.Stamp) -> Bool) -> Bool {
            briefStamps.allSatisfy { $0.map(isSettled) ?? true }
                && otherStamps.values.allSatisfy(isSettled)
        }
    }

    /// Stage 1, first half: list the inputs, stamp them, read the small ones.
    func scan(diagnostics: inout Diagnostics) -> Scan {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let startedAt = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        let loader = ContentLoader(root: options.source, fileSystem: fileSystem)
        let (inventory, listProblems) = loader.inventory()
        diagnostics.add(contentsOf: listProblems)
        var problems: [SitegenError] = []
        func read(_ path: String) -> SourceFile? { loader.read(path, problems: &problems) }
        let configFile = inventory.config.flatMap(read)
        let templateFiles = inventory.templates.compactMap(read)
        let pageFiles = inventory.pages.compactMap(read)
        diagnostics.add(contentsOf: problems)
        // Every input in a fixed order (each list is sorted): briefs, then all the others.
        let others =
            inventory.pages + inventory.templates + (inventory.config.map { [$0] } ?? [])
            + inventory.staticFiles.map { "templates/static/" + $0 }
        var briefStamps = inventory.briefStamps
        var inputs = Fingerprint()
        for (position, path) in inventory.briefs.enumerated() {
            if briefStamps[position] == nil { briefStamps[position] = loader.stamp(path) }
            Self.combine(path, briefStamps[position], into: &inputs)
        }
        var stamps = inventory.stamps
        var otherInputs = Fingerprint()
        for path in others {
            if stamps[path] == nil { stamps[path] = loader.stamp(path) }
            Self.combine(path, stamps[path], into: &otherInputs)
        }
        inputs.combine(otherInputs)
        return Scan(
            inventory: inventory, configFile: configFile, templateFiles: templateFiles,
            pageFiles: pageFiles, briefStamps: briefStamps, otherStamps: stamps,
            siteFingerprint: Self.siteFingerprint(
                config: configFile, templates: templateFiles, pages: pageFiles,
                staticFiles: inventory.staticFiles, options: options),
            startedAt: startedAt, inputsFingerprint: inputs, otherInputsFingerprint: otherInputs)
    }

    private static func combine(
        _ path: String, _ stamp: BuildCache.Stamp?, into fingerprint: inout Fingerprint
    ) {
        fingerprint.combine(path)
        fingerprint.combine(stamp?.size ?? -1)
        fingerprint.combine(stamp?.modified ?? -1)
    }

    /// Stage 1, second half, and stage 2: read the briefs that changed, parse, check. Stops on errors.
    func prepare(scan: Scan, cache: BuildCache?, diagnostics: Diagnostics, clock: inout StageClock)
        async throws(BuildFailure) -> PreparedBuild
    {
        var diagnostics = diagnostics
        let loader = ContentLoader(root: options.source, fileSystem: fileSystem)
        let usable = cache?.siteFingerprint == scan.siteFingerprint ? cache : nil
        var cached: [BuildCache.Entry] = []
        var toRead: [String] = []
        var toVerify: [(path: String, entry: BuildCache.Entry)] = []
        let stamps = scan.stamps
        for path in scan.inventory.briefs {
            if let cache = usable, let entry = cache.entries[path], entry.stamp == stamps[path] {
                if cache.isSettled(entry.stamp) {
                    cached.append(entry)
                } else {
                    toVerify.append((path, entry))
                }
            } else {
                toRead.append(path)
            }
        }
        // A file changed just before the last build may have changed again since without its
        // stamp showing it: compare its content instead.
        let verified = await ParallelMap.map(toVerify) {
            item -> (BuildCache.Entry?, Swift.Result<SourceFile?, SitegenError>) in
            let result = loader.read(item.path)
            if case .success(let file?) = result,
                Fingerprint.ofContents(file.bytes) == item.entry.contentHash
            {
                return (item.entry, result)
            }
            return (nil, result)
        }
        var stale: [SourceFile] = []
        for (entry, result) in verified where entry == nil {
            switch result {
            case .success(let file?): stale.append(file)
            case .success(nil): break
            case .failure(let problem): diagnostics.add(problem)
            }
        }
        cached += verified.compactMap { $0.0 }
        clock.lap("load")

        let (config, configProblems) = SiteConfigLoader.load(
            scan.configFile, baseURLOverride: options.baseURL)
        diagnostics.add(contentsOf: configProblems)
        // Each file is read, hashed and parsed in one task, so no more than a few files' bytes
        // are held at once.
        @Sendable func parse(_ file: SourceFile) -> (
            parsed: (content: ParsedContent?, problems: [SitegenError]), hash: (String, UInt64)
        ) {
            (
                ContentParser.parse(file, isPage: false, config: config),
                (file.path, Fingerprint.ofContents(file.bytes))
            )
        }
        let readAndParsed = await ParallelMap.map(toRead) {
            path
                -> Swift.Result<
                    (
                        parsed: (content: ParsedContent?, problems: [SitegenError]),
                        hash: (String, UInt64)
                    )?, SitegenError
                > in
            loader.read(path).map { $0.map(parse) }
        }
        var parsedBriefs = stale.map(parse).map(\.parsed)
        var contentHashes = stale.map { ($0.path, Fingerprint.ofContents($0.bytes)) }
        for result in readAndParsed {
            switch result {
            case .success(let item?):
                parsedBriefs.append(item.parsed)
                contentHashes.append(item.hash)
            case .success(nil): break
            case .failure(let problem): diagnostics.add(problem)
            }
        }
        let parsedPages = scan.pageFiles.map {
            ContentParser.parse($0, isPage: true, config: config)
        }
        var fresh: [ParsedBrief] = []
        var pages: [ParsedPage] = []
        var freshWarnings: [String: [SitegenError]] = [:]
        for parsed in parsedBriefs + parsedPages {
            diagnostics.add(contentsOf: parsed.problems)
            switch parsed.content {
            case .brief(let brief)?:
                fresh.append(brief)
                freshWarnings[brief.sourcePath] = parsed.problems
            case .page(let page)?: pages.append(page)
            case nil: break
            }
        }
        for entry in cached { diagnostics.add(contentsOf: entry.warnings) }
        var templates: Templates?
        do {
            templates = try Templates(files: scan.templateFiles)
        } catch {
            diagnostics.add(contentsOf: error.errors)
        }
        clock.lap("parse")

        let now = Timestamp(seconds: options.now, offset: 0).shown(in: config.timeZone)
        let selection = select(
            briefs: fresh + cached.map(\.brief), pages: pages, now: now,
            staticFiles: scan.inventory.staticFiles, diagnostics: &diagnostics)
        try diagnostics.check(strict: options.isStrict)
        guard let templates else {
            throw BuildFailure(errors: diagnostics.errors, warnings: diagnostics.warnings)
        }
        var cachedSections: [String: BuildCache.Entry] = [:]
        for entry in cached { cachedSections[entry.brief.sourcePath] = entry }
        return PreparedBuild(
            options: options, fileSystem: fileSystem, config: config, now: now,
            templates: templates, selection: selection,
            cached: cachedSections, freshWarnings: freshWarnings, stamps: stamps,
            inputsFingerprint: scan.inputsFingerprint,
            otherInputsFingerprint: scan.otherInputsFingerprint,
            contentHashes: Dictionary(
                contentHashes + cached.map { ($0.brief.sourcePath, $0.contentHash) },
                uniquingKeysWith: { a, _ in a }),
            startedAt: scan.startedAt,
            siteFingerprint: scan.siteFingerprint,
            staticFiles: scan.inventory.staticFiles.map {
                (from: options.source + "/templates/static/" + $0, to: $0)
            },
            usesBuiltInStatic: scan.inventory.staticFiles.isEmpty, warnings: diagnostics.warnings)
    }

    /// A hash of everything every page depends on: sitegen's version, `site.yml`, the templates,
    /// the standalone pages (their titles are in every page's navigation), the static files'
    /// names and the options that change output.
    static func siteFingerprint(
        config: SourceFile?, templates: [SourceFile], pages: [SourceFile], staticFiles: [String],
        options: BuildOptions
    ) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine(SitegenVersion.current)
        fingerprint.combine(bytes: config?.bytes ?? [])
        for file in templates + pages {
            fingerprint.combine(file.path)
            fingerprint.combine(bytes: file.bytes)
        }
        for path in staticFiles { fingerprint.combine(path) }
        fingerprint.combine(options.baseURL ?? "")
        fingerprint.combine(options.includeDrafts ? "drafts" : "")
        fingerprint.combine(options.includeFuture ? "future" : "")
        return fingerprint
    }

    struct Selection: Sendable {
        var briefs: [ParsedBrief] = []
        var pages: [ParsedPage] = []
        var heldBack: [ParsedBrief] = []
        /// Drafts left out (kept for the cache, so they are not parsed again).
        var drafts: [ParsedBrief] = []
        var draftsSkipped: Int { drafts.count }
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
            } else if brief.date.seconds > now.seconds && !options.includeFuture {
                selection.heldBack.append(brief)
            } else {
                selection.briefs.append(brief)
            }
        }
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

    /// Orders briefs (date descending, then slug) and gathers tags, each with its briefs.
    ///
    /// Spellings that share a slug (`生成AI`, `生成ai`) are one tag, shown everywhere with its most
    /// used spelling (the newest brief's on a tie).
    static func assemble(
        config: SiteConfig, articles: [Article], pages: [StandalonePage], now: Timestamp
    ) -> Site {
        let sorted = articles.sorted(by: Article.isListedBefore)
        // One pass over every brief's tags, each looked up once: tags by slug, with each
        // spelling's count and first appearance, and each brief's tags as indices.
        var slugIndex: [String: Int] = [:]
        var slugs: [String] = []
        var spellings: [[(name: String, count: Int, firstSeen: Int)]] = []
        var tagIndices: [[Int]] = []
        tagIndices.reserveCapacity(sorted.count)
        var seen = 0
        for article in sorted {
            var indices: [Int] = []
            indices.reserveCapacity(article.tags.count)
            for tag in article.tags {
                let index: Int
                if let known = slugIndex[tag.slug] {
                    index = known
                } else {
                    index = slugs.count
                    slugIndex[tag.slug] = index
                    slugs.append(tag.slug)
                    spellings.append([])
                }
                if let spelling = spellings[index].firstIndex(where: { $0.name == tag.name }) {
                    spellings[index][spelling].count += 1
                } else {
                    spellings[index].append((tag.name, 1, seen))
                }
                indices.append(index)
                seen += 1
            }
            tagIndices.append(indices)
        }
        let canonical = spellings.indices.map { index -> Tag in
            let best = spellings[index].min { a, b in
                a.count != b.count ? a.count > b.count : a.firstSeen < b.firstSeen
            }
            return Tag(name: best?.name ?? "", slug: slugs[index])
        }
        var tagged = [[Article]](repeating: [], count: slugs.count)
        var ordered: [Article] = []
        ordered.reserveCapacity(sorted.count)
        for (article, indices) in zip(sorted, tagIndices) {
            let shown =
                zip(article.tags, indices).allSatisfy { $0.name == canonical[$1].name }
                ? article : article.with(tags: indices.map { canonical[$0] })
            ordered.append(shown)
            for index in indices { tagged[index].append(shown) }
        }
        let tags = slugs.indices.sorted { slugs[$0] < slugs[$1] }.map { index in
            Site.TagListing(tag: canonical[index], articles: tagged[index])
        }
        return Site(config: config, articles: ordered, tags: tags, pages: pages, now: now)
    }

    static func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }
}

/// Times stages: wall time and the process's CPU time, logged as each stage ends.
struct StageClock {
    let log: @Sendable (String) -> Void
    private(set) var timings: [(stage: String, seconds: Double)] = []
    private var wall = Date()
    private var cpu = StageClock.cpuSeconds()

    init(log: @escaping @Sendable (String) -> Void) { self.log = log }

    mutating func lap(_ stage: String) {
        let seconds = Date().timeIntervalSince(wall)
        let cpuSeconds = Self.cpuSeconds() - cpu
        timings.append((stage, seconds))
        log("\(stage): \(SiteBuilder.format(seconds)) (cpu \(SiteBuilder.format(cpuSeconds)))")
        wall = Date()
        cpu = Self.cpuSeconds()
    }

    /// CPU time used by the process so far, all threads: a steadier measure than wall time on a
    /// busy machine.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// What a build for a process about to exit keeps instead of freeing (`BuildOptions.exitsAfterBuild`).
enum Unfreed {
    private static let values = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) { values.withLock { $0.append(value) } }
}
