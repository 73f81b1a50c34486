import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sitegen serve` run as a process on a fixture site, spoken to over 127.0.0.1 only.
@Suite("sitegen serve (process)")
struct ServeCLITests {
    /// Reads the port from `serving http://127.0.0.1:PORT/`.
    static func waitForPort(_ server: CLI.Running) throws -> Int {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let output = server.stdout()
            if let range = output.range(of: "serving http://127.0.0.1:") {
                let digits = output[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { return port }
            }
            guard server.process.isRunning else {
                throw CLIError("serve exited early: \(server.stderr())")
            }
            usleep(50_000)
        }
        throw CLIError("serve printed no address: \(server.stderr())")
    }

    /// Fetches `path` until `predicate` holds (10 s at most), for changes that need a rebuild.
    static func eventually(
        _ path: String, port: Int, _ predicate: (LoopbackHTTP.Response) -> Bool
    ) throws -> LoopbackHTTP.Response {
        let deadline = Date().addingTimeInterval(10)
        var last = try LoopbackHTTP.get(path, port: port)
        while !predicate(last) && Date() < deadline {
            usleep(100_000)
            last = try LoopbackHTTP.get(path, port: port)
        }
        return last
    }

    /// A served HTML page without the live-reload snippet.
    static func withoutSnippet(_ html: String) -> String {
        guard let start = html.range(of: "<script data-sitegen-serve>"),
            let end = html.range(of: "</script>\n", range: start.upperBound..<html.endIndex)
        else { return html }
        return String(html[..<start.lowerBound] + html[end.upperBound...])
    }

    @Test("without the sitegen-serve program beside it, serve says what is missing")
    func serveNeedsItsHelper() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-alone-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let alone = folder + "/sitegen"
        try FileManager.default.copyItem(atPath: try CLI.binary(), toPath: alone)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: alone)
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: try CLI.site("site"))
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stderr = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("error: 'sitegen serve' needs the sitegen-serve program"))
        #expect(stderr.contains("hint: build it with"))
    }

    @Test("serves the site, rebuilds on change, shows errors, serves 404s and stops on Ctrl-C")
    func serveLoop() throws {
        let site = try CLI.site("site")
        let server = try CLI.start(["serve", "--port", "0"], in: site)
        defer { if server.process.isRunning { server.process.terminate() } }
        let port = try Self.waitForPort(server)

        // A page, with the reload snippet, and otherwise the bytes `build` writes.
        let page = try LoopbackHTTP.get("/briefs/gemini-update/", port: port)
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.text.contains("Googleが新しいGeminiを発表"))
        #expect(page.text.contains("<script data-sitegen-serve>"))
        let output = (site as NSString).deletingLastPathComponent + "/built"
        let build = try CLI.run(
            ["build", "--output", output, "--base-url", "http://127.0.0.1:\(port)/"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(
            Self.withoutSnippet(page.text)
                == (try CLI.read(output + "/briefs/gemini-update/index.html")))
        let feed = try LoopbackHTTP.get("/feed.xml", port: port)
        #expect(feed.headers["content-type"] == "application/xml; charset=utf-8")
        #expect(feed.text == (try CLI.read(output + "/feed.xml")))
        #expect(!feed.text.contains("sitegen-serve"))
        #expect(
            try LoopbackHTTP.get("/feed.json", port: port).headers["content-type"]
                == "application/json; charset=utf-8")
        #expect(
            try LoopbackHTTP.get("/style.css", port: port).headers["content-type"]
                == "text/css; charset=utf-8")

        // Folders: a tag page by its percent-encoded path, and a redirect to add the slash.
        #expect(try LoopbackHTTP.get("/tags/%E7%94%9F%E6%88%90ai/", port: port).status == 200)
        let redirect = try LoopbackHTTP.get("/briefs/gemini-update", port: port)
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/briefs/gemini-update/")

        // A missing page: the site's 404.html, with status 404.
        let missing = try LoopbackHTTP.get("/no/such/page/", port: port)
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        #expect(Self.withoutSnippet(missing.text) == (try CLI.read(output + "/404.html")))
        #expect(try LoopbackHTTP.get("/../../etc/passwd", port: port).status == 404)

        // The event stream announces the current build.
        let events = try LoopbackHTTP.get("/__sitegen/events", port: port, until: "data: ")
        #expect(events.headers["content-type"] == "text/event-stream; charset=utf-8")
        #expect(events.text.contains("event: build"))

        // Edit a brief: the page changes.
        let brief = site + "/content/briefs/2026/04/gemini-update.md"
        let original = try CLI.read(brief)
        try CLI.write(
            original.replacingOccurrences(of: "Googleが新しいGeminiを発表", with: "Googleが改訂版Geminiを発表"),
            to: brief)
        let edited = try Self.eventually("/briefs/gemini-update/", port: port) {
            $0.text.contains("改訂版")
        }
        #expect(edited.text.contains("Googleが改訂版Geminiを発表"))

        // Break it: the last good page stays up, with the error over it, escaped.
        try CLI.write(
            original.replacingOccurrences(
                of: "date: 2026-04-20T09:00:00+09:00", with: "date: 2026-13-45 <b>"), to: brief)
        let broken = try Self.eventually("/briefs/gemini-update/", port: port) {
            $0.text.contains("sitegen-error-overlay")
        }
        #expect(broken.status == 200)
        #expect(
            broken.text.contains(
                "content/briefs/2026/04/gemini-update.md:4:7: error: invalid date &#39;2026-13-45 &lt;b&gt;&#39;"
            ))
        #expect(broken.text.contains("改訂版"))
        #expect(
            server.stderr().contains(
                "content/briefs/2026/04/gemini-update.md:4:7: error: invalid date '2026-13-45 <b>'")
        )

        // Fix it: the overlay goes and the page shows the fixed text.
        try CLI.write(original, to: brief)
        let fixed = try Self.eventually("/briefs/gemini-update/", port: port) {
            !$0.text.contains("sitegen-error-overlay")
        }
        #expect(!fixed.text.contains("sitegen-error-overlay"))
        #expect(fixed.text.contains("Googleが新しいGeminiを発表"))

        // Ctrl-C stops it cleanly; nothing was written into the site folder.
        kill(server.process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while server.process.isRunning && Date() < deadline { usleep(50_000) }
        #expect(!server.process.isRunning)
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
        #expect(server.stderr().contains("stopped"))
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
    }

    @Test("serves under the path of --base-url and redirects the root there")
    func basePath() throws {
        let site = try CLI.site("site")
        let server = try CLI.start(
            ["serve", "--port", "0", "--base-url", "https://example.com/briefs/"], in: site)
        defer {
            kill(server.process.processIdentifier, SIGTERM)
            server.process.waitUntilExit()
        }
        let port = try Self.waitForPort(server)
        #expect(server.stdout().contains("serving http://127.0.0.1:\(port)/briefs/"))
        let root = try LoopbackHTTP.get("/", port: port)
        #expect(root.status == 301)
        #expect(root.headers["location"] == "/briefs/")
        let home = try LoopbackHTTP.get("/briefs/", port: port)
        #expect(home.status == 200)
        #expect(home.text.contains("href=\"/briefs/briefs/gemini-update/\""))
        #expect(try LoopbackHTTP.get("/briefs/briefs/gemini-update/", port: port).status == 200)
        #expect(try LoopbackHTTP.get("/tags/", port: port).status == 404)
    }

    @Test("a site that fails its first build gets an error page, then the site once fixed")
    func firstBuildFails() throws {
        let site = try CLI.site("site")
        let brief = site + "/content/briefs/2026/04/nvidia-results.md"
        let original = try CLI.read(brief)
        try CLI.write(
            original.replacingOccurrences(
                of: "source:\n  url: https://nvidianews.nvidia.com/news/results\n", with: ""),
            to: brief)
        let server = try CLI.start(["serve", "--port", "0"], in: site)
        defer {
            kill(server.process.processIdentifier, SIGTERM)
            server.process.waitUntilExit()
        }
        let port = try Self.waitForPort(server)
        let failing = try LoopbackHTTP.get("/", port: port)
        #expect(failing.status == 500)
        #expect(failing.text.contains("missing required field &#39;source.url&#39;"))
        try CLI.write(original, to: brief)
        let fixed = try Self.eventually("/", port: port) { $0.status == 200 }
        #expect(fixed.status == 200)
        #expect(!fixed.text.contains("sitegen-error-overlay"))
    }
}
