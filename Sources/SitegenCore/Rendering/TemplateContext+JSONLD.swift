import SitegenBase

/// The brief page's structured data.
extension TemplateContext {
    /// schema.org `NewsArticle` JSON-LD; safe inside `<script>` (see `Escaping.jsonString`).
    /// Made as UTF-8 bytes, each string escaped straight into them, and handed over as bytes.
    /// `description` is the brief's first key point (`KeyPoints.first`).
    func jsonLD(_ article: Article, description: String?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        func raw(_ text: StaticString) {
            out.append(
                contentsOf: UnsafeBufferPointer(
                    start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func s(_ text: String) { Escaping.appendJSONString(text, to: &out) }
        let link = Escaping.jsonString(url(Permalinks.brief(article.slug)))
        raw("{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":")
        s(article.title)
        if let titleEN = article.titleEN {
            raw(",\"alternativeHeadline\":")
            s(titleEN)
        }
        raw(",\"datePublished\":")
        s(article.date.rfc3339)
        raw(",\"dateModified\":")
        s((article.fields.lastChanged ?? article.date).rfc3339)
        raw(",\"inLanguage\":")
        s(article.language)
        raw(",\"url\":")
        out += link.utf8
        raw(",\"mainEntityOfPage\":")
        out += link.utf8
        raw(",\"isBasedOn\":")
        s(article.source.url)
        if let description {
            raw(",\"description\":")
            s(description)
        }
        if !article.tags.isEmpty {
            raw(",\"keywords\":[")
            for (index, tag) in article.tags.enumerated() {
                if index > 0 { raw(",") }
                s(tag.name)
            }
            raw("]")
        }
        if !article.fields.corrections.isEmpty {
            raw(",\"correction\":[")
            for (index, correction) in article.fields.corrections.enumerated() {
                if index > 0 { raw(",") }
                raw("{\"@type\":\"CorrectionComment\",\"datePublished\":")
                s(correction.date.rfc3339)
                raw(",\"text\":")
                s(correction.text)
                raw("}")
            }
            raw("]")
        }
        if let image = imageURL(for: article.fields) {
            raw(",\"image\":[")
            s(image)
            raw("]")
        }
        if article.isGenerated {
            // IPTC's term for text made by a trained model, the machine-readable AI disclosure.
            raw(",\"digitalSourceType\":")
            raw("\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"")
        }
        raw(",\"author\":{\"@type\":")
        if config.author == config.title { raw("\"Organization\"") } else { raw("\"Person\"") }
        raw(",\"name\":")
        s(config.author)
        raw("}")
        raw(",\"publisher\":{\"@type\":\"Organization\",\"name\":")
        out += publisherName.utf8
        raw(",\"url\":")
        s(config.baseURL.description)
        raw("}}")
        return out
    }
}
