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

    /// The fingerprint covers every embedded byte, so a binary with another theme does not take
    /// a build cache written by this one as up to date.
    @Test func theFingerprintIsAHashOfEveryEmbeddedFile() {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let parts =
            DefaultTheme.templates.sorted { $0.key + ".mustache" < $1.key + ".mustache" }.map(
                \.value)
            + DefaultTheme.staticFiles.sorted { $0.key < $1.key }.map(\.value)
            + [DefaultTheme.searchScript]
        for part in parts {
            for byte in Array(part.utf8) + [0] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        let hex = String(hash, radix: 16)
        #expect(DefaultTheme.fingerprint == String(repeating: "0", count: 16 - hex.count) + hex)
    }
}

/// Issue #12's theme points, read from the shipped `style.css` and settings.
@Suite struct ThemeReadabilityTests {
    static let css =
        (try? String(
            contentsOfFile: DefaultThemeTests.templates + "/static/style.css", encoding: .utf8))
        ?? ""

    /// The value of a custom property in the first block after `marker`.
    static func variable(_ name: String, after marker: String) -> String? {
        guard let start = css.range(of: marker) else { return nil }
        let rest = css[start.upperBound...]
        guard let found = rest.range(of: "--\(name):") else { return nil }
        let value = rest[found.upperBound...].prefix { $0 != ";" }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// WCAG 2 contrast ratio of two `#rrggbb` colours.
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let digits = Array(hex.dropFirst())
            let channels = stride(from: 0, to: 6, by: 2).map { index -> Double in
                let value = Double(Int(String(digits[index...index + 1]), radix: 16) ?? 0) / 255
                return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func theAIBadgeReadsAtAALevelInBothSchemes() throws {
        for marker in [":root {", "prefers-color-scheme: dark"] {
            let text = try #require(Self.variable("notice-text", after: marker))
            let background = try #require(Self.variable("notice-bg", after: marker))
            // The badge's English words are drawn at 85 % opacity over its background.
            #expect(Self.contrast(text, background) >= 4.5, "\(marker): \(text) on \(background)")
            let faded = Self.blend(text, over: background, opacity: 0.85)
            #expect(Self.contrast(faded, background) >= 4.5, "\(marker): \(faded)")
        }
        #expect(Self.css.contains(".badge span[lang|=\"en\"] { opacity: 0.85;"))
    }

    @Test func theDisclaimersAIBadgeReadsAtAALevelInBothSchemes() throws {
        for marker in [":root {", "prefers-color-scheme: dark"] {
            let text = try #require(Self.variable("notice-badge-text", after: marker))
            let background = try #require(Self.variable("notice-badge-bg", after: marker))
            #expect(Self.contrast(text, background) >= 4.5, "\(marker): \(text) on \(background)")
        }
        let badge = try #require(Self.css.range(of: ".disclaimer::before {"))
        let rule = Self.css[badge.upperBound...].prefix { $0 != "}" }
        #expect(rule.contains("background: var(--notice-badge-bg);"))
        #expect(rule.contains("color: var(--notice-badge-text);"))
    }

    static func blend(_ top: String, over bottom: String, opacity: Double) -> String {
        func channels(_ hex: String) -> [Double] {
            let digits = Array(hex.dropFirst())
            return stride(from: 0, to: 6, by: 2).map {
                Double(Int(String(digits[$0...$0 + 1]), radix: 16) ?? 0)
            }
        }
        let mixed = zip(channels(top), channels(bottom)).map { a, b in
            String(format: "%02x", Int((opacity * a + (1 - opacity) * b).rounded()))
        }
        return "#" + mixed.joined()
    }

    @Test func theFontStackPutsJapaneseFacesBeforeSystemUI() throws {
        let stack = try #require(Self.variable("sans", after: ":root {"))
        let families = stack.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(families.first == "\"Hiragino Sans\"")
        let systemUI = try #require(families.firstIndex(of: "system-ui"))
        for face in ["\"Noto Sans JP\"", "\"Yu Gothic UI\"", "Meiryo"] {
            let index = try #require(families.firstIndex(of: face))
            #expect(index < systemUI, "\(face) must come before system-ui")
        }
        #expect(families.last == "sans-serif")
    }

    @Test func theJapaneseDisclaimerUsesJapaneseParentheses() {
        let japanese = SiteConfig.defaults.disclaimers.first { $0.language == "ja" }
        #expect(japanese?.text == "本ページの本文・要約は AI による自動生成です。正確性は元記事（{source}）をご確認ください。")
    }
}
