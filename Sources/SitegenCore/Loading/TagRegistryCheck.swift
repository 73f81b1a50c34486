import SitegenBase

/// Warns about brief tags that a registered tag takes in without listing them.
///
/// Runs after selection, beside the other checks across briefs. Tags are one tag per slug (SPEC
/// §4), as Hugo and Zola merge terms that slugify alike, so a brief's `Generative AI` lands on the
/// page of `生成AI` when `tags.yml` gives that the slug `generative-ai`. The merge stays, but it
/// is no longer silent: each such tag is a warning at the brief's `path:line:column` naming both
/// tags and suggesting the alias; `--strict` makes it an error.
enum TagRegistryCheck {
    /// One warning per brief and tag that `registry` merges without an alias, in path order.
    /// - Parameter read: the brief's file, read again only for a brief that has such a tag, to
    ///   point at the tag (briefs do not keep their tags' positions).
    static func absorbedTags(
        in briefs: [ParsedBrief], registry: TagRegistry, registryPath: String,
        read: (String) -> SourceFile?
    ) -> [SitegenError] {
        guard !registry.isEmpty else { return [] }
        var problems: [SitegenError] = []
        for brief in briefs.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            let absorbed = brief.tags.compactMap { tag in
                registry.entry(absorbing: tag).map { (tag: tag, entry: $0) }
            }
            guard !absorbed.isEmpty else { continue }
            let written = read(brief.sourcePath).map(tagLocations) ?? []
            for (tag, entry) in absorbed {
                let location =
                    written.first { Slug.tag($0.text) == tag.slug }?.location
                    ?? SourceLocation(path: brief.sourcePath, line: 1)
                problems.append(
                    SitegenError(
                        .field,
                        "tag '\(tag.name)' is merged into tag '\(entry.name)', whose slug in \(registryPath) is '\(entry.slug)'",
                        at: location,
                        hint:
                            "add '\(tag.name)' to the aliases of '\(entry.name)' (\(registryPath) line \(entry.line)), or write '\(entry.name)'",
                        severity: .warning))
            }
        }
        return problems
    }

    /// Each tag as written in a brief's front matter, with its position (none when the file no
    /// longer parses: the caller then points at the file).
    static func tagLocations(_ file: SourceFile) -> [(text: String, location: SourceLocation)] {
        guard case .success(let frontMatter) = FrontMatter.split(FrontMatter.normalise(file.bytes)),
            let root = try? frontMatter.parseYAML()
        else { return [] }
        var reader = FieldReader(
            root: root, path: file.path, positions: frontMatter.yamlPositions,
            fenceLine: frontMatter.openingLine)
        return reader.located(stringList: "tags", refusingComma: true)
    }
}
