/// A tag as shown (its first spelling in the site) and the URL slug that identifies it.
public struct Tag: Sendable, Equatable, Hashable {
    /// The name as first written, e.g. `生成AI`.
    public let name: String
    /// The path segment, e.g. `生成ai`: tags with one slug are one tag.
    public let slug: String
}
