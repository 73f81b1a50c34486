import SitegenBase
import SitegenCore

/// The snippet `sitegen serve` adds to HTML responses: the live-reload script, and an overlay
/// listing the errors when the latest build failed.
///
/// Only responses get it; the built files never do. The script listens to Server-Sent Events at
/// `eventsPath` and reloads when the server's build generation differs from the one the page was
/// served with, which also covers a rebuild that finished while the page was loading.
enum LiveReload {
    /// The reserved path of the event stream.
    static let eventsPath = "/__sitegen/events"

    /// The head of the event stream's response; the stream then runs until the connection closes.
    static let eventStreamHead = Array(
        ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
            + "Cache-Control: no-store\r\nConnection: close\r\n\r\n").utf8)

    /// The first message of a stream: retry after half a second (the default is 3 s) if the
    /// connection drops, and the current generation.
    static func streamStart(generation: Int) -> [UInt8] {
        Array("retry: 500\n".utf8) + event(generation)
    }

    /// Announces a build generation.
    static func event(_ generation: Int) -> [UInt8] {
        Array("event: build\ndata: \(generation)\n\n".utf8)
    }

    /// A comment sent every few seconds, so that closed pages are noticed.
    static let ping = Array(": ping\n\n".utf8)

    /// The `<script>` (and overlay) for a page served at `generation`.
    static func snippet(generation: Int, problems: [SitegenError]) -> String {
        var html = ""
        if !problems.isEmpty { html += overlay(problems) }
        html += """
            <script data-sitegen-serve>(function(){var g="\(generation)";\
            var s=new EventSource("\(eventsPath)");\
            s.addEventListener("build",function(e){if(e.data!==g){s.close();location.reload();}});\
            })();</script>
            """
        return html + "\n"
    }

    /// A fixed panel over the page with every error, escaped.
    static func overlay(_ problems: [SitegenError]) -> String {
        let count = problems.count
        let text = problems.map { Escaping.html($0.description) }.joined(separator: "\n")
        return """
            <div id="sitegen-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;\
            overflow:auto;background:rgba(24,24,28,.95);color:#f4f4f5;padding:2rem;\
            font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">\
            <p style="margin:0 0 1rem;font-size:1.2em;color:#ff8a80;font-weight:bold">\
            sitegen: the build failed with \(count) error\(count == 1 ? "" : "s")</p>\
            <pre style="white-space:pre-wrap;margin:0 0 1rem;color:inherit;background:none">\(text)</pre>\
            <p style="margin:0;color:#a1a1aa">Fix the file and save: this page reloads by itself. \
            Until then the last good build is served.</p>\
            <button type="button" onclick="this.parentNode.remove()" style="position:absolute;top:1rem;right:1rem">\
            Close</button></div>

            """
    }

    /// A page for when no build has succeeded yet.
    static func failurePage(generation: Int, problems: [SitegenError]) -> [UInt8] {
        let html = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>sitegen: build failed</title></head>
            <body>
            \(snippet(generation: generation, problems: problems))</body>
            </html>

            """
        return Array(html.utf8)
    }

    /// `html` with `snippet` before its last `</body>`, or at the end when it has none.
    static func inject(_ snippet: String, into html: [UInt8]) -> [UInt8] {
        let pattern = Array("</body".utf8)
        var index = html.count - pattern.count
        while index >= 0 {
            if matches(pattern, in: html, at: index) {
                return Array(html[..<index]) + Array(snippet.utf8) + Array(html[index...])
            }
            index -= 1
        }
        return html + Array(snippet.utf8)
    }

    private static func matches(_ pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        for (offset, byte) in pattern.enumerated() {
            let other = bytes[index + offset]
            let lowered =
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(other) ? other | 0x20 : other
            if lowered != byte { return false }
        }
        return true
    }
}
