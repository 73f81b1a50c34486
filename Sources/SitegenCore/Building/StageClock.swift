import Foundation
import SitegenBase
import Synchronization

/// Times stages: wall time and the process's CPU time, logged as each stage ends.
struct StageClock {
    let log: @Sendable (String) -> Void
    private(set) var timings: [(stage: String, seconds: Double)] = []
    private var wall = Date()
    private var cpu = StageClock.cpuSeconds()

    init(log: @escaping @Sendable (String) -> Void) { self.log = log }

    static func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }

    mutating func lap(_ stage: String) {
        let seconds = Date().timeIntervalSince(wall)
        let cpuSeconds = Self.cpuSeconds() - cpu
        timings.append((stage, seconds))
        log("\(stage): \(Self.format(seconds)) (cpu \(Self.format(cpuSeconds)))")
        wall = Date()
        cpu = Self.cpuSeconds()
        KillPoint.reached(stage)
    }

    /// CPU time used by the process so far, all threads: a steadier measure than wall time on a
    /// busy machine.
    static func cpuSeconds() -> Double { Platform.processCPUSeconds() }
}

/// What a build for a process about to exit keeps instead of freeing (`BuildOptions.exitsAfterBuild`).
enum Unfreed {
    private static let values = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) { values.withLock { $0.append(value) } }
}
