import Foundation
import SitegenBase
import SitegenCommandLine
import SitegenCore

/// A progress bar for `build` on standard error.
///
/// It appears only when standard error is a terminal and only once a build has run for a second,
/// so quick builds, pipes and CI logs get just the summary line. Progress follows the pipeline's
/// stages (SiteBuilder logs each one as it ends), weighted by their usual share of a large build.
struct BuildProgress: Sendable {
    private let bar: ProgressBar?
    private let ticker: Task<Void, Never>?

    /// Starts a bar, or a silent stand-in when `isEnabled` is false.
    static func start(isEnabled: Bool) -> BuildProgress {
        guard isEnabled else { return BuildProgress(bar: nil, ticker: nil) }
        let bar = ProgressBar()
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                await bar.draw()
            }
        }
        return BuildProgress(bar: bar, ticker: ticker)
    }

    /// Whether standard error is a terminal that can redraw a line.
    static var isTerminal: Bool {
        Platform.isStandardErrorTerminal && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Takes one of SiteBuilder's log lines (`parse: 0.41 s`).
    func log(_ line: String) {
        guard let bar, let colon = line.firstIndex(of: ":") else { return }
        let stage = String(line[..<colon])
        Task { await bar.finished(stage) }
    }

    /// Removes the bar, so that the summary line takes its place.
    func finish() async {
        ticker?.cancel()
        await bar?.clear()
    }
}

/// The bar's state and drawing.
private actor ProgressBar {
    /// The stages in the order they end when search is on, with their share of a typical large
    /// build. A stage counts as done once it or a later one has ended: a build without search
    /// skips "search index", and without search the markdown ends after the plan.
    static let stages: [(name: String, weight: Double)] = [
        ("load", 0.08), ("parse", 0.15), ("assemble", 0.05), ("markdown", 0.07),
        ("search index", 0.10), ("plan", 0.10), ("render and write", 0.45),
    ]
    static let width = 30

    private let started = Date()
    private var done: Set<String> = []
    private var hasDrawn = false
    private var isCleared = false

    func finished(_ stage: String) {
        done.insert(stage)
    }

    func draw() {
        let elapsed = Date().timeIntervalSince(started)
        guard !isCleared, elapsed >= 1 else { return }
        let reached = Self.stages.lastIndex { done.contains($0.name) }.map { $0 + 1 } ?? 0
        let fraction = Self.stages.prefix(reached).reduce(0) { $0 + $1.weight }
        let current = reached < Self.stages.count ? Self.stages[reached].name : "done"
        let filled = min(Self.width, Int((fraction * Double(Self.width)).rounded()))
        let bar =
            String(repeating: "█", count: filled)
            + String(repeating: "░", count: Self.width - filled)
        let line =
            "\r\(bar) \(Int((fraction * 100).rounded()))%  \(current)…  "
            + String(format: "%.1f s", elapsed) + "\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
        hasDrawn = true
    }

    func clear() {
        isCleared = true
        if hasDrawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
