import Foundation
import SitegenCore

extension Terminal {
    /// Writes a result line (a created file's path, the server's address) to standard output.
    public static func output(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Prints problems collected outside a build, warnings first, then a count of the errors.
    public static func report(
        errors: [SitegenError], warnings: [SitegenError], nothingWritten: Bool = true
    ) {
        var diagnostics = Diagnostics()
        diagnostics.add(contentsOf: warnings + errors)
        for problem in diagnostics.warnings + diagnostics.errors { error(problem.description) }
        let count = errors.count
        error(
            "\(count) error\(count == 1 ? "" : "s")"
                + (nothingWritten ? "; nothing was written" : ""))
    }
}
