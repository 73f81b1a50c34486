import Foundation
import SitegenCore

/// Writes to the terminal: diagnostics and progress go to standard error.
public enum Terminal {
    public static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints every problem of a failed run, warnings first, then a count.
    public static func report(_ failure: BuildFailure) {
        for problem in failure.warnings + failure.errors { error(problem.description) }
        let count = failure.errors.count
        error("\(count) error\(count == 1 ? "" : "s"); nothing was written")
    }
}
