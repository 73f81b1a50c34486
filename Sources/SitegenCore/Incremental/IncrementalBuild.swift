/// What the cache lets a build skip: the quick exits after the scan, and the cache a full
/// build starts from.
///
/// In order: when nothing any page depends on has changed, nothing is written; when only
/// briefs' bodies changed, `BodyPatch` redoes the files that show them; otherwise every phase
/// runs, with the cache's briefs standing in for files that did not change.
struct IncrementalBuild {
    let builder: SiteBuilder
    let scan: SiteBuilder.Scan
    let store: CacheStore?
    let writer: OutputWriter
    let diagnostics: Diagnostics
    /// The cache's header, then its index once read.
    private var cache: BuildCache?

    init(
        builder: SiteBuilder, scan: SiteBuilder.Scan, store: CacheStore?, writer: OutputWriter,
        diagnostics: Diagnostics
    ) {
        self.builder = builder
        self.scan = scan
        self.store = store
        self.writer = writer
        self.diagnostics = diagnostics
        cache = store?.loadHeader()
    }

    private var options: BuildOptions { builder.options }
    private var hasLiveSite: Bool {
        builder.fileSystem.kind(writer.output + "/" + OutputWriter.marker) == .file
    }

    /// The report of a build that has nothing to do, when nothing has changed.
    func upToDate(clock: inout StageClock) throws(BuildFailure) -> BuildReport? {
        guard let header = cache, diagnostics.items.isEmpty,
            header.siteFingerprint == scan.siteFingerprint,
            header.output == writer.output, header.inputs == scan.inputsFingerprint,
            scan.allSettled(header.isSettled),
            header.nextRelease.map({ options.now < $0 }) ?? true,
            hasLiveSite
        else { return nil }
        if options.isStrict, header.warnings.contains(where: \.failsStrict) {
            throw BuildFailure(
                errors: header.warnings.filter(\.failsStrict).map(\.asError),
                warnings: header.warnings.filter { !$0.failsStrict })
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

    /// The report of a body patch, when only briefs' bodies changed and the patch could be
    /// written; reads the cache's index on the way.
    mutating func patchBodies(clock: inout StageClock) async throws(BuildFailure) -> BuildReport? {
        guard cache != nil, let store else { return nil }
        cache = store.loadIndex()
        guard let index = cache else { return nil }
        clock.lap("read cache index")
        guard diagnostics.items.isEmpty, index.output == writer.output, hasLiveSite,
            let (files, next) = BodyPatch(builder: builder, index: index, scan: scan).plan()
        else { return nil }
        clock.lap("patch")
        var saved = next
        if !files.isEmpty {
            store.invalidate()
            // A live file missing (removed by hand): build the usual way.
            guard let table = try writer.patch(files, table: index.files, hasKept: index.hasKept)
            else { return nil }
            saved.files = table
            // The live site before the patch is the kept folder now.
            saved.hasKept = true
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

    /// The cache a full build starts from: the index (read by `patchBodies`) with every brief's
    /// front matter, when the briefs were parsed with this build's settings
    /// (`SiteBuilder.parseFingerprint`: a template change keeps them, and so does a `site.yml`
    /// change other than its time zone or language; otherwise their file is not read past its
    /// header).
    func fullCache(clock: inout StageClock) -> BuildCache? {
        guard var index = cache, let store else { return nil }
        let config = SiteConfigLoader.load(scan.configFile, baseURLOverride: options.baseURL).config
        index.entries = store.loadEntries(
            for: SiteBuilder.parseFingerprint(config: config, options: options))
        clock.lap("read cache")
        return index
    }
}
