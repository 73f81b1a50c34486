import Foundation
import Testing

@testable import SitegenCore

/// `DefaultTheme.swift` is generated from the repository's `templates/` by
/// `scripts/embed-theme.py`: the built-in theme must be what the folder holds.
@Suite struct DefaultThemeTests {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates").path

    /// Files under `folder` by relative path, hidden names and (optionally) `static/` left out.
    static func files(under folder: String, skippingStatic: Bool) throws -> [String: String] {
        var found: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: folder + "/" + relative, isDirectory: &isDirectory)
            if name.hasPrefix(".") || isDirectory.boolValue { continue }
            if skippingStatic && (relative == "static" || relative.hasPrefix("static/")) {
                continue
            }
            found[relative] = try String(contentsOfFile: folder + "/" + relative, encoding: .utf8)
        }
        return found
    }

    @Test func theEmbeddedTemplatesAreTheTemplatesFolder() throws {
        var expected: [String: String] = [:]
        for (path, text) in try Self.files(under: Self.templates, skippingStatic: true)
        where path.hasSuffix(".mustache") {
            expected[String(path.dropLast(".mustache".count))] = text
        }
        #expect(!expected.isEmpty)
        #expect(
            DefaultTheme.templates == expected,
            "Sources/SitegenCore/Rendering/DefaultTheme.swift is out of date: run scripts/embed-theme.py"
        )
    }

    @Test func theEmbeddedStaticFilesAreTheStaticFolder() throws {
        let expected = try Self.files(under: Self.templates + "/static", skippingStatic: false)
        #expect(
            DefaultTheme.staticFiles == expected,
            "Sources/SitegenCore/Rendering/DefaultTheme.swift is out of date: run scripts/embed-theme.py"
        )
    }
}
