import Synchronization

/// The body of a brief taken from the build cache, rendered from its file when first needed.
///
/// The file is the one whose content hash the cache checked, read again through the build's
/// `FileSystem`; it is split and rendered exactly as a fresh parse would. The result is kept, so
/// a brief shown on its page and in several feeds is rendered once.
final class DeferredBody: Sendable {
    let path: String
    let language: String
    let markdown: Markdown
    let fileSystem: FileSystem
    private let rendered = Mutex<[Section]?>(nil)

    init(path: String, language: String, markdown: Markdown, fileSystem: FileSystem) {
        self.path = path
        self.language = language
        self.markdown = markdown
        self.fileSystem = fileSystem
    }

    var sections: [Section] {
        if let sections = rendered.withLock({ $0 }) { return sections }
        var sections: [Section] = []
        if let bytes = (try? fileSystem.read(path)) ?? nil,
            case .success(let frontMatter) = FrontMatter.split(FrontMatter.normalise(bytes))
        {
            sections = ContentParser.sections(of: frontMatter.body, language: language).map {
                Section(language: $0.language, html: markdown.html($0.markdown))
            }
        }
        rendered.withLock { $0 = sections }
        return sections
    }
}
