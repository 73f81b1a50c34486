import Foundation

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
}
