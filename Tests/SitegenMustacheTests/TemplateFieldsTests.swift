import Testing

@testable import SitegenMustache

@Suite struct TemplateFieldsTests {
    @Test func setsReplacesRemovesAndMerges() {
        var fields: TemplateFields = ["a": "1", "b": true, "a": "2"]
        #expect(fields.count == 2)
        #expect(fields["a"] == "2")
        #expect(fields["missing"] == nil)
        fields["b"] = "replaced"
        fields["c"] = ["x": "y"]
        #expect(fields["b"] == "replaced")
        fields["a"] = nil
        #expect(fields["a"] == nil && fields.count == 2)
        fields.merge(["b": "merged", "d": .list([])])
        #expect(fields["b"] == "merged" && fields["d"] == .list([]) && fields.count == 3)
    }

    @Test func equalityIgnoresOrder() {
        let one: TemplateFields = ["a": "1", "b": "2"]
        let other: TemplateFields = ["b": "2", "a": "1"]
        #expect(one == other)
        #expect(
            TemplateValue.object(one) == .object(["a": "1", "b": "2"] as [String: TemplateValue]))
        #expect(one != ["a": "1"])
        #expect(TemplateFields(["k": "v"]).dictionary == ["k": "v"])
    }

    /// Lookups compare keys (a name's length and first seven bytes) before names: names that
    /// share a key's bytes, differ only past them, or are longer than a key's length byte
    /// holds are still told apart, and a later field still hides an earlier one.
    @Test func namesThatShareKeyBytesAreToldApart() {
        let long = String(repeating: "n", count: 300)
        let longer = String(repeating: "n", count: 300 + 256)
        var fields: TemplateFields = [
            "date_display": "ja", "date_display_en": "en", "date_di": "short", "date_dj": "other",
            "": "empty", "名前": "name", "名前2": "name 2", "a\u{0}": "nul", long: "long",
            longer: "longer",
        ]
        #expect(fields["date_display"] == "ja")
        #expect(fields["date_display_en"] == "en")
        #expect(fields["date_displaz"] == nil)
        #expect(fields["date_di"] == "short")
        #expect(fields["date_dj"] == "other")
        #expect(fields["date_d"] == nil)
        #expect(fields[""] == "empty")
        #expect(fields["名前"] == "name" && fields["名前2"] == "name 2" && fields["名"] == nil)
        #expect(fields["a\u{0}"] == "nul" && fields["a"] == nil)
        #expect(fields[long] == "long" && fields[longer] == "longer")
        #expect(fields[String(repeating: "n", count: 301)] == nil)
        fields.append("date_display", "later")
        #expect(fields["date_display"] == "later")
        fields["date_display"] = nil
        #expect(fields["date_display"] == nil && fields["date_display_en"] == "en")
        fields["date_di"] = nil
        fields["date_dj"] = "replaced"
        #expect(fields["date_di"] == nil && fields["date_dj"] == "replaced")
        var merged: TemplateFields = ["x": "1"]
        merged.append(contentsOf: fields)
        #expect(merged["x"] == "1" && merged[long] == "long" && merged["date_dj"] == "replaced")
    }

    /// A template sees every field of an object that a lookup by subscript finds, through the
    /// keys the compiled program keeps for its names.
    @Test func templatesFindWhatTheSubscriptFinds() throws {
        let names = ["a", "ab", "abcdefg", "abcdefgh", "abcdefgi", "名前", "x_y_z_long_name"]
        var fields = TemplateFields()
        for name in names { fields.append(name, .text("<\(name)>")) }
        let template = names.map { "{{{\($0)}}}" }.joined(separator: "|") + "|{{{abcdefgj}}}"
        let library = MustacheLibrary(templates: ["t": try MustacheTemplate(parsing: template)])
        #expect(
            library.render("t", context: .object(fields))
                == names.map { "<\($0)>" }.joined(separator: "|") + "|")
    }
}
