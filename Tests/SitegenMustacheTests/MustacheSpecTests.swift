import Foundation
import Testing

@testable import SitegenMustache

/// Runs the JSON files in `MustacheSpec/`: our own tests, in the official Mustache spec's format
/// (`{"tests": [{"name", "desc", "data", "template", "partials", "expected"}]}`).
@Suite struct MustacheSpecTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("MustacheSpec")
    static let files = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "standalone",
    ]
    static let cases: [MustacheSpecCase] = files.flatMap(MustacheSpecCase.load)

    @Test(arguments: cases)
    func rendersAsExpected(_ test: MustacheSpecCase) throws {
        var templates = try test.partials.mapValues { text throws(MustacheParseError) in
            try MustacheTemplate(parsing: text)
        }
        templates["(template)"] = try MustacheTemplate(parsing: test.template)
        let library = MustacheLibrary(templates: templates)
        let rendered = library.render("(template)", context: test.data)
        #expect(rendered == test.expected, "\(test.description)")
    }

    @Test(arguments: files)
    func everyFileHasTests(_ file: String) {
        #expect(Self.cases.filter { $0.file == file }.count >= 10)
    }
}

/// One test from a spec file.
struct MustacheSpecCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let description: String
    let data: TemplateValue
    let template: String
    let partials: [String: String]
    let expected: String

    var testDescription: String { "\(file): \(name)" }

    static func load(_ file: String) -> [MustacheSpecCase] {
        let url = MustacheSpecTests.folder.appendingPathComponent(file + ".json")
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("cannot read \(url.path)")
            return []
        }
        do {
            return try JSONDecoder().decode(SpecFile.self, from: data).tests.map { test in
                MustacheSpecCase(
                    file: file, name: test.name, description: test.desc, data: test.data.value,
                    template: test.template, partials: test.partials ?? [:], expected: test.expected
                )
            }
        } catch {
            Issue.record("\(file).json does not decode: \(error)")
            return []
        }
    }

    private struct SpecFile: Decodable {
        let tests: [SpecTest]
    }

    private struct SpecTest: Decodable {
        let name: String
        let desc: String
        let data: SpecValue
        let template: String
        let partials: [String: String]?
        let expected: String
    }

    /// JSON as a `TemplateValue`: `null` is `.none`, numbers become text.
    private struct SpecValue: Decodable {
        let value: TemplateValue

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .none
            } else if let flag = try? container.decode(Bool.self) {
                value = .bool(flag)
            } else if let text = try? container.decode(String.self) {
                value = .text(text)
            } else if let number = try? container.decode(Double.self) {
                value = .text(number == number.rounded() ? String(Int(number)) : String(number))
            } else if let items = try? container.decode([SpecValue].self) {
                value = .list(items.map(\.value))
            } else {
                value = .object(try container.decode([String: SpecValue].self).mapValues(\.value))
            }
        }
    }
}
