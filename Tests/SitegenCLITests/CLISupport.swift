import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the built `sitegen` binary on fixture sites in temporary folders.
enum CLI {
    /// `SOURCE_DATE_EPOCH` for every run: 2026-05-01T10:30:00+09:00.
    static let epoch = "1777599000"

    /// The `sitegen` binary next to the test bundle (`SITEGEN_BINARY` overrides).
    static func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["SITEGEN_BINARY"] { return path }
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("sitegen").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw CLIError(
            "sitegen binary not found beside \(Bundle.main.bundleURL.path); run 'swift build' first"
        )
    }

    /// A fresh temporary folder holding a copy of `Fixtures/<name>` (or an empty one for nil).
    static func site(_ name: String?) throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let site = root + "/site"
        if let name {
            try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: site)
        } else {
            try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        }
        return site
    }

    /// The repository's root folder.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// `Tests/SitegenCLITests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    /// What a finished run printed and how it exited.
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `sitegen` with `arguments` in `directory` and waits for it (60 s at most).
    static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:],
        executable: String? = nil
    ) throws -> Run {
        let process = try start(
            arguments, in: directory, environment: environment, executable: executable)
        let deadline = Date().addingTimeInterval(60)
        while process.process.isRunning && Date() < deadline { usleep(20_000) }
        if process.process.isRunning {
            process.process.terminate()
            throw CLIError("sitegen \(arguments.joined(separator: " ")) did not finish in 60 s")
        }
        return Run(
            status: process.process.terminationStatus, stdout: process.stdout(),
            stderr: process.stderr())
    }

    /// A running `sitegen` whose output goes to files, read at any time.
    struct Running {
        let process: Process
        let outPath: String
        let errPath: String

        func stdout() -> String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
        func stderr() -> String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }
    }

    /// Starts `sitegen` (or another program: `executable`) without waiting.
    static func start(
        _ arguments: [String], in directory: String, environment: [String: String] = [:],
        executable: String? = nil
    ) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable ?? binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = epoch
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outputs =
            (directory as NSString).deletingLastPathComponent + "/output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
        let outPath = outputs + "/stdout"
        let errPath = outputs + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, outPath: outPath, errPath: errPath)
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Every file under a folder, relative and sorted.
    static func files(under root: String) -> [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(
                    atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
            .sorted()
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A tiny HTTP/1.1 client over a POSIX socket, for the preview server on 127.0.0.1 only.
///
/// It does not follow redirects, so tests see them, and it can read the start of an endless
/// event stream.
enum LoopbackHTTP {
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// `GET path` on 127.0.0.1:port, read to the end (or until `until` appears in the body).
    static func get(
        _ path: String, port: Int, method: String = "GET", until marker: String? = nil,
        timeout: Int = 10
    ) throws -> Response {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CLIError("socket() failed") }
        defer { close(descriptor) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw CLIError("cannot connect to 127.0.0.1:\(port)") }
        let request =
            "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[..<count]
            if let marker, String(decoding: received, as: UTF8.self).contains(marker) { break }
            if marker == nil, let response = try? parse(received), response.isComplete { break }
        }
        return try parse(received).response
    }

    private static func parse(_ bytes: [UInt8]) throws -> (response: Response, isComplete: Bool) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard
            let end = (0...max(0, bytes.count - 4)).first(where: {
                bytes.count >= 4 && Array(bytes[$0..<$0 + 4]) == separator
            })
        else {
            throw CLIError("no complete response header in \(bytes.count) bytes")
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw CLIError("bad status line '\(head[0])'")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        let body = Array(bytes[(end + 4)...])
        let isComplete =
            headers["content-length"].flatMap(Int.init).map { body.count >= $0 } ?? false
        return (Response(status: status, headers: headers, body: body), isComplete)
    }
}
