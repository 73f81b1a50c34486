import SitegenCore

/// What the preview server shows: the last good build, and the errors of the latest build if it
/// failed.
public struct PreviewState: Sendable {
    /// Counts published states; open pages reload when it changes.
    public let generation: Int
    /// Rendered files by output path (`briefs/a/index.html`), exactly as `build` writes them.
    let files: [String: [UInt8]]
    /// Static files by output path, with the file on disk they are copied from.
    let staticFiles: [String: String]
    /// The path every page is under (`/` or `/briefs/`).
    public let basePath: String
    /// The errors of the latest build; empty when it succeeded.
    public let problems: [SitegenError]
    /// Whether any build has succeeded yet.
    public let hasSite: Bool

    /// The state before the first build.
    static func empty(basePath: String) -> PreviewState {
        PreviewState(
            generation: 0, files: [:], staticFiles: [:], basePath: basePath, problems: [],
            hasSite: false)
    }

    /// The state after a successful build.
    func built(_ result: SiteBuilder.Result) -> PreviewState {
        var files: [String: [UInt8]] = [:]
        for file in result.files { files[file.path] = file.bytes }
        var statics: [String: String] = [:]
        for item in result.staticFiles { statics[item.to] = item.from }
        return PreviewState(
            generation: generation + 1, files: files, staticFiles: statics, basePath: basePath,
            problems: [], hasSite: true)
    }

    /// The state after a failed build: the last good site, with the errors on top.
    func failed(_ problems: [SitegenError]) -> PreviewState {
        PreviewState(
            generation: generation + 1, files: files, staticFiles: staticFiles, basePath: basePath,
            problems: problems, hasSite: hasSite)
    }

    /// Whether the site has a file at an output path.
    func has(_ path: String) -> Bool { files[path] != nil || staticFiles[path] != nil }
}
