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
        int(Int64(brief.slugLine))
        fields(brief.fields)
        int(Int64(entry.warnings.count))
        for warning in entry.warnings { self.warning(warning) }
    }

    /// Every field, in `BriefField` order (read back by `ByteReader.fields`).
    mutating func fields(_ fields: BriefFields) {
        for field in BriefField.allCases {
            switch field {
            case .title: string(fields.title)
            case .titleEN: optional(fields.titleEN)
            case .date: timestamp(fields.date)
            case .updated:
                bool(fields.updated != nil)
                if let updated = fields.updated { timestamp(updated) }
            case .source:
                string(fields.source.url)
                string(fields.source.name)
                string(fields.source.host)
            case .tags:
                varint(fields.tags.count)
                for tag in fields.tags {
                    string(tag.name)
                    string(tag.slug)
                }
            case .summary: strings(fields.summary)
            case .summaryEN: strings(fields.summaryEN)
            case .isGenerated: bool(fields.isGenerated)
            case .isDraft: bool(fields.isDraft)
            case .slug: string(fields.slug)
            case .language: string(fields.language)
            }
        }
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
            let slugLine = int(), let fields = fields(),
            let warningCount = int(), warningCount >= 0
        else { return nil }
        var warnings: [SitegenError] = []
        for _ in 0..<warningCount {
            guard let warning = warning() else { return nil }
            warnings.append(warning)
        }
        let brief = ParsedBrief(
            sourcePath: path, fields: fields, slugLine: Int(slugLine), sections: [],
            frontMatterHash: frontMatterHash)
        return BuildCache.Entry(
            stamp: stamp, contentHash: contentHash, brief: brief, warnings: warnings)
    }

    /// What `ByteWriter.fields` wrote.
    mutating func fields() -> BriefFields? {
        var fields = BriefFields.blank
        for field in BriefField.allCases {
            switch field {
            case .title:
                guard let title = string() else { return nil }
                fields.title = title
            case .titleEN:
                guard let titleEN = optional() else { return nil }
                fields.titleEN = titleEN
            case .date:
                guard let date = timestamp() else { return nil }
                fields.date = date
            case .updated:
                guard let hasUpdated = bool() else { return nil }
                if hasUpdated {
                    guard let updated = timestamp() else { return nil }
                    fields.updated = updated
                }
            case .source:
                guard let url = string(), let name = string(), let host = string() else {
                    return nil
                }
                fields.source = ArticleSource(url: url, name: name, host: host)
            case .tags:
                guard let count = varint(), count < 1_000_000 else { return nil }
                for _ in 0..<count {
                    guard let name = string(), let slug = string() else { return nil }
                    fields.tags.append(Tag(name: name, slug: slug))
                }
            case .summary:
                guard let summary = strings() else { return nil }
                fields.summary = summary
            case .summaryEN:
                guard let summaryEN = strings() else { return nil }
                fields.summaryEN = summaryEN
            case .isGenerated:
                guard let isGenerated = bool() else { return nil }
                fields.isGenerated = isGenerated
            case .isDraft:
                guard let isDraft = bool() else { return nil }
                fields.isDraft = isDraft
            case .slug:
                guard let slug = string() else { return nil }
                fields.slug = slug
            case .language:
                guard let language = string() else { return nil }
                fields.language = language
            }
        }
        return fields
    }
}
