import Foundation
import SitegenCore
import Testing

/// Finds fixtures next to this file and builds them into fresh temporary folders.
enum Fixture {
    /// `Tests/SitegenBuildTests/Fixtures`, found from this source file so recording writes into the repo.
    static let root: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.appendingPathComponent("Fixtures").path
    }()

    /// A fixed "now": 2026-11-19T17:33:20Z.
    static let now: Int64 = 1_795_000_000

    static func path(_ name: String) -> String { root + "/" + name }

    /// A new, empty temporary folder owned by one test.
    static func temporaryDirectory(_ label: String = "sitegen-test") throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies a fixture into a temporary folder, so a test may change it.
    static func copy(_ name: String) throws -> String {
        let target = try temporaryDirectory(name.replacingOccurrences(of: "/", with: "-")) + "/site"
        try FileManager.default.copyItem(atPath: path(name), toPath: target)
        try? FileManager.default.removeItem(atPath: target + "/expected")
        try? FileManager.default.removeItem(atPath: target + "/expected-errors.txt")
        return target
    }

    /// Builds a site folder into `output` (default: a new temporary folder) with the fixed now.
    @discardableResult
    static func build(
        source: String, output: String? = nil, baseURL: String? = nil, drafts: Bool = false,
        future: Bool = false, strict: Bool = false
    ) async throws -> (output: String, report: BuildReport) {
        let target = try output ?? (temporaryDirectory("sitegen-out") + "/public")
        let options = BuildOptions(
            source: source, output: target, baseURL: baseURL, includeDrafts: drafts,
            includeFuture: future, isStrict: strict, now: now)
        let report = try await SiteBuilder(options: options).build()
        return (target, report)
    }

    /// Builds and expects failure; returns the printed problems, one per line.
    static func failures(source: String, strict: Bool = false, output: String? = nil) async throws
        -> [String]
    {
        let target = try output ?? (temporaryDirectory("sitegen-out") + "/public")
        let options = BuildOptions(source: source, output: target, isStrict: strict, now: now)
        do {
            _ = try await SiteBuilder(options: options).build()
        } catch {
            return error.errors.map(\.description)
        }
        Issue.record("expected the build of \(source) to fail")
        return []
    }

    /// Every file under a folder, as sorted relative paths.
    static func files(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [String] = []
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: directory + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                result.append(item)
            }
        }
        return result.sorted()
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}

/// Compares a built site with `expected/`: the same file list and the same bytes.
///
/// `SITEGEN_RECORD=1` rewrites `expected/` from the build and still fails, so a recording is
/// always reviewed before it passes.
enum Golden {
    static var isRecording: Bool { ProcessInfo.processInfo.environment["SITEGEN_RECORD"] == "1" }

    static func compare(
        output: String, expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let fm = FileManager.default
        if isRecording {
            try? fm.removeItem(atPath: expected)
            try fm.copyItem(atPath: output, toPath: expected)
            Issue.record(
                "recorded golden files in \(expected); unset SITEGEN_RECORD and review the diff",
                sourceLocation: sourceLocation)
            return
        }
        let produced = Fixture.files(under: output)
        let wanted = Fixture.files(under: expected)
        #expect(
            produced == wanted, "file list differs from \(expected)", sourceLocation: sourceLocation
        )
        for path in Set(produced).intersection(wanted).sorted() {
            let got = fm.contents(atPath: output + "/" + path) ?? Data()
            let want = fm.contents(atPath: expected + "/" + path) ?? Data()
            if got != want {
                Issue.record(
                    "\(path) differs from the golden file:\n\(lineDiff(String(decoding: want, as: UTF8.self), String(decoding: got, as: UTF8.self)))",
                    sourceLocation: sourceLocation)
            }
        }
    }

    /// The first few differing lines, `-` expected and `+` produced.
    static func lineDiff(_ expected: String, _ produced: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = produced.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(a.count, b.count) where lines.count < 20 {
            let left = index < a.count ? String(a[index]) : nil
            let right = index < b.count ? String(b[index]) : nil
            if left != right {
                if let left { lines.append("  line \(index + 1) - \(left)") }
                if let right { lines.append("  line \(index + 1) + \(right)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// A small deterministic generator (SplitMix64) for randomised edit sequences.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
