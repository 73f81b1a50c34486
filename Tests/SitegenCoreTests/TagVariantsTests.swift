import SitegenBase
import Testing

@testable import SitegenCore

@Suite struct TagVariantsTests {
    static func usage(_ name: String, _ count: Int) -> TagVariants.Usage {
        TagVariants.Usage(name: name, slug: Slug.tag(name) ?? "", count: count)
    }

    @Test func tagsThatDifferByWidthOrSpacingAreGroupedUnderTheMostUsed() {
        let groups = TagVariants.groups([
            Self.usage("OpenAI", 12), Self.usage("ＯｐｅｎＡＩ", 1), Self.usage("Open AI", 3),
            Self.usage("生成AI", 5), Self.usage("生成 AI", 5), Self.usage("Anthropic", 4),
            Self.usage("ｶﾒﾗ", 1), Self.usage("カメラ", 2),
        ])
        #expect(groups.map(\.canonical.name) == ["OpenAI", "カメラ", "生成 AI"])
        #expect(groups[0].others.map(\.name) == ["Open AI", "ＯｐｅｎＡＩ"])
        #expect(
            groups[0].message
                == "tags 'OpenAI' (12 briefs), 'Open AI' (3 briefs) and 'ＯｐｅｎＡＩ' (1 brief) differ only by case, width or spacing"
        )
        #expect(groups[0].suggestedEntry == "OpenAI:\n  aliases: [Open AI, ＯｐｅｎＡＩ]")
        #expect(
            groups[1].message
                == "tags 'カメラ' (2 briefs) and 'ｶﾒﾗ' (1 brief) differ only by case, width or spacing"
        )
        #expect(groups[2].suggestedEntry == "生成 AI:\n  aliases: [生成AI]")
    }

    @Test func namesThatNeedQuotingAreQuoted() {
        #expect(TagVariants.yamlString("C#") == "\"C#\"")
        #expect(TagVariants.yamlString("yes") == "\"yes\"")
        #expect(TagVariants.yamlString("a: b") == "\"a: b\"")
        #expect(TagVariants.yamlString("生成AI") == "生成AI")
        let (registry, problems) = TagRegistryLoader.load(
            SourceFile(
                path: "tags.yml",
                bytes: Array(
                    TagVariants(
                        canonical: Self.usage("C#", 2), others: [Self.usage("Ｃ＃", 1)]
                    ).suggestedEntry.utf8)))
        #expect(problems.isEmpty)
        #expect(registry.entries.first?.aliases == ["Ｃ＃"])
    }

    @Test func aloneOrAlreadyOneTagIsNoGroup() {
        #expect(TagVariants.groups([Self.usage("AI", 3), Self.usage("ML", 3)]).isEmpty)
    }
}
