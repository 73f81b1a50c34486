import SitegenBase

/// The quick path for the most common rebuild: a few briefs whose bodies changed and nothing else.
///
/// A body shows in two kinds of file only: the brief's own page and the feed entries that carry it
/// (listings, tag pages and the sitemap show front matter alone). So when every changed brief's
/// front matter is byte for byte what the last build parsed (`ParsedBrief.frontMatterHash`) and no
/// other input changed, the new site is the old one with those files redone: each brief page is
/// rendered again from the brief alone, and each feed has the brief's entry replaced in place. The
/// cache's index says, per brief, which files carry it and how its tags are shown, so no other
/// brief is read, parsed or listed. Anything else (an added or removed brief, a front matter edit,
/// a template, `site.yml`, a page, a problem in the file) takes the full path, and so does any
/// surprise on the way (an entry not found where the index says it is): nothing is written until
/// every file is ready.
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
            index.hasKept,
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
        var edited: [(record: BuildCache.BriefRecord, brief: ParsedBrief)] = []
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
            if !record.carriers.isEmpty { edited.append((record, brief)) }
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

    /// The edited briefs' pages and the feeds that carry them, in their new versions.
    private func render(
        _ edited: [(record: BuildCache.BriefRecord, brief: ParsedBrief)], config: SiteConfig
    ) -> [(file: String, bytes: [UInt8], fingerprint: Fingerprint)]? {
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
        for (record, brief) in edited {
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
            let entry = feeds.entry(article)
            let link = feeds.url(Permalinks.brief(article.slug))
            for row in record.carriers {
                guard index.files.indices.contains(row) else { return nil }
                let carrier = index.files[row].path
                if outputs[carrier] == nil {
                    order.append(carrier)
                    if !carrier.hasSuffix("index.html") {
                        guard
                            let bytes = try? builder.fileSystem.read(
                                index.output + "/" + carrier)
                        else { return nil }
                        outputs[carrier] = bytes
                    }
                }
                if carrier.hasSuffix("index.html") {
                    var bytes: [UInt8] = []
                    templates.render(
                        "brief", context: context.briefPage(article, neighbourhood: neighbourhood),
                        into: &bytes)
                    // Too large: the full build reports it.
                    guard bytes.count <= Templates.maximumPageBytes else { return nil }
                    outputs[carrier] = bytes
                } else if carrier.hasSuffix(".json") {
                    guard
                        let patched = Self.replacingJSONItem(
                            in: outputs[carrier] ?? [], link: link,
                            with: feeds.jsonItem(article, content: entry.content))
                    else { return nil }
                    outputs[carrier] = patched
                } else if carrier.hasSuffix(".xml") {
                    guard
                        let patched = Self.replacingAtomEntry(
                            in: outputs[carrier] ?? [], link: link, with: entry.atom)
                    else { return nil }
                    outputs[carrier] = patched
                } else {
                    return nil
                }
            }
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

    /// Replaces the Atom `<entry>` whose `<id>` is `link`. Entry content is XML-escaped, so
    /// `<entry`, `<id>` and `</entry>` occur only as the feed's own markup.
    static func replacingAtomEntry(in feed: [UInt8], link: String, with entry: [UInt8])
        -> [UInt8]?
    {
        guard let id = find(Array("<id>\(Escaping.xml(link))</id>".utf8), in: feed),
            let start = findLast(Array("  <entry ".utf8), in: feed, before: id),
            let end = find(Array("</entry>\n".utf8), in: feed, from: id)
        else { return nil }
        return Array(feed[..<start]) + entry + Array(feed[(end + 9)...])
    }

    /// Replaces the JSON Feed item whose `id` is `link`. Strings in JSON hold no raw line
    /// breaks, so an item ends at the first line that is its closing brace.
    static func replacingJSONItem(in feed: [UInt8], link: String, with item: String) -> [UInt8]? {
        let opening = Array("    {\n      ".utf8)
        guard
            let id = find(
                opening + Array("\"id\": \(Escaping.jsonString(link)),\n".utf8), in: feed),
            let end = find(Array("\n    }".utf8), in: feed, from: id)
        else { return nil }
        return Array(feed[..<id]) + Array(item.utf8) + Array(feed[(end + 6)...])
    }

    /// The first index of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
        guard let first = needle.first, from >= 0 else { return nil }
        var start = from
        while start + needle.count <= haystack.count {
            guard let candidate = haystack[start...].firstIndex(of: first),
                candidate + needle.count <= haystack.count
            else { return nil }
            if haystack[candidate..<candidate + needle.count].elementsEqual(needle) {
                return candidate
            }
            start = candidate + 1
        }
        return nil
    }

    /// The last index of `needle` in `haystack` that starts before `before`.
    static func findLast(_ needle: [UInt8], in haystack: [UInt8], before: Int) -> Int? {
        var start = min(before, haystack.count - needle.count)
        while start >= 0 {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return start }
            start -= 1
        }
        return nil
    }
}
