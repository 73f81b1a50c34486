import SitegenBase

/// The cache's own values in its byte format: stamps, dates, warnings and briefs.
extension ByteWriter {
    mutating func stamp(_ stamp: BuildCache.Stamp) {
        int(stamp.size)
        int(stamp.modified)
    }

    mutating func timestamp(_ time: Timestamp) {
        int(time.seconds)
        int(Int64(time.offset))
    }

    mutating func entry(_ entry: BuildCache.Entry) {
        let brief = entry.brief
        stamp(entry.stamp)
        uint(entry.contentHash)
        uint(brief.frontMatterHash)
        string(brief.slug)
        int(Int64(brief.slugLine))
        string(brief.title)
        optional(brief.titleEN)
        timestamp(brief.date)
        bool(brief.updated != nil)
        if let updated = brief.updated { timestamp(updated) }
        string(brief.source.url)
        string(brief.source.name)
        string(brief.source.host)
        int(Int64(brief.tags.count))
        for tag in brief.tags {
            string(tag.name)
            string(tag.slug)
        }
        strings(brief.summary)
        strings(brief.summaryEN)
        bool(brief.isGenerated)
        bool(brief.isDraft)
        string(brief.language)
        int(Int64(entry.warnings.count))
        for warning in entry.warnings { self.warning(warning) }
    }

    mutating func warning(_ warning: SitegenError) {
        string(warning.kind.rawValue)
        string(warning.message)
        optional(warning.hint)
        optional(warning.location?.path)
        int(Int64(warning.location?.line ?? 0))
        int(Int64(warning.location?.column ?? 0))
    }
}

extension ByteReader {
    mutating func stamp() -> BuildCache.Stamp? {
        guard let size = int(), let modified = int() else { return nil }
        return BuildCache.Stamp(size: size, modified: modified)
    }

    mutating func timestamp() -> Timestamp? {
        guard let seconds = int(), let offset = int() else { return nil }
        return Timestamp(seconds: seconds, offset: Int(offset))
    }

    mutating func warning() -> SitegenError? {
        guard let kindName = string(), let kind = SitegenError.Kind(rawValue: kindName),
            let message = string(),
            let hint = optional(), let path = optional(), let line = int(), let column = int()
        else { return nil }
        let location = path.map {
            SourceLocation(
                path: $0, line: line == 0 ? nil : Int(line), column: column == 0 ? nil : Int(column)
            )
        }
        return SitegenError(kind, message, at: location, hint: hint, severity: .warning)
    }

    mutating func entry(path: String) -> BuildCache.Entry? {
        guard let stamp = stamp(), let contentHash = uint(), let frontMatterHash = uint(),
            let slug = string(),
            let slugLine = int(), let title = string(),
            let titleEN = optional(), let date = timestamp(), let hasUpdated = bool()
        else { return nil }
        var updated: Timestamp?
        if hasUpdated {
            guard let time = timestamp() else { return nil }
            updated = time
        }
        guard let url = string(), let name = string(), let host = string(), let tagCount = int(),
            tagCount >= 0
        else { return nil }
        var tags: [Tag] = []
        for _ in 0..<tagCount {
            guard let tagName = string(), let tagSlug = string() else { return nil }
            tags.append(Tag(name: tagName, slug: tagSlug))
        }
        guard let summary = strings(), let summaryEN = strings(), let isGenerated = bool(),
            let isDraft = bool(), let language = string()
        else { return nil }
        guard let warningCount = int(), warningCount >= 0 else { return nil }
        var warnings: [SitegenError] = []
        for _ in 0..<warningCount {
            guard let warning = warning() else { return nil }
            warnings.append(warning)
        }
        let brief = ParsedBrief(
            sourcePath: path, slug: slug, slugLine: Int(slugLine), title: title, titleEN: titleEN,
            date: date, updated: updated, source: ArticleSource(url: url, name: name, host: host),
            tags: tags, summary: summary, summaryEN: summaryEN, isGenerated: isGenerated,
            isDraft: isDraft, language: language, sections: [], frontMatterHash: frontMatterHash)
        return BuildCache.Entry(
            stamp: stamp, contentHash: contentHash, brief: brief,
            warnings: warnings)
    }
}
