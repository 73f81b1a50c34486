/// Finds tags that differ only by case, width or spacing, for `sitegen check`, and suggests the
/// `tags.yml` entry that makes them one tag.
///
/// Spellings that differ only in case already share a slug (SPEC §4) and are one tag; the rest
/// (`OpenAI`, `ＯｐｅｎＡＩ`, `Open AI`) are separate tags with separate pages until the registry
/// merges them. Each group is one warning at the newest brief that uses a less used spelling.
public enum TagVariantCheck {
    /// One warning per group of look-alike tags in `site`, sorted by the suggested name.
    public static func warnings(in site: Site) -> [SitegenError] {
        let usages = site.tags.map {
            TagVariants.Usage(name: $0.tag.name, slug: $0.tag.slug, count: $0.articles.count)
        }
        var bySlug: [String: Site.TagListing] = [:]
        for listing in site.tags { bySlug[listing.tag.slug] = listing }
        return TagVariants.groups(usages).map { group in
            let at = group.others.first.flatMap { bySlug[$0.slug]?.articles.first }.map {
                SourceLocation(path: $0.sourcePath)
            }
            let entry = group.suggestedEntry.split(separator: "\n").joined(separator: "\n      ")
            return SitegenError(
                .field, group.message, at: at,
                hint: "make them one tag in \(TagRegistryLoader.fileName):\n      \(entry)",
                severity: .warning)
        }
    }
}
