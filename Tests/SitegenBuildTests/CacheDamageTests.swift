import Foundation
import Testing

@testable import SitegenCore

/// A damaged or moved cache is never trusted (issue #13, case 11): every cache file carries a
/// checksum of its payload seeded with the site folder, and any mismatch discards the cache, so
/// the build equals one without it.
@Suite struct CacheDamageTests {
    @Test func flippedBytesAndTruncationsAnywhereGiveTheBuildWithoutACache() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 12)
        let root = (site.root as NSString).deletingLastPathComponent
        let output = root + "/public"
        let cache = site.root + "/.sitegen"
        let options = BuildOptions(
            source: site.root, output: output, now: Fixture.now, cacheDirectory: cache)
        _ = try await SiteBuilder(options: options).build()
        // The next build reads eleven briefs from the cache: b0 changed.
        try site.write(
            IncrementalBuildTests.brief(0, tags: ["t0"], day: 3, body: "新しい本文。"),
            to: "content/briefs/b0.md")
        let fresh = root + "/fresh"
        _ = try await SiteBuilder(
            options: BuildOptions(source: site.root, output: fresh, now: Fixture.now)
        ).build()
        let expected = IncrementalBuildTests.snapshot(fresh)
        let good = try ["cache", "briefs"].map { name in
            (name, try #require(FileManager.default.contents(atPath: cache + "/" + name)))
        }
        let savedOutput = root + "/saved"
        try FileManager.default.copyItem(atPath: output, toPath: savedOutput)
        var runs = 0
        for (name, bytes) in good {
            let offsets = Set((0..<16).map { $0 * bytes.count / 16 } + [bytes.count - 1])
            for offset in offsets.sorted() {
                for truncate in [false, true] {
                    var damaged = bytes
                    if truncate {
                        damaged = damaged.prefix(offset)
                    } else {
                        damaged[offset] ^= 0x5A
                    }
                    for (other, otherBytes) in good {
                        try (other == name ? damaged : otherBytes).write(
                            to: URL(fileURLWithPath: cache + "/" + other))
                    }
                    try? FileManager.default.removeItem(atPath: output)
                    try FileManager.default.copyItem(atPath: savedOutput, toPath: output)
                    _ = try await SiteBuilder(options: options).build()
                    #expect(
                        IncrementalBuildTests.snapshot(output) == expected,
                        "\(name) \(truncate ? "truncated" : "flipped") at \(offset) of \(bytes.count)"
                    )
                    runs += 1
                }
            }
        }
        #expect(runs >= 60)
    }

    @Test func aCacheMovedWithItsSiteIsNotTrusted() async throws {
        let site = try IncrementalBuildTests.makeSite(count: 4)
        let root = (site.root as NSString).deletingLastPathComponent
        let options = BuildOptions(
            source: site.root, output: root + "/public", now: Fixture.now,
            cacheDirectory: site.root + "/.sitegen")
        _ = try await SiteBuilder(options: options).build()
        #expect(
            CacheStore(directory: site.root + "/.sitegen", fileSystem: .disk).loadIndex() != nil)
        let moved = root + "/moved"
        try FileManager.default.copyItem(atPath: site.root, toPath: moved)
        let store = CacheStore(directory: moved + "/.sitegen", fileSystem: .disk)
        #expect(store.loadIndex() == nil)
        #expect(!FileManager.default.fileExists(atPath: moved + "/.sitegen/briefs"))
    }
}
