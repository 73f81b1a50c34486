import Dispatch
import Foundation
import Synchronization

/// Maps the positions `0..<count` in contiguous chunks on every core and waits for them: for
/// the pure, synchronous parts of assemble and plan, whose types are built without `async`.
///
/// Each chunk returns its own results, which are put back in order, so nothing captured is
/// mutated concurrently.
enum ChunkedMap {
    static func map<Result: Sendable>(
        count: Int, minimumChunk: Int = 512, _ transform: @Sendable (Range<Int>) -> [Result]
    ) -> [Result] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / minimumChunk))
        guard chunks > 1 else { return transform(0..<count) }
        let size = (count + chunks - 1) / chunks
        let parts = Mutex([[Result]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let part = transform(chunk * size..<min(count, (chunk + 1) * size))
            parts.withLock { $0[chunk] = part }
        }
        return parts.withLock { parts in parts.flatMap { $0 } }
    }
}
