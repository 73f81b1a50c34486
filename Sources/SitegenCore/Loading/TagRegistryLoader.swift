import SitegenBase
import SitegenYAML

/// Reads and checks `tags.yml`, the optional tag registry in the site folder.
///
/// Part of the load stage, beside `SiteConfigLoader`. The file maps each canonical tag name to
/// optional `en`, `slug` and `aliases`:
///
/// ```yaml
/// 生成AI:
///   en: Generative AI
///   slug: generative-ai
///   aliases: [GenAI, 生成 AI]
/// ```
///
/// Every spelling (a name or an alias, compared by its tag slug) and every slug may belong to one
/// entry only; each conflict, bad slug and unknown key is an error at `tags.yml:line:column`, and
/// all of them are reported together. Entries with errors are left out of the registry.
public enum TagRegistryLoader {
    /// The registry's file name in the site folder.
    public static let fileName = "tags.yml"
    /// Keys an entry may have.
    public static let keys = ["en", "slug", "aliases"]

    /// Parses `tags.yml` (or `nil` when there is none, which gives an empty registry).
    public static func load(_ file: SourceFile?) -> (
        registry: TagRegistry, problems: [SitegenError]
    ) {
        guard let file else { return (.empty, []) }
        guard String(validating: file.bytes, as: UTF8.self) != nil else {
            let at = SourceLocation(path: file.path, line: 1)
            return (.empty, [SitegenError(.encoding, "file is not valid UTF-8", at: at)])
        }
        let text = String(decoding: FrontMatter.normalise(file.bytes), as: UTF8.self)
        let positions = YAMLPositions(yaml: text, lineOffset: 0)
        let root: YAMLNode?
        do {
            root = try YAML.parse(text)
        } catch {
            let failure = YAMLFailure(error, positions: positions)
            let at = SourceLocation(path: file.path, line: failure.line, column: failure.column)
            return (.empty, [SitegenError(.yaml, failure.message, at: at)])
        }
        var reader = FieldReader(
            root: root, path: file.path, positions: positions, fenceLine: 1, what: fileName)
        var claims = Claims()
        var drafts: [Draft] = []
        for name in reader.order {
            if let draft = readEntry(name, &reader) { drafts.append(draft) }
        }
        // Names first: an alias that is another entry's name is reported at the alias, whichever
        // of the two comes first in the file.
        drafts = drafts.filter { claims.claimName($0, &reader) }
        var entries: [TagRegistry.Entry] = []
        for draft in drafts {
            let aliasesOK = claims.claimAliases(draft, &reader)
            let slugOK = claims.claimSlug(draft, &reader)
            if aliasesOK && slugOK && !draft.hasErrors { entries.append(draft.entry) }
        }
        let none = SourceLocation(path: file.path)
        let problems = reader.problems.sorted {
            ($0.location ?? none, $0.message) < ($1.location ?? none, $1.message)
        }
        return (TagRegistry(entries: entries), problems)
    }

    /// An entry as read, before its spellings and slug are checked against the others.
    struct Draft {
        var entry: TagRegistry.Entry
        /// The tag slug of the name.
        var nameKey: String
        var nameAt: SourceLocation
        var slugAt: SourceLocation
        var aliases: [(text: String, key: String, location: SourceLocation)]
        var hasErrors: Bool
    }

