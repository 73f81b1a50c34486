import Mustache

/// The site's Mustache templates, parsed once and shared read-only by every render task.
///
/// Sixth stage of the pipeline. Templates come from `templates/**/*.mustache` in the site, named
/// by their path without the extension (`brief`, `partials/head`), laid over sitegen's built-in
/// theme so a site only needs the templates it changes. Parse errors carry the template's path,
/// line and column.
public struct Templates: Sendable {
    /// The names every site needs, one per kind of page.
    public static let required = ["index", "brief", "tag", "tags", "page", "404"]

    private let library: MustacheLibrary
    private let names: Set<String>

    /// Parses `files` (paths relative to the site root, under `templates/`) over the built-in ones.
    /// - Throws: `BuildFailure` listing every template that does not parse, or a missing one.
    public init(files: [SourceFile], builtIn: [String: String] = DefaultTheme.templates) throws(BuildFailure) {
        var diagnostics = Diagnostics()
        var library = MustacheLibrary()
        var names: Set<String> = []
        var sources: [(name: String, path: String, text: String)] = builtIn.sorted { $0.key < $1.key }
            .map { ($0.key, "(built-in)/\($0.key).mustache", $0.value) }
        for file in files {
            let relative = file.path.hasPrefix("templates/") ? String(file.path.dropFirst(10)) : file.path
            guard relative.hasSuffix(".mustache") else { continue }
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                diagnostics.add(SitegenError(.encoding, "template is not valid UTF-8", at: SourceLocation(path: file.path, line: 1)))
                continue
            }
            sources.append((String(relative.dropLast(9)), file.path, text))
        }
        for source in sources {
            do {
                library.register(try MustacheTemplate(string: source.text), named: source.name)
                names.insert(source.name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.add(
                    SitegenError(
                        .template, "template does not parse: \(Self.describe(error.error))",
                        at: SourceLocation(
                            path: source.path, line: error.context.lineNumber,
                            column: error.context.columnNumber + 1)))
            } catch {
                diagnostics.add(SitegenError(.template, "template does not parse: \(error)", at: SourceLocation(path: source.path)))
            }
        }
        for name in Self.required where !names.contains(name) {
            diagnostics.add(SitegenError(.template, "missing template 'templates/\(name).mustache'"))
        }
        try diagnostics.check(strict: false)
        self.library = library
        self.names = names
    }

    /// Renders the named template with `context`.
    public func render(_ name: String, context: TemplateValue) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// Whether a template with that name exists.
    public func contains(_ name: String) -> Bool { names.contains(name) }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with the wrong name"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inherited section"
        case .illegalTokenInsideInheritSection: return "unexpected tag inside an inherited partial"
        case .textInsideInheritSection: return "text inside an inherited partial"
        case .invalidConfigVariableSyntax: return "invalid config variable"
        case .unrecognisedConfigVariable: return "unknown config variable"
        }
    }
}
