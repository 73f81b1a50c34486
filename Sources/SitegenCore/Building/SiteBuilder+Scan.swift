import Foundation
import SitegenBase

/// Phase 1: the site's inputs, listed and stamped, with the small files every page depends on
/// read and fingerprinted. Cheap enough to run before deciding how much else to do.
extension SiteBuilder {
    /// The site's inputs: every file's stamp, and the small files every page depends on.
    struct Scan {
        let inventory: ContentLoader.Inventory
        let configFile: SourceFile?
        /// `tags.yml`, when there is one.
        let registryFile: SourceFile?
        let templateFiles: [SourceFile]
        let pageFiles: [SourceFile]
        /// The briefs' stamps, in the order of `inventory.briefs`.
        let briefStamps: [BuildCache.Stamp?]
        /// The other inputs' stamps, by path.
        let otherStamps: [String: BuildCache.Stamp]
        /// What parsed briefs and the pages made without templates depend on.
        let contentFingerprint: Fingerprint
        /// What every page depends on: the content fingerprint and the templates.
        let siteFingerprint: Fingerprint
        /// When the scan started, in nanoseconds since the epoch.
        let startedAt: Int64

        /// A fingerprint of every input's path and stamp.
        let inputsFingerprint: Fingerprint
        /// The same for every input but the briefs.
        let otherInputsFingerprint: Fingerprint

        /// What shows in every feed entry beside the brief itself (`FeedEntryStore.settings`),
        /// from `site.yml` read with `--base-url` applied.
        func feedSettings(baseURL: String?) -> Fingerprint {
            let config = SiteConfigLoader.load(configFile, baseURLOverride: baseURL).config
            return FeedEntryStore.settings(config: config, registry: registryFile?.bytes)
        }

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
        let startedAt = Platform.nowNanoseconds()
        let loader = ContentLoader(root: options.source, fileSystem: fileSystem)
        let (inventory, listProblems) = loader.inventory()
        diagnostics.add(contentsOf: listProblems)
        var problems: [SitegenError] = []
        func read(_ path: String) -> SourceFile? { loader.read(path, problems: &problems) }
        let configFile = inventory.config.flatMap(read)
        let registryFile = inventory.registry.flatMap(read)
        let templateFiles = inventory.templates.compactMap(read)
        let pageFiles = inventory.pages.compactMap(read)
        diagnostics.add(contentsOf: problems)
        // Every input in a fixed order (each list is sorted): briefs, then all the others.
        let others =
            inventory.pages + inventory.templates + (inventory.config.map { [$0] } ?? [])
            + (inventory.registry.map { [$0] } ?? [])
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
        // The built-in theme is an input too: templates a site does not override come from it.
        otherInputs.combine(DefaultTheme.fingerprint)
        inputs.combine(otherInputs)
        return Scan(
            inventory: inventory, configFile: configFile, registryFile: registryFile,
            templateFiles: templateFiles,
            pageFiles: pageFiles, briefStamps: briefStamps, otherStamps: stamps,
            contentFingerprint: Self.contentFingerprint(
                config: configFile, registry: registryFile, pages: pageFiles,
                staticFiles: inventory.staticFiles, options: options),
            siteFingerprint: Self.siteFingerprint(
                config: configFile, registry: registryFile, templates: templateFiles,
                pages: pageFiles,
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

    /// A hash of everything every page depends on: the content fingerprint, then the built-in
    /// theme and the site's templates.
    static func siteFingerprint(
        config: SourceFile?, registry: SourceFile? = nil, templates: [SourceFile],
        pages: [SourceFile], staticFiles: [String], options: BuildOptions
    ) -> Fingerprint {
        var fingerprint = contentFingerprint(
            config: config, registry: registry, pages: pages, staticFiles: staticFiles,
            options: options)
        fingerprint.combine(DefaultTheme.fingerprint)
        for file in templates {
            fingerprint.combine(file.path)
            fingerprint.combine(bytes: file.bytes)
        }
        return fingerprint
    }

    /// A hash of what parsing a brief depends on besides its file: sitegen's version, the
    /// `site.yml` settings the parser reads (the time zone dates are read in and the default
    /// language) and the options that decide which files are parsed. The cache's parsed briefs
    /// are keyed by it, so a `site.yml` change that leaves these alone (a title, the disclaimer,
    /// pagination) keeps them, as a template change does.
    static func parseFingerprint(config: SiteConfig, options: BuildOptions) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine("parsed briefs")
        fingerprint.combine(SitegenVersion.current)
        fingerprint.combine(config.timeZone.identifier)
        fingerprint.combine(Int64(config.timeZone.secondsFromGMT()))
        fingerprint.combine(config.language)
        fingerprint.combine(options.includeDrafts ? "drafts" : "")
        fingerprint.combine(options.checksDrafts ? "checks drafts" : "")
        return fingerprint
    }

    /// A hash of what everything but the templates' output depends on: sitegen's version,
    /// `site.yml`, `tags.yml`, the standalone pages (their titles are in every page's
    /// navigation), the static files' names and the options that change output. Parsed briefs,
    /// feeds, the sitemap and robots.txt are made without templates: a template change keeps
    /// them.
    static func contentFingerprint(
        config: SourceFile?, registry: SourceFile?, pages: [SourceFile], staticFiles: [String],
        options: BuildOptions
    ) -> Fingerprint {
        var fingerprint = Fingerprint()
        fingerprint.combine(SitegenVersion.current)
        fingerprint.combine(bytes: config?.bytes ?? [])
        // The registry decides every tag's name and slug: a change to it touches most pages.
        fingerprint.combine(bytes: registry?.bytes ?? [])
        for file in pages {
            fingerprint.combine(file.path)
            fingerprint.combine(bytes: file.bytes)
        }
        for path in staticFiles { fingerprint.combine(path) }
        fingerprint.combine(options.baseURL ?? "")
        fingerprint.combine(options.includeDrafts ? "drafts" : "")
        fingerprint.combine(options.includeFuture ? "future" : "")
        return fingerprint
    }
}
