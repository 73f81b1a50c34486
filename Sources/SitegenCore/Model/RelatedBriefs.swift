import Foundation

/// Chooses up to five related briefs for every brief: by shared tags, same source and nearness in
/// time.
///
/// Scores are integers, so the choice is the same on every machine and every build:
/// - each shared tag adds its weight, `4096 · log2(1 + N / df)` for a tag on `df` of `N` briefs,
///   so a rare tag counts for more than a common one;
/// - the same source adds as much as a tag on a third of the briefs;
/// - nearness adds up to 4096, halving at a week apart (`4096 · 7 / (7 + days)`).
/// Ties go to the nearer brief in time, then to the one listed first.
///
/// Candidates come from an inverted index, never from all pairs: a brief looks at the briefs that
/// share one of its tags or its source, and where a tag or source has many briefs only at the
/// `window` nearest to it in listing order (with weights by rarity, a common tag adds little, and
/// the nearest of its briefs are the ones time favours anyway). It also looks at its three
/// neighbours on each side in the listing, so a brief with nothing in common with any other
/// still gets the briefs of its time. Cost: briefs × (tags + 1) × `window`.
public struct RelatedBriefs: Sendable {
    /// What the choice looks at in one brief.
    public struct Brief: Sendable, Equatable {
        /// Indices of its tags (any numbering shared by all briefs).
        public let tags: [Int]
        /// The index of its source, when it has one.
        public let source: Int?
        /// Its date, in seconds since 1970.
        public let seconds: Int64

        /// Creates the input for one brief.
        public init(tags: [Int], source: Int?, seconds: Int64) {
            self.tags = tags
            self.source = source
            self.seconds = seconds
        }
    }

    /// How many related briefs a brief gets at most.
    public static let limit = 5
    /// How many briefs of a large tag or source a brief looks at, around itself.
    public static let window = 64

    /// Per brief (in input order), the positions of its related briefs, best first.
    public let positions: [[Int]]

    /// Chooses related briefs for `briefs`, given in listing order (newest first).
    public init(briefs: [Brief]) {
        self.init(briefs: briefs, minimumChunk: 512)
    }

    /// Chooses with at least `minimumChunk` briefs per chunk on a core (tests compare chunkings).
    init(briefs: [Brief], minimumChunk: Int) {
        let index = Postings(briefs)
        // Each brief's choice is independent of the others': chunks of briefs on every core.
        positions = ChunkedMap.map(count: briefs.count, minimumChunk: minimumChunk) { range in
            Self.choose(range, briefs: briefs, index: index)
        }
    }

    /// The related briefs of the briefs at `range`.
    private static func choose(_ range: Range<Int>, briefs: [Brief], index: Postings) -> [[Int]] {
        let count = briefs.count
        let sourceWeight = 2 * 4096  // 4096 · log2(1 + N / df) for a tag on a third of the briefs
        // Per candidate: the brief whose choice last touched it, and its score for that brief.
        var stamps = [Int](repeating: -1, count: count)
        var scores = [Int](repeating: 0, count: count)
        var candidates: [Int] = []
        var best: [Candidate] = []
        var result: [[Int]] = []
        result.reserveCapacity(range.count)
        for position in range {
            var lists: [(range: Range<Int>, weight: Int)] = []
            for k in index.briefTagStarts[position]..<index.briefTagStarts[position + 1] {
                let tag = index.briefTags[k]
                lists.append(
                    (index.tagStarts[tag]..<index.tagStarts[tag + 1], index.tagWeights[tag]))
            }
            if let source = index.briefSources[position] {
                lists.append(
                    (index.sourceStarts[source]..<index.sourceStarts[source + 1], sourceWeight))
            }
            for (range, weight) in lists {
                for k in Self.near(position, in: index.postings, range) {
                    let other = index.postings[k]
                    if other == position { continue }
                    if stamps[other] != position {
                        stamps[other] = position
                        scores[other] = 0
                        candidates.append(other)
                    }
                    scores[other] += weight
                }
            }
            for other in max(0, position - 3)..<min(count, position + 4) where other != position {
                if stamps[other] != position {
                    stamps[other] = position
                    scores[other] = 0
                    candidates.append(other)
                }
            }
            let seconds = briefs[position].seconds
            for other in candidates {
                let distance = abs(briefs[other].seconds - seconds)
                let days = Int(min(distance / 86_400, 1 << 30))
                Self.insert(
                    Candidate(
                        position: other, score: scores[other] + 4096 * 7 / (7 + days),
                        distance: distance),
                    into: &best)
            }
            candidates.removeAll(keepingCapacity: true)
            result.append(best.map(\.position))
            best.removeAll(keepingCapacity: true)
        }
        return result
    }

