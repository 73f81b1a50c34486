import SitegenMustache

/// The site's Mustache templates, compiled once and shared read-only by every render task.
///
/// Sixth stage of the pipeline. Templates come from `templates/**/*.mustache` in the site, named
/// by their path without the extension (`brief`, `partials/head`), laid over sitegen's built-in
/// theme so a site only needs the templates it changes. They are compiled by `MustacheTemplate`
/// and linked by `MustacheLibrary`; parse errors and unknown partials carry the template's path,
/// line and column.
public struct Templates: Sendable {
    /// The names every site needs, one per kind of page.
    public static let required = ["index", "brief", "tag", "tags", "page", "404"]

    private let library: MustacheLibrary
    /// The fields of a listing's cards its templates can look up (inside `{{#briefs}}`,
    /// partials included); `nil` when they can show a whole card.
    let listingCardFields: Set<String>?

    /// Parses `files` (paths relative to the site root, under `templates/`) over the built-in ones.
    /// - Throws: `BuildFailure` listing every template that does not parse, every unknown
    ///   partial, and every missing template.
    public init(files: [SourceFile], builtIn: [String: String] = DefaultTheme.templates)
        throws(BuildFailure)
    {
        var diagnostics = Diagnostics()
        var sources: [(name: String, path: String, text: String)] = builtIn.sorted {
            $0.key < $1.key
        }
        .map { ($0.key, "(built-in)/\($0.key).mustache", $0.value) }
        for file in files {
            let relative =
                file.path.hasPrefix("templates/") ? String(file.path.dropFirst(10)) : file.path
            guard relative.hasSuffix(".mustache") else { continue }
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                diagnostics.add(
                    SitegenError(
                        .encoding, "template is not valid UTF-8",
                        at: SourceLocation(path: file.path, line: 1)))
                continue
            }
            sources.append((String(relative.dropLast(9)), file.path, text))
        }
        // A site's template replaces the built-in one of the same name.
        var templates: [String: MustacheTemplate] = [:]
        var paths: [String: String] = [:]
        for source in sources {
            do {
                templates[source.name] = try MustacheTemplate(parsing: source.text)
                paths[source.name] = source.path
            } catch {
                diagnostics.add(
                    SitegenError(
                        .template, "template does not parse: \(error.message)",
                        at: SourceLocation(
                            path: source.path, line: error.line, column: error.column)))
            }
        }
        let library = MustacheLibrary(templates: templates)
        let names = templates.keys.sorted()
        for partial in library.unknownPartials {
            diagnostics.add(
                SitegenError(
                    .template, "unknown partial '\(partial.name)'",
                    at: SourceLocation(
                        path: paths[partial.template] ?? partial.template, line: partial.line,
                        column: partial.column),
                    hint: Suggestion.closest(to: partial.name, among: names).map {
                        "did you mean '\($0)'?"
                    }))
        }
        for partial in library.recursivePartials {
            diagnostics.add(
                SitegenError(
                    .template,
                    "partial '\(partial.name)' can include itself: "
                        + partial.cycle.joined(separator: " -> "),
                    at: SourceLocation(
                        path: paths[partial.template] ?? partial.template, line: partial.line,
                        column: partial.column),
                    hint: "a partial may not include itself, directly or through other partials"))
        }
        for name in Self.required where !library.contains(name) {
            diagnostics.add(
                SitegenError(.template, "missing template 'templates/\(name).mustache'"))
        }
        try diagnostics.check(strict: false)
        self.library = library
        listingCardFields = library.namesUsed(inSectionsNamed: "briefs")
    }

    /// Renders the named template with `context`; an unknown name renders as nothing.
    public func render(_ name: String, context: TemplateValue) -> String {
        library.render(name, context: context) ?? ""
    }

    /// Appends the named template, rendered with `context`, to `output` as UTF-8 bytes.
    public func render(_ name: String, context: TemplateValue, into output: inout [UInt8]) {
        library.render(name, context: context, into: &output)
    }

    /// Appends the named template rendered with a context stack (`layers`, the last on top):
    /// names not found in the top layer are looked up in those below, as in nested sections.
    func render(_ name: String, layers: [TemplateValue], into output: inout [UInt8]) {
        _ = library.render(name, layers: layers, into: &output)
    }

    /// Whether a template with that name exists.
    public func contains(_ name: String) -> Bool { library.contains(name) }

    /// The largest page (or feed) rendering may produce: the renderer stops just past it.
    public static let maximumPageBytes = MustacheRenderer.maximumOutputBytes
}

extension SitegenError {
    /// A rendered page past `MustacheRenderer.maximumOutputBytes`.
    static func pageTooLarge(_ path: String) -> SitegenError {
        SitegenError(
            .template,
            "page '\(path)' is larger than \(MustacheRenderer.maximumOutputBytes >> 20) MiB",
            hint: "a template repeats too much: look for a section over a list inside another")
    }
}
