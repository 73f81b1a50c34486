import Foundation
import Synchronization

/// Turns tag names and brief slugs into path segments that are safe to write and to link.
///
/// SPEC §4: a tag keeps its script (`生成AI` → `生成ai`), is lower-cased, has white space turned
/// into `-`, and loses the characters that are unsafe in a path (`/ \ ? # % :` and controls)
/// and its leading dots (`.NET` → `net`): hosts such as GitHub Pages drop dot-folders, and many
/// servers refuse them. Nothing a slug says can leave its folder.
public enum Slug {
    /// The longest segment we write, in UTF-8 bytes; file systems allow 255.
    static let maxBytes = 200

    /// Tag slugs already made: a site has a few hundred tags on thousands of briefs.
    private static let tagSlugs = Mutex<[String: String?]>([:])

    /// The slug of a tag, or `nil` when nothing usable is left (`"???"` is fine, `"//"` is not).
    public static func tag(_ name: String) -> String? {
        if let known = tagSlugs.withLock({ $0[name] }) { return known }
        let slug = makeTag(name)
        tagSlugs.withLock { slugs in
            if slugs.count < 100_000 { slugs[name] = .some(slug) }
        }
        return slug
    }

    private static func makeTag(_ name: String) -> String? {
        // Plain ASCII needs neither normalisation nor Unicode case mapping.
        let folded =
            name.utf8.allSatisfy { $0 < 0x80 }
            ? name.lowercased() : name.precomposedStringWithCanonicalMapping.lowercased()
        var scalars = String.UnicodeScalarView()
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingDash = !scalars.isEmpty
                continue
            }
            if isUnsafe(scalar) || scalar == "." && scalars.isEmpty { continue }
            if pendingDash {
                scalars.append("-")
                pendingDash = false
            }
            scalars.append(scalar)
        }
        let slug = String(scalars)
        if slug.isEmpty { return nil }
        return shortened(slug)
    }

    /// Why a brief or page slug was refused, as a phrase for the message.
    public static func problem(inPathSlug slug: String) -> String? {
        if slug.isEmpty { return "is empty" }
        if slug == "." { return "contains '..'" }
        let utf8 = slug.utf8
        var previous: UInt8 = 0
        var isPlain = utf8.count <= maxBytes
        for byte in utf8 {
            if byte == UInt8(ascii: ".") && previous == UInt8(ascii: ".") { return "contains '..'" }
            previous = byte
            // Letters, digits, '-', '_', '.' and '~' need no closer look.
            if !isUnreserved(byte) { isPlain = false }
        }
        if slug.hasPrefix(".") { return "starts with '.'" }
        if isPlain { return nil }
        for scalar in slug.unicodeScalars {
            if scalar == "/" || scalar == "\\" { return "contains '\(scalar)'" }
            if isUnsafe(scalar) {
                return scalar.properties.generalCategory == .control
                    ? "contains a control character" : "contains '\(scalar)'"
            }
            if scalar.properties.isWhitespace { return "contains white space" }
        }
        if slug.utf8.count > maxBytes { return "is longer than \(maxBytes) bytes" }
        return nil
    }

    /// Percent-encodes a path segment for an `href` (everything but RFC 3986 unreserved bytes).
    public static func percentEncoded(_ segment: String) -> String {
        var needsEncoding = false
        for byte in segment.utf8 where !isUnreserved(byte) {
            needsEncoding = true
            break
        }
        guard needsEncoding else { return segment }
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.utf8.count * 3)
        for byte in segment.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    package static func isUnreservedOrSlash(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || isUnreserved(byte)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "/", "\\", "?", "#", "%", ":": return true
        default:
            let category = scalar.properties.generalCategory
            return category == .control || category == .format && scalar.value < 0x80
                || category == .lineSeparator || category == .paragraphSeparator
        }
    }

    /// Keeps long slugs under the file-name limit; a hash of the whole keeps them distinct.
    private static func shortened(_ slug: String) -> String {
        guard slug.utf8.count > maxBytes else { return slug }
        var kept = ""
        var bytes = 0
        for character in slug {
            let size = character.utf8.count
            if bytes + size > maxBytes - 9 { break }
            kept.append(character)
            bytes += size
        }
        return kept + "-" + fnv1a(slug)
    }

    /// A short, stable hash (FNV-1a, 32 bits) in hex.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
