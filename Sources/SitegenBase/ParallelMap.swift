import Foundation
import Synchronization

/// Maps over independent items on every core and returns the results in input order.
///
/// Items are split into chunks handed to one task per core; each task returns its chunks'
/// results, which are put back in order, so nothing captured is mutated concurrently.
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

    /// Maps `transform` over `items` on every core. Items go out in small chunks, one to each
    /// core as it finishes its last (`mapChunks`), so no core waits while another works through a
    /// large share of slow items at the end.
    @inlinable package static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @escaping @Sendable (Item) -> Result
    ) async -> [Result] {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        if workers <= 1 || items.count < 64 { return items.map(transform) }
        // About 32 chunks per core: a core's last chunk is a thirty-second of its share.
        let chunkSize = max(8, items.count / (workers * 32))
        let parts = await mapChunks(count: items.count, chunkSize: chunkSize) { range in
            items[range].map(transform)
        }
        var results: [Result] = []
        results.reserveCapacity(items.count)
        for part in parts { results.append(contentsOf: part) }
        return results
    }

    /// Maps over the chunks of `0..<count` (`chunkSize` items each, the last one shorter) on
    /// every core and returns the results in chunk order. Chunks are handed out one at a time
    /// to one task per core as each finishes its last, so a stretch of slow items (the feeds
    /// after the pages, a tag's long listing) keeps every core busy to the end; `map` splits its
    /// items in advance and runs short lists on one core.
    @inlinable package static func mapChunks<Result: Sendable>(
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
@usableFromInline package final class ChunkDispenser: Sendable {
    @usableFromInline package let next = Atomic<Int>(0)
    @usableFromInline package init() {}
}