    private static func readEntry(_ name: String, _ reader: inout FieldReader) -> Draft? {
        let nameAt = reader.location(ofKey: name)
        let trimmed = name.trimmed
        guard let nameKey = Slug.tag(trimmed) else {
            reader.error("tag '\(name)' has nothing that can be used in a URL", at: nameAt)
            return nil
        }
        var draft = Draft(
            entry: TagRegistry.Entry(
                name: trimmed, en: nil, slug: nameKey, aliases: [], line: nameAt.line ?? 1),
            nameKey: nameKey, nameAt: nameAt, slugAt: nameAt, aliases: [], hasErrors: false)
        guard let node = reader.node(name) else { return draft }  // `名前:` alone registers it
        guard case .mapping = node, var fields = reader.mapping(name) else {
            reader.error(
                "tag '\(trimmed)' must be a mapping with 'en', 'slug' or 'aliases', found \(FieldReader.describe(node))",
                at: reader.location(of: node))
            return nil
        }
        for key in fields.order where !keys.contains(key) {
            let suggestion = Suggestion.closest(to: key, among: keys)
            fields.error(
                "unknown key '\(key)' in tag '\(trimmed)'", at: fields.location(ofKey: key),
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "use 'en', 'slug' or 'aliases'")
        }
        // An English name equal to the name (`OpenAI: {en: OpenAI}`) would show it twice.
        let en = fields.string("en").flatMap { $0.isEmpty || $0 == trimmed ? nil : $0 }
        var slug = nameKey
        if let registered = fields.string("slug") {
            draft.slugAt = fields.location(of: fields.node("slug"))
            if TagRegistry.isValidSlug(registered) {
                slug = registered
            } else {
                // From the English name, or from the slug itself when it is ASCII (a hint made
                // from the Latin letters of `生成ai` alone would be misleading).
                let isASCII = registered.utf8.allSatisfy { $0 < 0x80 }
                let example =
                    en.flatMap(TagRegistry.suggestedSlug(for:))
                    ?? (isASCII ? TagRegistry.suggestedSlug(for: registered) : nil)
                fields.error(
                    "invalid slug '\(registered)' for tag '\(trimmed)': use lower-case ASCII letters, digits and single '-' between words",
                    at: draft.slugAt, hint: example.map { "e.g. '\($0)'" })
            }
        }
        for alias in fields.located(stringList: "aliases") {
            guard let key = Slug.tag(alias.text) else {
                fields.error(
                    "alias '\(alias.text)' of tag '\(trimmed)' has nothing that can be used in a URL",
                    at: alias.location)
                continue
            }
            draft.aliases.append((alias.text, key, alias.location))
        }
        draft.hasErrors = !fields.problems.isEmpty
        reader.problems += fields.problems
        draft.entry = TagRegistry.Entry(
            name: trimmed, en: en, slug: slug, aliases: draft.aliases.map(\.text),
            line: draft.entry.line)
        return draft
    }

    /// Which entry has claimed each spelling and slug so far.
    private struct Claims {
        var names: [String: (name: String, line: Int)] = [:]
        var aliases: [String: (name: String, line: Int)] = [:]
        var slugs: [String: (name: String, line: Int)] = [:]

        mutating func claimName(_ draft: Draft, _ reader: inout FieldReader) -> Bool {
            if let earlier = names[draft.nameKey] {
                reader.error(
                    "tag '\(draft.entry.name)' is the same tag as '\(earlier.name)' (line \(earlier.line))",
                    at: draft.nameAt,
                    hint: "tags that differ only in case are one tag: merge the two entries")
                return false
            }
            names[draft.nameKey] = (draft.entry.name, draft.entry.line)
            return true
        }

        mutating func claimAliases(_ draft: Draft, _ reader: inout FieldReader) -> Bool {
            var isValid = true
            let name = draft.entry.name
            for alias in draft.aliases {
                if alias.key == draft.nameKey {
                    reader.error(
                        "alias '\(alias.text)' of tag '\(name)' is the tag's own name",
                        at: alias.location)
                } else if let owner = names[alias.key] {
                    reader.error(
                        "alias '\(alias.text)' of tag '\(name)' is the name of tag '\(owner.name)' (line \(owner.line))",
                        at: alias.location,
                        hint: "remove the alias, or merge the two entries into one")
                } else if let owner = aliases[alias.key] {
                    let what =
                        owner.name == name
                        ? "listed twice"
                        : "already an alias of tag '\(owner.name)' (line \(owner.line))"
                    reader.error(
                        "alias '\(alias.text)' of tag '\(name)' is \(what)", at: alias.location)
                } else {
                    aliases[alias.key] = (name, draft.entry.line)
                    continue
                }
                isValid = false
            }
            return isValid
        }

        mutating func claimSlug(_ draft: Draft, _ reader: inout FieldReader) -> Bool {
            let slug = draft.entry.slug
            if let owner = slugs[slug] {
                reader.error(
                    "slug '\(slug)' of tag '\(draft.entry.name)' is already the slug of tag '\(owner.name)' (line \(owner.line))",
                    at: draft.slugAt, hint: "give one of them another 'slug'")
                return false
            }
            slugs[slug] = (draft.entry.name, draft.entry.line)
            return true
        }
    }
}
