import Foundation
import Synchronization

/// Maps over independent items on every core and returns the results in input order.
///
/// Items are split into a few chunks per core; each child task returns its chunk's results, which
/// are put back in order, so nothing captured is mutated concurrently.
package enum ParallelMap {
    /// Splits items into at most `parts` contiguous chunks of nearly equal size.
    @inlinable package static func split<Item>(_ items: [Item], parts: Int = 2) -> [ArraySlice<
        Item
    >] {
        guard !items.isEmpty else { return [] }
        let count = min(parts, items.count)
        let size = (items.count + count - 1) / count
        return stride(from: 0, to: items.count, by: size).map {
            items[$0..<min($0 + size, items.count)]
        }
    }

    @inlinable package static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) -> Result
    ) async -> [Result] {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        if workers <= 1 || items.count < 64 { return items.map(transform) }
        let chunkCount = min(items.count, workers * 4)
        let chunkSize = (items.count + chunkCount - 1) / chunkCount
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for chunk in 0..<chunkCount {
                let start = chunk * chunkSize
                let end = min(start + chunkSize, items.count)
                guard start < end else { continue }
                let slice = items[start..<end]
                group.addTask { (chunk, slice.map(transform)) }
            }
            var parts = [[Result]](repeating: [], count: chunkCount)
            for await (index, results) in group { parts[index] = results }
            return parts.flatMap { $0 }
        }
    }

    /// Maps over the chunks of `0..<count` (`chunkSize` items each, the last one shorter) on
    /// every core and returns the results in chunk order. Chunks are handed out one at a time
    /// to one task per core as each finishes its last, so a stretch of slow items (the feeds
    /// after the pages, a tag's long listing) keeps every core busy to the end; `map` splits its
    /// items in advance and runs short lists on one core.
    package static func mapChunks<Result: Sendable>(
        count: Int, chunkSize: Int, _ transform: @escaping @Sendable (Range<Int>) -> Result
    ) async -> [Result] {
        let size = max(1, chunkSize)
        let chunkCount = (count + size - 1) / size
        let chunk = { @Sendable (index: Int) in index * size..<min(count, (index + 1) * size) }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, chunkCount)
        if workers <= 1 { return (0..<chunkCount).map { transform(chunk($0)) } }
        let dispenser = ChunkDispenser()
        return await withTaskGroup(of: [(Int, Result)].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, Result)] = []
                    while true {
                        let index = dispenser.next.add(1, ordering: .relaxed).oldValue
                        if index >= chunkCount { return done }
                        done.append((index, transform(chunk(index))))
                    }
                }
            }
            var results = [Result?](repeating: nil, count: chunkCount)
            for await done in group {
                for (index, result) in done { results[index] = result }
            }
            return results.compactMap { $0 }
        }
    }
}

/// The next chunk to hand out, shared by `mapChunks`' tasks.
private final class ChunkDispenser: Sendable {
    let next = Atomic<Int>(0)
}
