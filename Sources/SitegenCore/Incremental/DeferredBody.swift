import SitegenBase
import Synchronization

/// The body of a brief taken from the build cache, rendered from its file when first needed.
///
/// The file is the one whose content hash the cache checked, read again through the build's
/// `FileSystem`; it is split and rendered exactly as a fresh parse would. The result is kept, so
/// a brief shown on its page and in several feeds is rendered once.
///
/// A file that cannot be read again, or no longer has the content the cache checked (it was
/// changed or removed during the build), gives no sections and a `problem`, which the build
/// reports at the file's path before anything is swapped in: never an empty page.
final class DeferredBody: Sendable {
    /// The file on disk.
    let path: String
    /// The file relative to the site root, for reports.
    let sourcePath: String
    /// `Fingerprint.ofContents` of the file as the cache knows it.
    let contentHash: UInt64
    let language: String
    let markdown: Markdown
    let fileSystem: FileSystem
    private let state = Mutex<State>(.pending)

    private enum State {
        case pending
        case rendered([Section])
        case failed(SitegenError)
    }

    init(
        path: String, sourcePath: String, contentHash: UInt64, language: String,
        markdown: Markdown, fileSystem: FileSystem
    ) {
        self.path = path
        self.sourcePath = sourcePath
        self.contentHash = contentHash
        self.language = language
        self.markdown = markdown
        self.fileSystem = fileSystem
    }

    /// The rendered sections; empty (with a `problem`) when the file could not be read again.
    var sections: [Section] {
        switch state.withLock({ $0 }) {
        case .rendered(let sections): return sections
        case .failed: return []
        case .pending: break
        }
        let result = render()
        state.withLock { state in
            switch result {
            case .success(let sections): state = .rendered(sections)
            case .failure(let problem): state = .failed(problem)
            }
        }
        return (try? result.get()) ?? []
    }

    /// Why the body could not be shown, once `sections` was asked for and failed.
    var problem: SitegenError? {
        state.withLock { state in
            if case .failed(let problem) = state { return problem }
            return nil
        }
    }

    private func render() -> Result<[Section], SitegenError> {
        let bytes: [UInt8]
        do {
            guard let read = try fileSystem.read(path) else {
                return .failure(failure("it was removed during the build"))
            }
            bytes = read
        } catch {
            return .failure(failure("it cannot be read: \(error.localizedDescription)"))
        }
        guard Fingerprint.ofContents(bytes) == contentHash,
            case .success(let frontMatter) = FrontMatter.split(FrontMatter.normalise(bytes))
        else {
            return .failure(failure("it changed during the build"))
        }
        return .success(
            ContentParser.sections(of: frontMatter.body, language: language).map {
                Section(language: $0.language, html: markdown.html($0.markdown))
            })
    }

    private func failure(_ reason: String) -> SitegenError {
        SitegenError(
            .io, "the brief's body could not be shown: \(reason)",
            at: SourceLocation(path: sourcePath), hint: "build again")
    }
}
