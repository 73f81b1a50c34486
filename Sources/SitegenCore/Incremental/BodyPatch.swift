import SitegenBase

/// The quick path for the most common rebuild: a few briefs whose bodies changed and nothing else.
///
/// A body shows in two kinds of file only: the brief's own page and the feed entries that carry it
/// (listings, tag pages and the sitemap show front matter alone). So when every changed brief's
/// front matter is byte for byte what the last build parsed (`ParsedBrief.frontMatterHash`) and no
/// other input changed, the new site is the old one with those files redone: each brief page is
/// rendered again from the brief alone, and each feed is put together again from the entries the
/// cache keeps, the brief's new one in its place (`BodyPatch+Feeds`; no written feed is read). The
/// cache's index says, per brief, which files carry it and how its tags are shown, so no other
/// brief is read, parsed or listed. Anything else (an added or removed brief, a front matter edit,
/// a template, `site.yml`, a page, a problem in the file) takes the full path, and so does any
/// surprise on the way (a feed entry store that does not describe this site): nothing is
/// written until every file is ready.
struct BodyPatch {
    let builder: SiteBuilder
    let index: BuildCache
    let scan: SiteBuilder.Scan

    /// Most briefs that may be read here before the full path, which reads in parallel, is
    /// cheaper.
    static let maximumChanged = 64

    /// The new files (empty when the changed files turn out to have the same content) and the
    /// index for the next build; `nil` when the full path is needed.
    func plan() -> (files: [(file: String, bytes: [UInt8], fingerprint: Fingerprint)], BuildCache)?
    {
        let options = builder.options
        guard index.siteFingerprint == scan.siteFingerprint,
            index.otherInputs == scan.otherInputsFingerprint,
            index.nextRelease.map({ options.now < $0 }) ?? true,
            !(options.isStrict && index.warnings.contains(where: \.failsStrict)),
            index.records.count == scan.inventory.briefs.count
        else { return nil }
        // Records and briefs are both sorted by path: they are compared side by side.
        let briefs = scan.inventory.briefs
        let stamps = scan.briefStamps
        guard stamps.count == briefs.count else { return nil }
        var changed: [Int] = []
        for (position, record) in index.records.enumerated() {
            guard record.path == briefs[position],
                let stamp = stamps[position]
            else { return nil }
            if stamp != record.stamp || !index.isSettled(stamp) {
                changed.append(position)
                if changed.count > Self.maximumChanged { return nil }
            }
        }
        let loader = ContentLoader(root: options.source, fileSystem: builder.fileSystem)
        var next = index
        var edited: [Edited] = []
        var config: SiteConfig?
        for position in changed {
            let record = index.records[position]
            guard case .success(let file?) = loader.read(record.path),
                let stamp = stamps[position]
            else { return nil }
            let contentHash = Fingerprint.ofContents(file.bytes)
            next.records[position].stamp = stamp
            next.records[position].contentHash = contentHash
            if contentHash == record.contentHash { continue }
            if config == nil {
                let (loaded, problems) = SiteConfigLoader.load(
                    scan.configFile, baseURLOverride: options.baseURL)
                guard problems.isEmpty else { return nil }
                config = loaded
            }
            guard let config,
                case (.brief(let brief)?, let problems) = ContentParser.parse(
                    file, isPage: false, config: config),
                !problems.contains(where: { $0.severity == .error }),
                brief.frontMatterHash == record.frontMatterHash
            else { return nil }
            if !record.carriers.isEmpty { edited.append((record, brief, contentHash)) }
        }
        next.builtAt = scan.startedAt
        next.inputs = scan.inputsFingerprint
        guard let config, !edited.isEmpty else { return ([], next) }
        guard var files = render(edited, config: config) else { return nil }
        if config.isSearchEnabled {
            guard let search = searchFiles(edited, config: config) else { return nil }
            files += search
        }
        return (files, next)
    }

