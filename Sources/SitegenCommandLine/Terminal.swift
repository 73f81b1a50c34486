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

extension Terminal {
    /// The start of a build's summary line: `built 990 briefs (10 drafts, 2 scheduled)`, with
    /// the parenthesis only when there are drafts or briefs held back for a later date.
    public static func builtSummary(briefs: Int, drafts: Int, scheduled: Int) -> String {
        var line = "built \(briefs) briefs"
        var parts: [String] = []
        if drafts > 0 { parts.append("\(drafts) draft\(drafts == 1 ? "" : "s")") }
        if scheduled > 0 { parts.append("\(scheduled) scheduled") }
        if !parts.isEmpty { line += " (" + parts.joined(separator: ", ") + ")" }
        return line
    }
}
