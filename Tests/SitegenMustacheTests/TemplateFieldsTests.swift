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
}
