import Testing

@testable import SitegenBase

/// `ParallelMap` hands chunks to cores as they free up; results must still come back in input
/// order, each item mapped exactly once, whatever the chunk sizes.
@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 63, 64, 65, 1000, 10_007])
    func mapKeepsInputOrder(count: Int) async {
        let items = Array(0..<count)
        // Uneven costs, so chunks finish out of order.
        let mapped = await ParallelMap.map(items) { item -> String in
            var sum = 0
            for step in 0..<(item % 7 == 0 ? 2_000 : 10) { sum &+= step &* item }
            return "\(item):\(sum & 1)"
        }
        #expect(mapped.count == count)
        #expect(mapped.map { Int($0.split(separator: ":")[0]) } == items.map { Optional($0) })
    }

    @Test func mapChunksCoversEveryItemOnceInChunkOrder() async {
        let ranges = await ParallelMap.mapChunks(count: 1_001, chunkSize: 16) { $0 }
        #expect(ranges.count == 63)
        #expect(ranges.first == 0..<16)
        #expect(ranges.last == 992..<1_001)
        #expect(ranges.flatMap { Array($0) } == Array(0..<1_001))
    }

    @Test func aParcelIsTakenOnce() {
        let parcel = Parcel([1, 2, 3])
        #expect(parcel.take() == [1, 2, 3])
        #expect(parcel.take() == nil)
    }
}
