import Foundation
import Synchronization

// The files of this folder (Platform*.swift) are the only core code that calls the C library:
// porting sitegen to another system means porting this folder (the server's sockets are in
// SitegenServer/Sockets.swift). Linux (Glibc) is the tested platform; the Darwin branches
// follow the same calls under their macOS names.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#else
    #error("sitegen needs Glibc or Darwin: port Sources/SitegenBase/Platform/")
#endif

/// Thin wrappers around the system calls sitegen makes: reading and writing whole files, file
/// stamps, directory listings, clocks and a byte search.
package enum Platform {
    /// A failed system call, with the path and the system's reason.
    package struct Failure: Error, LocalizedError, CustomStringConvertible {
        package let operation: String
        package let path: String
        package let reason: String

        /// A failure described by the current `errno`.
        package init(operation: String, path: String) {
            self.operation = operation
            self.path = path
            self.reason = Platform.lastErrorDescription
        }

        /// A failure with a reason of its own.
        package init(operation: String, path: String, reason: String) {
            self.operation = operation
            self.path = path
            self.reason = reason
        }

        package var description: String { "\(operation) '\(path)': \(reason)" }
        package var errorDescription: String? { description }
    }

    /// Runs a Foundation file operation, turning its failure into one that names `path` (with
    /// the system's reason when Foundation has one: "Not a directory" rather than "The
    /// operation could not be completed").
    package static func naming<T>(
        _ operation: String, _ path: String, _ body: () throws -> T
    ) throws(Failure) -> T {
        do {
            return try body()
        } catch let failure as Failure {
            throw failure
        } catch {
            var reason = error.localizedDescription
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            if let underlying, underlying.domain == NSPOSIXErrorDomain {
                reason = String(cString: strerror(Int32(underlying.code)))
            }
            throw Failure(operation: operation, path: path, reason: reason)
        }
    }

    /// The system's text for the current `errno`.
    package static var lastErrorDescription: String { String(cString: strerror(errno)) }

    // MARK: Clocks

    /// Wall-clock time, in nanoseconds since the epoch.
    package static func nowNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// CPU time used by the process so far, all threads, in seconds.
    package static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    // MARK: Memory

    /// Frees memory a C library allocated with `malloc` (cmark's rendered HTML).
    package static func free(_ pointer: UnsafeMutableRawPointer?) { systemFree(pointer) }

    // MARK: Bytes

    /// Whether `byte` occurs in `count` bytes from `base` (the C library's vectorised search).
    @inlinable package static func contains(_ byte: UInt8, in base: UnsafeRawPointer, count: Int)
        -> Bool
    {
        memchr(base, Int32(byte), count) != nil
    }

    /// The offset of the first `byte` in `count` bytes from `base`, if any.
    @inlinable package static func firstIndex(
        of byte: UInt8, in base: UnsafeRawPointer, count: Int
    ) -> Int? {
        guard let found = memchr(base, Int32(byte), count) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    // MARK: The programs' own calls

    /// Whether standard error is a terminal (that can redraw a line).
    package static var isStandardErrorTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// The running program's file: `/proc/self/exe` where there is one, else `argv[0]`.
    package static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
    }

    /// Replaces the process with `program`, run with `arguments` (`argv[0]` first). Returns only
    /// when it could not be started, with the system's reason.
    package static func execute(_ program: String, arguments: [String]) -> String {
        let argv = arguments.map { strdup($0) } + [nil]
        execv(program, argv)
        let reason = lastErrorDescription
        for argument in argv { systemFree(argument) }
        return reason
    }

    /// The signals that ask a program to stop: interrupt (Ctrl-C) and terminate.
    package static let stopSignals: [Int32] = [SIGINT, SIGTERM]

    /// Turns off a signal's default action, so that a dispatch source alone handles it.
    package static func ignoreSignal(_ number: Int32) { _ = signal(number, SIG_IGN) }

    /// Writes a line to the standard error stream.
    package static func writeToStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        try? write(bytes, to: STDERR_FILENO, path: "stderr")
    }

    // MARK: Locks

    /// Takes an exclusive lock on a file (created when missing) without waiting, and writes
    /// this process's id into it. The lock is a POSIX record lock (`fcntl`), held by the process:
    /// builds in one process (tests) do not exclude each other; builds in two processes do. Returns the open file (closing it releases the lock), or the
    /// id written by the process that holds it (0 when unknown).
    package static func lock(_ path: String) throws(Failure) -> Result<Int32, LockHeld> {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(operation: "cannot open", path: path) }
        var request = flock()
        request.l_type = Int16(F_WRLCK)
        request.l_whence = Int16(SEEK_SET)
        guard fcntl(descriptor, F_SETLK, &request) == 0 else {
            let failed = errno
            close(descriptor)
            guard failed == EAGAIN || failed == EACCES else {
                throw Failure(operation: "cannot lock", path: path)
            }
            let text = String(decoding: readPrefix(path, 32) ?? [], as: UTF8.self)
            return .failure(
                LockHeld(
                    processID: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0))
        }
        _ = ftruncate(descriptor, 0)
        try? write(Array("\(getpid())\n".utf8), to: descriptor, path: path)
        return .success(descriptor)
    }

    /// A lock another process holds.
    package struct LockHeld: Error {
        package let processID: Int32
    }
}

// The C names that `Platform`'s own methods shadow.
func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
    -> Int
{
    read(descriptor, buffer, count)
}

func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
func systemLink(_ from: String, _ to: String) -> Int32 { link(from, to) }
func systemFree(_ pointer: UnsafeMutableRawPointer?) { free(pointer) }
