import SitegenBase

/// Everything a build reads from a site folder.
public struct SiteSources: Sendable {
    /// `site.yml`, when there is one.
    public let config: SourceFile?
    /// Brief files (`content/briefs/**/*.md`), sorted by path.
    public let briefs: [SourceFile]
    /// Standalone pages (`content/pages/**/*.md`), sorted by path.
    public let pages: [SourceFile]
    /// Template files (`templates/**/*.mustache`), sorted by path.
    public let templates: [SourceFile]
    /// Files under `templates/static/`, as paths relative to that folder, sorted.
    public let staticFiles: [String]
}

/// Reads a site folder: the first stage of the pipeline.
///
/// It walks `content/`, `templates/` and reads `site.yml`, returning bytes with paths relative
/// to the site root. It decides nothing about what the bytes mean.
public struct ContentLoader: Sendable {
    /// The site folder.
    public let root: String
    /// How to reach the disk.
    public let fileSystem: FileSystem

    /// Creates a loader for the site at `root`.
    public init(root: String, fileSystem: FileSystem = .disk) {
        self.root = root
        self.fileSystem = fileSystem
    }

    /// The site's input files by kind (paths relative to the site root), without reading them.
    public struct Inventory: Sendable {
        /// `site.yml`, when it exists.
        public var config: String?
        public var briefs: [String] = []
        public var pages: [String] = []
        public var templates: [String] = []
        /// Relative to `templates/static/`.
        public var staticFiles: [String] = []
        /// The listed files' stamps by path (relative to the site root), briefs aside, when the
        /// file system gives them with the listing.
        public var stamps: [String: FileStamp] = [:]
        /// The briefs' stamps in the order of `briefs`, when the listing gives them.
        public var briefStamps: [FileStamp?] = []
    }

    /// Lists the input files; unlistable folders become errors.
    public func inventory() -> (inventory: Inventory, problems: [SitegenError]) {
        var problems: [SitegenError] = []
        var stamps: [String: FileStamp] = [:]
        /// The files under a folder, as paths relative to the site root, with their stamps when
        /// the listing gives them.
        func listStamped(_ relative: String) -> [(path: String, stamp: FileStamp?)] {
            do {
                guard let listStamped = fileSystem.listStampedFiles else {
                    return try (fileSystem.listFiles(root + "/" + relative) ?? []).map {
                        (relative + "/" + $0, nil)
                    }
                }
                return try (listStamped(root + "/" + relative) ?? []).map {
                    (relative + "/" + $0.path, $0.stamp)
                }
            } catch {
                problems.append(
                    SitegenError(
                        .io, "cannot list folder: \(error.localizedDescription)",
                        at: SourceLocation(path: relative)))
                return []
            }
        }
        func list(_ relative: String) -> [String] {
            listStamped(relative).map { file in
                if let stamp = file.stamp { stamps[file.path] = stamp }
                return file.path
            }
        }
        var inventory = Inventory()
        inventory.config = fileSystem.kind(root + "/site.yml") == .file ? "site.yml" : nil
        // Briefs keep their stamps beside them, in order: a site has thousands.
        let briefs = listStamped("content/briefs").filter { $0.path.hasSuffix(".md") }
        inventory.briefs = briefs.map(\.path)
        inventory.briefStamps = briefs.map(\.stamp)
        inventory.pages = list("content/pages").filter { $0.hasSuffix(".md") }
        let templateNames = list("templates").map { String($0.dropFirst("templates/".count)) }
        inventory.templates = templateNames.filter {
            $0.hasSuffix(".mustache") && !$0.hasPrefix("static/")
        }
        .map { "templates/" + $0 }
        inventory.staticFiles = templateNames.filter { $0.hasPrefix("static/") }.map {
            String($0.dropFirst(7))
        }
        inventory.stamps = stamps
        return (inventory, problems)
    }

    /// Reads one file (a path relative to the site root).
    public func read(_ relative: String) -> Result<SourceFile?, SitegenError> {
        do {
            return .success(
                try fileSystem.read(root + "/" + relative).map {
                    SourceFile(path: relative, bytes: $0)
                })
        } catch {
            return .failure(
                SitegenError(
                    .io, "cannot read file: \(error.localizedDescription)",
                    at: SourceLocation(path: relative)))
        }
    }

    /// The size and modification time of a file (a path relative to the site root).
    public func stamp(_ relative: String) -> FileStamp? {
        fileSystem.stamp(root + "/" + relative)
    }

    /// Reads one file, adding a problem to `problems` instead of failing.
    public func read(_ relative: String, problems: inout [SitegenError]) -> SourceFile? {
        switch read(relative) {
        case .success(let file): return file
        case .failure(let problem):
            problems.append(problem)
            return nil
        }
    }

    /// Reads everything; unreadable files become errors, not a thrown stop.
    public func load() -> (sources: SiteSources, problems: [SitegenError]) {
        var (inventory, problems) = self.inventory()
        func read(_ path: String) -> SourceFile? { self.read(path, problems: &problems) }
        let sources = SiteSources(
            config: inventory.config.flatMap(read), briefs: inventory.briefs.compactMap(read),
            pages: inventory.pages.compactMap(read),
            templates: inventory.templates.compactMap(read),
            staticFiles: inventory.staticFiles)
        return (sources, problems)
    }
}
