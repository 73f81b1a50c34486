/// sitegen's version, shown by `--version` and keyed into build caches.
public enum SitegenVersion {
    /// The current version.
    public static let current = "0.1.0"
}