    /// A brief whose body changed: its record (as the last build left it), the brief as parsed
    /// now and its file's new content hash.
    typealias Edited = (record: BuildCache.BriefRecord, brief: ParsedBrief, contentHash: UInt64)

    /// The edited briefs' pages and the feeds that carry them, in their new versions.
    private func render(_ edited: [Edited], config: SiteConfig)
        -> [(file: String, bytes: [UInt8], fingerprint: Fingerprint)]?
    {
        let options = builder.options
        guard let templates = try? Templates(files: scan.templateFiles) else { return nil }
        let markdown = Markdown(basePath: config.baseURL.path)
        let now = Timestamp(seconds: options.now, offset: 0).shown(in: config.timeZone)
        var diagnostics = Diagnostics()
        let parsedPages = scan.pageFiles.compactMap { file -> ParsedPage? in
            if case .page(let page)? = ContentParser.parse(file, isPage: true, config: config)
                .content
            {
                return page
            }
            return nil
        }
        let pages = builder.select(
            briefs: [], pages: parsedPages, now: now, staticFiles: scan.inventory.staticFiles,
            diagnostics: &diagnostics
        ).pages.map { page in
            page.page(
                sections: page.sections.map {
                    Section(language: $0.language, html: markdown.html($0.markdown))
                })
        }
        let (registry, registryProblems) = TagRegistryLoader.load(scan.registryFile)
        guard registryProblems.isEmpty else { return nil }
        let context = TemplateContext(config: config, pages: pages).withRegistry(registry)
        let feeds = FeedWriter(
            site: Site(
                config: config, articles: [], tags: [], pages: pages, now: now,
                registry: registry),
            context: context)
        var outputs: [String: [UInt8]] = [:]
        var order: [String] = []
        var inFeeds: [(record: BuildCache.BriefRecord, article: Article, contentHash: UInt64)] = []
        var feedFiles: Set<String> = []
        for (record, brief, contentHash) in edited {
            let tags = registry.isEmpty ? brief.tags : registry.tags(for: brief.tags)
            guard tags.count == record.shownTags.count,
                let neighbourhood = BriefNeighbourhood(
                    encoded: record.neighbours,
                    link: { number in
                        index.records.indices.contains(number)
                            ? BriefNeighbourhood.Link(encoded: index.records[number].link) : nil
                    })
            else { return nil }
            let article = brief.article(
                sections: brief.sections.map {
                    Section(language: $0.language, html: markdown.html($0.markdown))
                }
            ).with(tags: zip(tags, record.shownTags).map { Tag(name: $1, slug: $0.slug) })
            inFeeds.append((record, article, contentHash))
            for row in record.carriers {
                guard index.files.indices.contains(row) else { return nil }
                let carrier = index.files[row].path
                if carrier.hasSuffix("index.html") {
                    var bytes: [UInt8] = []
                    templates.render(
                        "brief", context: context.briefPage(article, neighbourhood: neighbourhood),
                        into: &bytes)
                    // Too large: the full build reports it.
                    guard bytes.count <= Templates.maximumPageBytes else { return nil }
                    if outputs[carrier] == nil { order.append(carrier) }
                    outputs[carrier] = bytes
                } else {
                    feedFiles.insert(carrier)
                }
            }
        }
        guard let patchedFeeds = patchFeeds(inFeeds, writer: feeds, files: feedFiles) else {
            return nil
        }
        for (file, bytes) in patchedFeeds {
            order.append(file)
            outputs[file] = bytes
        }
        return order.map { file in
            let bytes = outputs[file] ?? []
            // Not a planner fingerprint (the next full rebuild renders the file again), but
            // unique to these bytes, so the kept folder's copy is known to differ from them.
            var fingerprint = Fingerprint()
            fingerprint.combine("patched")
            fingerprint.combine(Int64(bitPattern: Fingerprint.ofContents(bytes)))
            return (file, bytes, fingerprint)
        }
    }
}
