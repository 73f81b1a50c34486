import SitegenBase

/// Phases 2 and 3: which briefs the cache can stand in for, then reading and checking the rest.
extension SiteBuilder {
    /// What the load phase found: briefs taken from the cache, and files still to read.
    struct Loaded {
        /// Briefs whose files are unchanged since the cache was written.
        var cached: [BuildCache.Entry] = []
        /// Briefs to read and parse, by path.
        var toRead: [String] = []
        /// Briefs whose stamps looked unchanged but whose contents did not: already read.
        var stale: [SourceFile] = []
        /// Every input's stamp, by path.
        var stamps: [String: BuildCache.Stamp] = [:]
    }

    /// Phase 2: sorts the briefs into those the cache has (unchanged) and those to read.
    func load(scan: Scan, cache: BuildCache?, diagnostics: inout Diagnostics) async -> Loaded {
        let loader = ContentLoader(root: options.source, fileSystem: fileSystem)
        // The cache's briefs were read only if they were parsed with this build's settings
        // (`IncrementalBuild.fullCache`): a change to the templates alone keeps them.
        let usable = cache
        // The briefs' stamps serve the cache (which briefs it can stand in for, and the next
        // build's records): a build without one keeps only the other inputs' (8 MB fewer at
        // 100,000 briefs).
        var loaded = Loaded(
            stamps: cache == nil && options.cacheDirectory == nil ? scan.otherStamps : scan.stamps)
        var toVerify: [(path: String, entry: BuildCache.Entry)] = []
        for path in scan.inventory.briefs {
            if let cache = usable, let entry = cache.entries[path],
                entry.stamp == loaded.stamps[path]
            {
                if cache.isSettled(entry.stamp) {
                    loaded.cached.append(entry)
                } else {
                    toVerify.append((path, entry))
                }
            } else {
                loaded.toRead.append(path)
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
        for (entry, result) in verified where entry == nil {
            switch result {
            case .success(let file?): loaded.stale.append(file)
            case .success(nil): break
            case .failure(let problem): diagnostics.add(problem)
            }
        }
        loaded.cached += verified.compactMap { $0.0 }
        return loaded
    }

    /// Phase 3: reads and parses the briefs that changed, the pages, `site.yml` and the
    /// templates, and selects what is published. Stops on errors.
    func parse(_ loaded: Loaded, scan: Scan, diagnostics: Diagnostics)
        async throws(BuildFailure) -> PreparedBuild
    {
        var diagnostics = diagnostics
        let loader = ContentLoader(root: options.source, fileSystem: fileSystem)
        let (config, configProblems) = SiteConfigLoader.load(
            scan.configFile, baseURLOverride: options.baseURL)
        diagnostics.add(contentsOf: configProblems)
        let (registry, registryProblems) = TagRegistryLoader.load(scan.registryFile)
        diagnostics.add(contentsOf: registryProblems)
        typealias Parsed = (content: ParsedContent?, problems: [SitegenError])
        // Each file is read, hashed and parsed in one task, so no more than a few files' bytes
        // are held at once.
        // A large site's Markdown is let go once parsed (`BuildOptions.largeSiteBriefs`).
        let dropsMarkdown = loaded.toRead.count + loaded.stale.count > options.largeSiteBriefs
        @Sendable func parse(_ file: SourceFile) -> (parsed: Parsed, hash: (String, UInt64)) {
            var parsed = ContentParser.parse(
                file, isPage: false, config: config,
                skipsBrokenDrafts: !options.includeDrafts && !options.checksDrafts)
            if dropsMarkdown, case .brief(let brief)? = parsed.content {
                parsed.content = .brief(brief.withoutMarkdown)
            }
            return (parsed, (file.path, Fingerprint.ofContents(file.bytes)))
        }
        let readAndParsed = await ParallelMap.map(loaded.toRead) {
            path -> Swift.Result<(parsed: Parsed, hash: (String, UInt64))?, SitegenError> in
            loader.read(path).map { $0.map(parse) }
        }
        var parsedBriefs = loaded.stale.map(parse).map(\.parsed)
        var contentHashes = loaded.stale.map { ($0.path, Fingerprint.ofContents($0.bytes)) }
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
        let cached = loaded.cached
        for entry in cached { diagnostics.add(contentsOf: entry.warnings) }
        var templates: Templates?
        do {
            templates = try Templates(files: scan.templateFiles)
        } catch {
            diagnostics.add(contentsOf: error.errors)
        }
        let now = Timestamp(seconds: options.now, offset: 0).shown(in: config.timeZone)
        var selection = select(
            briefs: fresh + cached.map(\.brief), pages: pages, now: now,
            staticFiles: scan.inventory.staticFiles, diagnostics: &diagnostics)
        diagnostics.add(
            contentsOf: TagRegistryCheck.absorbedTags(
                in: selection.briefs + selection.heldBack, registry: registry,
                registryPath: scan.registryFile?.path ?? TagRegistryLoader.fileName,
                read: { try? loader.read($0).get() }))
        selection.brokenDrafts = parsedBriefs.count { parsed in
            parsed.content == nil && parsed.problems.contains { $0.kind == .draft }
        }
        try diagnostics.check(strict: options.isStrict)
        guard let templates else {
            throw BuildFailure(errors: diagnostics.errors, warnings: diagnostics.warnings)
        }
        var cachedByPath: [String: BuildCache.Entry] = [:]
        for entry in cached { cachedByPath[entry.brief.sourcePath] = entry }
        return PreparedBuild(
            options: options, fileSystem: fileSystem,
            feedSettings: FeedEntryStore.settings(
                config: config, registry: scan.registryFile?.bytes),
            config: config,
            registry: registry, now: now,
            templates: templates, selection: selection,
            cached: cachedByPath, freshWarnings: freshWarnings, stamps: loaded.stamps,
            inputsFingerprint: scan.inputsFingerprint,
            otherInputsFingerprint: scan.otherInputsFingerprint,
            contentHashes: Dictionary(
                contentHashes + cached.map { ($0.brief.sourcePath, $0.contentHash) },
                uniquingKeysWith: { a, _ in a }),
            startedAt: scan.startedAt,
            contentFingerprint: scan.contentFingerprint, siteFingerprint: scan.siteFingerprint,
            staticFiles: scan.inventory.staticFiles.map {
                (from: options.source + "/templates/static/" + $0, to: $0)
            },
            usesBuiltInStatic: scan.inventory.staticFiles.isEmpty, warnings: diagnostics.warnings,
            markdownIsDropped: dropsMarkdown)
    }
}
