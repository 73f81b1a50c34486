import Foundation
import SitegenYAML

/// Reads `site.yml` into a `SiteConfig`, applying a default for every key it leaves out.
///
/// Part of the load stage. A missing `site.yml` gives the defaults; a broken one is reported with
/// the line of the offending key, like content files.
public enum SiteConfigLoader {
    /// Keys `site.yml` may have.
    public static let keys = [
        "title", "description", "author", "base_url", "language", "timezone", "paginate",
        "feed_limit", "disclaimer", "search", "image",
    ]

    /// Parses the bytes of `site.yml` (or `nil` when there is none).
    /// - Parameter baseURLOverride: `--base-url`, which wins over the file.
    public static func load(_ file: SourceFile?, baseURLOverride: String? = nil)
        -> (config: SiteConfig, problems: [SitegenError])
    {
        var config = SiteConfig.defaults
        var problems: [SitegenError] = []
        if let file {
            guard String(validating: file.bytes, as: UTF8.self) != nil else {
                return (
                    config,
                    [
                        SitegenError(
                            .encoding, "file is not valid UTF-8",
                            at: SourceLocation(path: file.path, line: 1))
                    ]
                )
            }
            let text = String(decoding: FrontMatter.normalise(file.bytes), as: UTF8.self)
            let positions = YAMLPositions(yaml: text, lineOffset: 0)
            do {
                let root = try YAML.parse(text)
                var reader = FieldReader(
                    root: root, path: file.path, positions: positions, fenceLine: 1,
                    what: "site.yml")
                read(&reader, into: &config)
                problems += reader.problems
            } catch {
                let failure = YAMLFailure(error, positions: positions)
                problems.append(
                    SitegenError(
                        .yaml, failure.message,
                        at: SourceLocation(
                            path: file.path, line: failure.line, column: failure.column)))
            }
        }
        if let baseURLOverride {
            if let url = BaseURL(parsing: baseURLOverride) {
                config.baseURL = url
            } else {
                problems.append(
                    SitegenError(
                        .usage,
                        "--base-url must be an absolute http(s) URL, found '\(baseURLOverride)'"))
            }
        }
        return (config, problems)
    }

    private static func read(_ reader: inout FieldReader, into config: inout SiteConfig) {
        reader.warnUnknownKeys(known: keys)
        if let title = reader.string("title") { config.title = title }
        if let description = reader.string("description") { config.description = description }
        config.author = reader.string("author") ?? config.title
        if let language = reader.string("language") {
            if ContentParser.isLanguageCode(language) {
                config.language = language
            } else {
                reader.error(
                    "'language' must be a language code such as 'ja', found '\(language)'",
                    at: reader.location(of: reader.node("language")))
            }
        }
        if let text = reader.string("base_url") {
            if let url = BaseURL(parsing: text) {
                config.baseURL = url
            } else {
                reader.error(
                    "'base_url' must be an absolute http(s) URL without query or fragment, found '\(text)'",
                    at: reader.location(of: reader.node("base_url")),
                    hint: "e.g. https://example.com/briefs/")
            }
        }
        if let identifier = reader.string("timezone") {
            if let zone = TimeZone(identifier: identifier) {
                config.timeZone = zone
            } else {
                reader.error(
                    "unknown 'timezone' '\(identifier)'",
                    at: reader.location(of: reader.node("timezone")),
                    hint: "use an IANA name such as Asia/Tokyo or UTC")
            }
        }
        if let image = reader.string("image"), !image.isEmpty {
            if image.contains("://") && ContentParser.httpHost(of: image) == nil {
                reader.error(
                    "'image' must be an absolute http(s) URL or a path on the site, found '\(image)'",
                    at: reader.location(of: reader.node("image")),
                    hint: "e.g. image: images/share.png (under templates/static/)")
            } else {
                config.image = image
            }
        }
        config.paginate = number(&reader, "paginate", in: paginateRange) ?? config.paginate
        config.feedLimit = number(&reader, "feed_limit", in: feedLimitRange) ?? config.feedLimit
        config.isSearchEnabled = reader.bool("search", default: true)
        if let node = reader.node("disclaimer") {
            if node.scalar != nil, let text = reader.string("disclaimer") {
                config.disclaimers = [SiteConfig.Disclaimer(language: config.language, text: text)]
            } else if var nested = reader.mapping("disclaimer") {
                var lines: [SiteConfig.Disclaimer] = []
                for language in nested.order {
                    guard ContentParser.isLanguageCode(language) else {
                        nested.error(
                            "disclaimer keys must be language codes, found '\(language)'",
                            at: nested.location(ofKey: language))
                        continue
                    }
                    if let text = nested.string(language) {
                        lines.append(.init(language: language, text: text))
                    }
                }
                reader.problems += nested.problems
                config.disclaimers = lines
            } else {
                reader.error(
                    "'disclaimer' must map language codes to text", at: reader.location(of: node))
            }
        }
    }

    /// The briefs a listing page may show.
    public static let paginateRange = 1...1_000
    /// The entries a feed may carry.
    public static let feedLimitRange = 1...10_000

    /// A whole number in `range`, or an error at the value (so no later arithmetic on it can
    /// overflow, however large the number written).
    private static func number(
        _ reader: inout FieldReader, _ key: String, in range: ClosedRange<Int>
    ) -> Int? {
        guard let text = reader.string(key) else { return nil }
        let isWhole = !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
        guard let value = Int(text), range.contains(value) else {
            let isTooLarge = isWhole && (Int(text).map { $0 > range.upperBound } ?? true)
            reader.error(
                isTooLarge
                    ? "'\(key)' must be at most \(range.upperBound), found '\(text)'"
                    : "'\(key)' must be a whole number above 0, found '\(text)'",
                at: reader.location(of: reader.node(key)))
            return nil
        }
        return value
    }
}
