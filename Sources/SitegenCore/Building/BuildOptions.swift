import Foundation

/// What a build should do: where to read and write, and which briefs to include.
public struct BuildOptions: Sendable {
    /// The site folder (with `site.yml`, `content/`, `templates/`).
    public var source: String
    /// The output folder; relative paths are taken from the site folder's parent working directory.
    public var output: String
    /// Overrides `base_url` from `site.yml`.
    public var baseURL: String?
    /// Includes drafts.
    public var includeDrafts: Bool
    /// Includes briefs dated after `now`.
    public var includeFuture: Bool
    /// Treats warnings as errors.
    public var isStrict: Bool
    /// Reports a draft's problems as errors even when drafts are not built (`check`); without
    /// it, and without `includeDrafts`, they are warnings and a broken draft is left out.
    public var checksDrafts = false
    /// "Now", in seconds since the epoch: `SOURCE_DATE_EPOCH` when set.
    public var now: Int64
    /// Where the build cache lives (`.sitegen` in the site folder for the command line); `nil`
    /// builds from scratch and remembers nothing.
    public var cacheDirectory: String?
    /// Leaves the build's memory (every brief, page and prepared value) unfreed when the build
    /// ends, for a process that exits right after it, as `sitegen build` does: freeing it would
    /// only delay the exit. Long-running processes (tests, `serve`) leave this off.
    public var exitsAfterBuild = false
    /// Above this many briefs a site builds as a large one, so that what the build holds stays
    /// bounded (#14; at 100,000 briefs each of these held hundreds of MB): each brief's Markdown
    /// is let go once parsed and read again from its file (checked against the hash taken when
    /// it was parsed) in the markdown stage; the cards prepared for listings keep only the
    /// fields the listing templates can look up (`card_html` alone for the built-in theme) and
    /// brief pages make their own; the search index's files go to the spool rather than stay in
    /// memory. The output is the same either way.
    public var largeSiteBriefs = 20_000

    /// Creates options; `now` defaults to `SOURCE_DATE_EPOCH` or the clock.
    public init(
        source: String = ".", output: String? = nil, baseURL: String? = nil,
        includeDrafts: Bool = false, includeFuture: Bool = false, isStrict: Bool = false,
        now: Int64? = nil, cacheDirectory: String? = nil
    ) {
        self.cacheDirectory = cacheDirectory
        self.source = source
        self.output = output ?? (source == "." ? "public" : source + "/public")
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.isStrict = isStrict
        self.now = now ?? Self.environmentNow()
    }

    /// `SOURCE_DATE_EPOCH` when it is set to a number, otherwise the clock.
    public static func environmentNow(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Int64 {
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) { return seconds }
        return Int64(Date().timeIntervalSince1970)
    }
}

/// What a finished build reports.
public struct BuildReport: Sendable {
    /// Briefs published.
    public let briefCount: Int
    /// Distinct tags.
    public let tagCount: Int
    /// HTML pages written.
    public let pageCount: Int
    /// All files written, static files included.
    public let fileCount: Int
    /// Briefs held back because they are dated after "now".
    public let heldBack: Int
    /// The earliest date of a held-back brief.
    public let nextRelease: Timestamp?
    /// Drafts left out.
    public let draftsSkipped: Int
    /// Files written or replaced (unchanged ones are carried over without being rendered).
    public let filesWritten: Int
    /// Whether nothing had changed since the last build, so nothing was written at all.
    public let isUpToDate: Bool
    /// Warnings (empty with `--strict`, which fails on them instead).
    public let warnings: [SitegenError]
    /// Seconds each stage took, in order.
    public let timings: [(stage: String, seconds: Double)]
    /// Whether only briefs' bodies had changed, so only the files showing them were redone
    /// (see `BodyPatch`).
    public var isBodyPatch = false
    /// Brief files read and parsed by this build; the others came from the cache.
    public var briefsParsed = 0
}
