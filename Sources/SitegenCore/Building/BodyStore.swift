import SitegenBase
import SitegenMustache
import Synchronization

/// The bodies of briefs: those rendered by this build, and those the build cache stood in for,
/// read and rendered when a page shows them.
///
/// A build that writes a site keeps rendered bodies in a `BodySpool` on disk and reads each back
/// when a page, a feed entry or the search index shows it; `render()` (check, serve, tests) keeps
/// them in memory.
///
/// The renderer is given the store; a model value never reads the disk. A body is read from the
/// file whose content hash the cache checked, through the build's `FileSystem`, and split and
/// rendered exactly as a fresh parse would. The result is kept, so a brief shown on its page, in
/// its feed entry and in the search index is rendered once.
///
/// A file that cannot be read again, or no longer has the content the cache checked (it was
/// changed or removed during the build), gives no sections and a problem, which the build
/// reports at the file's path before anything is swapped in (`problems`): never an empty page.
final class BodyStore: Sendable {
    /// The site folder.
    let root: String
    let markdown: Markdown
    let fileSystem: FileSystem
    /// Where rendered bodies wait until a page shows them (`nil`: they are kept in memory).
    let spool: BodySpool?
    /// Bodies of cached briefs once rendered (spooled when there is a spool), and failures.
    private let bodies = Mutex<[String: Result<SectionList, SitegenError>]>([:])
    /// Spooled bodies that could not be read back.
    private let lost = Mutex<[SitegenError]>([])

    /// A store; with `spooling`, rendered bodies go to a scratch file (`BodySpool`) and are read
    /// back when shown, so a build's memory does not grow with its bodies.
    init(root: String, markdown: Markdown, fileSystem: FileSystem, spooling: Bool = false) {
        self.root = root
        self.markdown = markdown
        self.fileSystem = fileSystem
        self.spool = spooling ? BodySpool() : nil
    }

    /// Keeps a rendered body: in the spool when there is one, else in memory.
    func keep(_ sections: [Section]) -> SectionList {
        if let spool, let spooled = spool.append(sections) { return SectionList(spooled: spooled) }
        return SectionList(sections)
    }

    /// A body rendered from its file now and kept, for a brief whose Markdown was let go after
    /// parsing, or one from the cache when every page is rendered again; when the file cannot be
    /// read again, a deferred body whose problem is reported with the others.
    func keepRendered(_ reference: BodyReference) -> SectionList {
        switch render(reference) {
        case .success(let sections): return keep(sections)
        case .failure(let problem):
            bodies.withLock { $0[reference.sourcePath] = .failure(problem) }
            return SectionList(deferred: reference)
        }
    }

    /// The brief with its body: as it is, read back from the spool, or rendered from its file.
    func article(_ article: Article) -> Article {
        switch article.sectionList.source {
        case .rendered: return article
        case .spooled(let body): return article.with(sections: sections(body, of: article))
        case .deferred(let reference): return article.with(sections: sections(reference))
        }
    }

    /// A brief's body sections for its page, each as a template value: spooled ones are read
    /// back as bytes and never made into `String`s, since the page appends them as bytes.
    func pageSections(_ article: Article) -> [TemplateContext.SectionValue] {
        switch article.sectionList.source {
        case .rendered(let sections): return sections.map(TemplateContext.SectionValue.init)
        case .spooled(let body):
            if let parts = spool?.sectionBytes(body) {
                return parts.map { .init(language: $0.language, html: .utf8($0.html)) }
            }
            return sections(body, of: article).map(TemplateContext.SectionValue.init)
        case .deferred(let reference):
            return sections(reference).map(TemplateContext.SectionValue.init)
        }
    }

    /// A deferred body's sections; empty (with a problem) when its file could not be read again.
    func sections(_ reference: BodyReference) -> [Section] {
        let known = bodies.withLock { $0[reference.sourcePath] }
        let result = known ?? render(reference).map(keep)
        if known == nil { bodies.withLock { $0[reference.sourcePath] = result } }
        switch result {
        case .failure: return []
        case .success(let list):
            if case .spooled(let body) = list.source {
                return sections(body, sourcePath: reference.sourcePath)
            }
            return list.sections
        }
    }

    private func sections(_ body: SpooledBody, of article: Article) -> [Section] {
        sections(body, sourcePath: article.sourcePath)
    }

    private func sections(_ body: SpooledBody, sourcePath: String) -> [Section] {
        if let sections = spool?.sections(body) { return sections }
        let problem = failure(sourcePath, "it could not be read back from the build's scratch file")
        lost.withLock { $0.append(problem) }
        return []
    }

    /// Notes an output file whose bytes could not be read back from the spool (a search index
    /// file): reported with the bodies that could not be shown, so the build fails.
    func noteUnreadable(_ file: String) {
        let problem = SitegenError(
            .io, "'\(file)' could not be read back from the build's scratch file",
            at: nil, hint: "build again")
        lost.withLock { $0.append(problem) }
    }

    /// Every body that could not be shown, sorted by path.
    var problems: [SitegenError] {
        let failed = bodies.withLock { bodies in
            bodies.values.compactMap { result -> SitegenError? in
                if case .failure(let problem) = result { return problem }
                return nil
            }
        }
        return (failed + lost.withLock { $0 }).sorted {
            ($0.location?.path ?? "") < ($1.location?.path ?? "")
        }
    }

    private func render(_ reference: BodyReference) -> Result<[Section], SitegenError> {
        let bytes: [UInt8]
        do {
            guard let read = try fileSystem.read(root + "/" + reference.sourcePath) else {
                return .failure(failure(reference, "it was removed during the build"))
            }
            bytes = read
        } catch {
            return .failure(failure(reference, "it cannot be read: \(error.localizedDescription)"))
        }
        guard Fingerprint.ofContents(bytes) == reference.contentHash,
            case .success(let frontMatter) = FrontMatter.split(FrontMatter.normalise(bytes))
        else {
            return .failure(failure(reference, "it changed during the build"))
        }
        return .success(
            ContentParser.sections(of: frontMatter.body, language: reference.language).map {
                Section(language: $0.language, html: markdown.html($0.markdown))
            })
    }

    private func failure(_ reference: BodyReference, _ reason: String) -> SitegenError {
        failure(reference.sourcePath, reason)
    }

    private func failure(_ sourcePath: String, _ reason: String) -> SitegenError {
        SitegenError(
            .io, "the brief's body could not be shown: \(reason)",
            at: SourceLocation(path: sourcePath), hint: "build again")
    }
}
