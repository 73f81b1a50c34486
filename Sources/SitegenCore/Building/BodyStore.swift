import SitegenBase
import Synchronization

/// The bodies of briefs the build cache stood in for, read and rendered when a page shows them.
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
    private let bodies = Mutex<[String: Result<[Section], SitegenError>]>([:])

    init(root: String, markdown: Markdown, fileSystem: FileSystem) {
        self.root = root
        self.markdown = markdown
        self.fileSystem = fileSystem
    }

    /// The brief with its body: as it is, or rendered from its file.
    func article(_ article: Article) -> Article {
        guard let reference = article.sectionList.deferred else { return article }
        return article.with(sections: sections(reference))
    }

    /// A deferred body's sections; empty (with a problem) when its file could not be read again.
    func sections(_ reference: BodyReference) -> [Section] {
        let known = bodies.withLock { $0[reference.sourcePath] }
        let result = known ?? render(reference)
        if known == nil { bodies.withLock { $0[reference.sourcePath] = result } }
        return (try? result.get()) ?? []
    }

    /// Every body that could not be shown, sorted by path.
    var problems: [SitegenError] {
        bodies.withLock { bodies in
            bodies.values.compactMap { result -> SitegenError? in
                if case .failure(let problem) = result { return problem }
                return nil
            }
        }.sorted { ($0.location?.path ?? "") < ($1.location?.path ?? "") }
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
        SitegenError(
            .io, "the brief's body could not be shown: \(reason)",
            at: SourceLocation(path: reference.sourcePath), hint: "build again")
    }
}
