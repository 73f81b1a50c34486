/// Phase 5: the briefs ordered and their tags gathered into a `Site`.
enum SiteAssembler {
    /// Orders briefs (date descending, then slug) and gathers tags, each with its briefs.
    ///
    /// Spellings that share a slug (`生成AI`, `生成ai`) are one tag, shown everywhere with its most
    /// used spelling (the newest brief's on a tie).
    static func assemble(
        config: SiteConfig, articles: [Article], pages: [StandalonePage], now: Timestamp
    ) -> Site {
        let sorted = articles.sorted(by: Article.isListedBefore)
        // One pass over every brief's tags, each looked up once: tags by slug, with each
        // spelling's count and first appearance, and each brief's tags as indices.
        var slugIndex: [String: Int] = [:]
        var slugs: [String] = []
        var spellings: [[(name: String, count: Int, firstSeen: Int)]] = []
        var tagIndices: [[Int]] = []
        tagIndices.reserveCapacity(sorted.count)
        var seen = 0
        for article in sorted {
            var indices: [Int] = []
            indices.reserveCapacity(article.tags.count)
            for tag in article.tags {
                let index: Int
                if let known = slugIndex[tag.slug] {
                    index = known
                } else {
                    index = slugs.count
                    slugIndex[tag.slug] = index
                    slugs.append(tag.slug)
                    spellings.append([])
                }
                if let spelling = spellings[index].firstIndex(where: { $0.name == tag.name }) {
                    spellings[index][spelling].count += 1
                } else {
                    spellings[index].append((tag.name, 1, seen))
                }
                indices.append(index)
                seen += 1
            }
            tagIndices.append(indices)
        }
        let canonical = spellings.indices.map { index -> Tag in
            let best = spellings[index].min { a, b in
                a.count != b.count ? a.count > b.count : a.firstSeen < b.firstSeen
            }
            return Tag(name: best?.name ?? "", slug: slugs[index])
        }
        var tagged = [[Article]](repeating: [], count: slugs.count)
        var ordered: [Article] = []
        ordered.reserveCapacity(sorted.count)
        for (article, indices) in zip(sorted, tagIndices) {
            let shown =
                zip(article.tags, indices).allSatisfy { $0.name == canonical[$1].name }
                ? article : article.with(tags: indices.map { canonical[$0] })
            ordered.append(shown)
            for index in indices { tagged[index].append(shown) }
        }
        let tags = slugs.indices.sorted { slugs[$0] < slugs[$1] }.map { index in
            Site.TagListing(tag: canonical[index], articles: tagged[index])
        }
        return Site(config: config, articles: ordered, tags: tags, pages: pages, now: now)
    }
}
