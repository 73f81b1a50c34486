import SitegenBase

/// What a build checks before it touches the output: one build at a time per site, and an
/// output folder that is neither a link swapped away nor a folder the build reads.
extension SiteBuilder {
    /// The output folder to write: a symbolic link is resolved, so the swap happens beside the
    /// folder it leads to and the link itself stays.
    func resolvedOutput() -> String {
        guard Platform.isLink(options.output), let target = Platform.resolved(options.output) else {
            return options.output
        }
        return target
    }

    /// An error when the output folder is the site folder, or inside `content/` or `templates/`
    /// (the build would read what it writes).
    func checkOutsideSources(_ output: String) -> SitegenError? {
        guard let source = Platform.resolved(options.source) else { return nil }
        let full = Self.absolute(output)
        for (folder, what) in [
            ("", "the site folder"), ("/content", "content/"), ("/templates", "templates/"),
        ] {
            let inside = source + folder
            if full == inside || (!folder.isEmpty && full.hasPrefix(inside + "/")) {
                return SitegenError(
                    .output,
                    "the output folder '\(options.output)' is \(folder.isEmpty ? "" : "inside ")\(what): the build would read its own output",
                    hint: "write it beside content/ and templates/, for example --output public")
            }
        }
        return nil
    }

    /// A path with its existing part resolved (links, `.`, `..`), the rest appended.
    static func absolute(_ path: String) -> String {
        if let resolved = Platform.resolved(path) { return resolved }
        guard let slash = path.lastIndex(of: "/") else {
            return (Platform.resolved(".") ?? ".") + "/" + path
        }
        let parent = slash == path.startIndex ? "/" : String(path[..<slash])
        let name = String(path[path.index(after: slash)...])
        return absolute(parent) + (absolute(parent).hasSuffix("/") ? "" : "/") + name
    }

    /// Takes the site's build lock (`.sitegen/lock`); closing the returned file releases it.
    /// A second build on the site fails at once rather than waiting.
    func lockSite() throws(BuildFailure) -> Int32? {
        let folder = options.source + "/.sitegen"
        guard fileSystem.kind(options.source) == .directory else { return nil }
        try? fileSystem.makeDirectory(folder)
        let result: Swift.Result<Int32, Platform.LockHeld>
        do {
            result = try Platform.lock(folder + "/lock")
        } catch {
            return nil  // a read-only site folder: the build reports what it cannot write
        }
        switch result {
        case .success(let descriptor): return descriptor
        case .failure(let held):
            throw BuildFailure(
                errors: [
                    SitegenError(
                        .output,
                        "another sitegen build is running on this site (pid \(held.processID))",
                        at: SourceLocation(path: ".sitegen/lock"),
                        hint: "wait for it to finish, then build again")
                ], warnings: [])
        }
    }
}
