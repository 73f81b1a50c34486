/// sitegen's version, shown by `--version` and keyed into build caches.
public enum SitegenVersion {
    /// The current version. Raise it whenever a build writes something else for the same inputs
    /// (0.2.0: feed entries carry their HTML as CDATA), so that no cache written by an older
    /// sitegen stands in for the new output.
    public static let current = "0.2.0"
}