    /// Tags and sources as dense numbers, each with the ascending positions of its briefs, all in
    /// one flat array (a list per tag would be an allocation per tag and slower to walk).
    struct Postings {
        /// Per brief, where its tags start in `briefTags` (one more entry at the end).
        var briefTagStarts: [Int] = [0]
        /// Dense tag numbers, each brief's without repeats.
        var briefTags: [Int] = []
        /// Per brief, its dense source number.
        var briefSources: [Int?] = []
        /// Per tag, where its briefs start in `postings` (one more entry at the end).
        var tagStarts: [Int] = []
        /// Per source, where its briefs start in `postings` (one more entry at the end).
        var sourceStarts: [Int] = []
        /// Per tag, its weight.
        var tagWeights: [Int] = []
        /// Brief positions: every tag's, then every source's, each list ascending.
        var postings: [Int] = []

        init(_ briefs: [Brief]) {
            var tagNumbers: [Int: Int] = [:]
            var sourceNumbers: [Int: Int] = [:]
            var tagCounts: [Int] = []
            var sourceCounts: [Int] = []
            for brief in briefs {
                let start = briefTags.count
                for tag in brief.tags {
                    let number = tagNumbers[tag] ?? tagCounts.count
                    if number == tagCounts.count {
                        tagNumbers[tag] = number
                        tagCounts.append(0)
                    }
                    if briefTags[start...].contains(number) { continue }
                    briefTags.append(number)
                    tagCounts[number] += 1
                }
                briefTagStarts.append(briefTags.count)
                briefSources.append(
                    brief.source.map { source in
                        let number = sourceNumbers[source] ?? sourceCounts.count
                        if number == sourceCounts.count {
                            sourceNumbers[source] = number
                            sourceCounts.append(0)
                        }
                        sourceCounts[number] += 1
                        return number
                    })
            }
            var offset = 0
            for tagCount in tagCounts {
                tagStarts.append(offset)
                offset += tagCount
            }
            tagStarts.append(offset)
            for sourceCount in sourceCounts {
                sourceStarts.append(offset)
                offset += sourceCount
            }
            sourceStarts.append(offset)
            postings = [Int](repeating: 0, count: offset)
            var fill = Array(tagStarts.dropLast()) + Array(sourceStarts.dropLast())
            for position in briefs.indices {
                for k in briefTagStarts[position]..<briefTagStarts[position + 1] {
                    postings[fill[briefTags[k]]] = position
                    fill[briefTags[k]] += 1
                }
                if let source = briefSources[position] {
                    postings[fill[tagCounts.count + source]] = position
                    fill[tagCounts.count + source] += 1
                }
            }
            let total = Double(briefs.count)
            tagWeights = tagCounts.map { Int((4096 * log2(1 + total / Double($0))).rounded()) }
        }
    }

    /// A possible related brief.
    struct Candidate {
        var position: Int
        var score: Int
        var distance: Int64

        /// Higher score, then nearer in time, then listed first.
        func isBetter(than other: Candidate) -> Bool {
            if score != other.score { return score > other.score }
            if distance != other.distance { return distance < other.distance }
            return position < other.position
        }
    }

    /// The part of `list[range]` (ascending positions) that is nearest to `position`.
    static func near(_ position: Int, in list: [Int], _ range: Range<Int>) -> Range<Int> {
        guard range.count > window else { return range }
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < position { low = middle + 1 } else { high = middle }
        }
        let start = min(max(range.lowerBound, low - window / 2), range.upperBound - window)
        return start..<start + window
    }

    /// Keeps the best `limit` candidates, best first.
    private static func insert(_ candidate: Candidate, into best: inout [Candidate]) {
        if best.count == limit, let last = best.last, !candidate.isBetter(than: last) { return }
        var index = best.count
        while index > 0, candidate.isBetter(than: best[index - 1]) { index -= 1 }
        best.insert(candidate, at: index)
        if best.count > limit { best.removeLast() }
    }
}
