import Foundation

/// Named moments of a build at which a test can make it wait, to kill it there
/// (`KilledBuildTests`): a kill that provably lands inside a running build.
///
/// With `SITEGEN_WAIT_AT=<point>` and `SITEGEN_WAIT_FILE=<path>` in the environment, a build
/// reaching that point creates the file and waits while it exists (two minutes at most).
/// Points: every stage name `--timings` shows, as the stage ends (`parse`, `plan`,
/// `render and write`, …), `written` (the pages written, nothing swapped yet) and
/// `swapping` (the live site moved aside, the new one not yet in its place). Without the
/// variables a point costs one comparison.
enum KillPoint {
    private static let wanted: (point: String, file: String)? = {
        let environment = ProcessInfo.processInfo.environment
        guard let point = environment["SITEGEN_WAIT_AT"],
            let file = environment["SITEGEN_WAIT_FILE"]
        else { return nil }
        return (point, file)
    }()

    /// Waits here when the environment asks for this point.
    static func reached(_ point: String) {
        guard let wanted, wanted.point == point else { return }
        let fileSystem = FileSystem.disk
        guard (try? fileSystem.write([], wanted.file)) != nil else { return }
        let deadline = Date().addingTimeInterval(120)
        while fileSystem.kind(wanted.file) == .file, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}
