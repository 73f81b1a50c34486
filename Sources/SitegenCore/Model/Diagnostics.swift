/// Collects errors and warnings across a stage so that a run reports every problem at once.
public struct Diagnostics: Sendable {
    /// Problems collected so far, in the order they were found.
    public private(set) var items: [SitegenError] = []

    /// Creates an empty collection.
    public init() {}

    /// Adds a problem.
    public mutating func add(_ problem: SitegenError) {
        items.append(problem)
    }

    /// Adds several problems.
    public mutating func add(contentsOf problems: [SitegenError]) {
        items.append(contentsOf: problems)
    }

    /// The errors, sorted by location (problems without a location first).
    public var errors: [SitegenError] { Self.sorted(items.filter { $0.severity == .error }) }

    /// The warnings, sorted by location.
    public var warnings: [SitegenError] { Self.sorted(items.filter { $0.severity == .warning }) }

    /// Whether any error was collected.
    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Throws a `BuildFailure` when there are errors; with `strict`, warnings count as errors
    /// (except a skipped draft's).
    public func check(strict: Bool) throws(BuildFailure) {
        let failing =
            strict
            ? items.filter(\.failsStrict).map(\.asError) : items.filter { $0.severity == .error }
        if !failing.isEmpty {
            throw BuildFailure(
                errors: Self.sorted(failing),
                warnings: strict ? Self.sorted(items.filter { !$0.failsStrict }) : warnings)
        }
    }

    static func sorted(_ problems: [SitegenError]) -> [SitegenError] {
        // Stable: problems at the same spot keep the order in which they were found.
        problems.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (l?, r?): return l == r ? a.offset < b.offset : l < r
            }
        }.map(\.element)
    }
}
