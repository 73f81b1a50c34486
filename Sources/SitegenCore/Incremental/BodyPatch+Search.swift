import SitegenBase
import SitegenSearch

/// The search index's part of a body patch: the result file and the term files that show the
/// edited briefs' text, made from the index as written (see `SearchIndexBuilder.patched`).
extension BodyPatch {
    /// The index files that change, with the fingerprints a full build gives them; `nil` when
    /// the full path is needed (no number for a brief, an index that does not read back, or a
    /// set of files that would change).
    func searchFiles(
        _ edited: [Edited], config: SiteConfig
    ) -> [(file: String, bytes: [UInt8], fingerprint: Fingerprint)]? {
        guard let directory = builder.options.cacheDirectory else { return nil }
        let store = CacheStore(directory: directory, fileSystem: builder.fileSystem)
        guard let numbers = SearchOrder.load(store: store) else { return nil }
        let markdown = Markdown(basePath: config.baseURL.path)
        var replacements: [(number: Int, document: SearchDocument)] = []
        for (record, brief, _) in edited {
            let article = brief.article(
                sections: brief.sections.map {
                    Section(language: $0.language, html: markdown.html($0.markdown))
                })
            let document = SiteSearch.document(
                article, tagNames: record.shownTags, base: config.baseURL)
            guard let number = numbers[document.key] else { return nil }
            replacements.append((number, document))
        }
        let folder = index.output + "/" + SiteSearch.folder
        let fileSystem = builder.fileSystem
        guard
            let files = SearchIndexBuilder().patched(
                replacing: replacements,
                read: { (try? fileSystem.read(folder + $0)) ?? nil })
        else { return nil }
        var live: [String: Fingerprint] = [:]
        for row in index.files where row.path.hasPrefix(SiteSearch.folder) {
            if let fingerprint = row.live { live[row.path] = fingerprint }
        }
        // Every term file the last build wrote, and no other: or the set of files changes.
        func isTermFile(_ path: String) -> Bool {
            path.hasPrefix(SiteSearch.folder + "t/") || path.hasPrefix(SiteSearch.folder + "p/")
        }
        let paths = files.map { SiteSearch.folder + $0.path }
        guard Set(paths.filter(isTermFile)) == Set(live.keys.filter(isTermFile)) else {
            return nil
        }
        var changed: [(file: String, bytes: [UInt8], fingerprint: Fingerprint)] = []
        for (path, file) in zip(paths, files) {
            guard let old = live[path] else { return nil }
            let fingerprint = SiteSearch.fingerprint(
                ofContents: Fingerprint.ofContents(file.bytes))
            if fingerprint != old { changed.append((path, file.bytes, fingerprint)) }
        }
        return changed
    }
}
