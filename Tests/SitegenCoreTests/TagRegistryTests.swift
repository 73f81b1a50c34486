import Testing

@testable import SitegenCore

@Suite struct TagRegistryTests {
    static func load(_ yaml: String) -> (registry: TagRegistry, problems: [SitegenError]) {
        TagRegistryLoader.load(SourceFile(path: "tags.yml", bytes: Array(yaml.utf8)))
    }

    @Test func entriesGiveOneTagAtTheRegisteredSlugForEverySpelling() {
        let (registry, problems) = Self.load(
            """
            生成AI:                # the canonical name
              en: Generative AI
              slug: generative-ai
              aliases: [GenAI, 生成 AI]
            OpenAI:
            Anthropic:
              aliases:
                - Anthropic PBC
            """)
        #expect(problems.isEmpty)
        #expect(registry.entries.map(\.name) == ["生成AI", "OpenAI", "Anthropic"])
        #expect(registry.entries.map(\.line) == [1, 5, 6])
        let generative = Tag(name: "生成AI", slug: "generative-ai")
        for spelling in ["生成AI", "生成ai", "GenAI", "genai", "生成 AI", "生成  ai"] {
            #expect(registry.tag(for: spelling) == generative, "\(spelling)")
        }
        #expect(registry.entry(for: "GENAI")?.en == "Generative AI")
        #expect(registry.entry(for: "GENAI")?.aliases == ["GenAI", "生成 AI"])
        #expect(registry.tag(for: "openai") == Tag(name: "OpenAI", slug: "openai"))
        #expect(registry.tag(for: "anthropic pbc") == Tag(name: "Anthropic", slug: "anthropic"))
        #expect(registry.tag(for: "Google") == Tag(name: "Google", slug: "google"))
        #expect(registry.entry(slug: "generative-ai")?.name == "生成AI")
        #expect(registry.entry(slug: "生成ai") == nil)
    }

    @Test func aTagWithARegisteredSlugButNoRegisteredSpellingIsAbsorbed() {
        let (registry, _) = Self.load("生成AI:\n  slug: generative-ai\n  aliases: [GenAI]\nOpenAI:\n")
        #expect(
            registry.entry(absorbing: Tag(name: "Generative AI", slug: "generative-ai"))?.name
                == "生成AI")
        for tag in [
            Tag(name: "GenAI", slug: "genai"), Tag(name: "生成AI", slug: "生成ai"),
            Tag(name: "OpenAI", slug: "openai"), Tag(name: "Google", slug: "google"),
        ] {
            #expect(registry.entry(absorbing: tag) == nil, "\(tag.name)")
        }
        #expect(TagRegistry.empty.entry(absorbing: Tag(name: "x", slug: "x")) == nil)
    }

    @Test func anEnglishNameEqualToTheNameIsNotShownTwice() {
        let (registry, problems) = Self.load("OpenAI:\n  en: OpenAI\n生成AI:\n  en: Generative AI\n")
        #expect(problems.isEmpty)
        #expect(registry.entries.map(\.en) == [nil, "Generative AI"])
    }

    @Test func noFileOrAnEmptyFileIsAnEmptyRegistry() {
        #expect(TagRegistryLoader.load(nil).registry.isEmpty)
        let empty = Self.load("# no tags yet\n")
        #expect(empty.registry.isEmpty && empty.problems.isEmpty)
    }

    @Test(arguments: [
        (
            "AI:\n  slug: ai\n人工知能:\n  slug: ai\n",
            "tags.yml:4:9: error: slug 'ai' of tag '人工知能' is already the slug of tag 'AI' (line 1)\n"
                + "    hint: give one of them another 'slug'"
        ),
        (
            "生成AI:\n  slug: genai\nGenAI: {}\n",
            "tags.yml:3:1: error: slug 'genai' of tag 'GenAI' is already the slug of tag '生成AI' (line 1)\n"
                + "    hint: give one of them another 'slug'"
        ),
        (
            "生成AI:\n  aliases: [GenAI]\n人工知能:\n  aliases: [genai]\n",
            "tags.yml:4:13: error: alias 'genai' of tag '人工知能' is already an alias of tag '生成AI' (line 1)"
        ),
        (
            "OpenAI:\n  aliases: [Anthropic]\nAnthropic:\n",
            "tags.yml:2:13: error: alias 'Anthropic' of tag 'OpenAI' is the name of tag 'Anthropic' (line 3)\n"
                + "    hint: remove the alias, or merge the two entries into one"
        ),
        (
            "AI:\n  aliases: [ai]\n",
            "tags.yml:2:13: error: alias 'ai' of tag 'AI' is the tag's own name"
        ),
        (
            "AI:\n  aliases: [A.I., a.i.]\n",
            "tags.yml:2:19: error: alias 'a.i.' of tag 'AI' is listed twice"
        ),
        (
            "生成AI:\n  en: Generative AI\n  slug: Generative AI\n",
            "tags.yml:3:9: error: invalid slug 'Generative AI' for tag '生成AI': use lower-case ASCII letters, digits and single '-' between words\n"
                + "    hint: e.g. 'generative-ai'"
        ),
        (
            "生成AI:\n  slug: 生成ai\n",
            "tags.yml:2:9: error: invalid slug '生成ai' for tag '生成AI': use lower-case ASCII letters, digits and single '-' between words"
        ),
        (
            "AI:\n  slug: -ai\n",
            "tags.yml:2:9: error: invalid slug '-ai' for tag 'AI': use lower-case ASCII letters, digits and single '-' between words\n"
                + "    hint: e.g. 'ai'"
        ),
        (
            "生成AI:\n  slg: generative-ai\n",
            "tags.yml:2:3: error: unknown key 'slg' in tag '生成AI'\n    hint: did you mean 'slug'?"
        ),
        (
            "生成AI:\n  colour: red\n",
            "tags.yml:2:3: error: unknown key 'colour' in tag '生成AI'\n    hint: use 'en', 'slug' or 'aliases'"
        ),
        (
            "AI:\nai:\n",
            "tags.yml:2:1: error: tag 'ai' is the same tag as 'AI' (line 1)\n"
                + "    hint: tags that differ only in case are one tag: merge the two entries"
        ),
        (
            "AI:\nAI:\n",
            "tags.yml:2:1: error: duplicate key 'AI' (first set on line 1)"
        ),
        (
            "AI: artificial intelligence\n",
            "tags.yml:1:5: error: tag 'AI' must be a mapping with 'en', 'slug' or 'aliases', found 'artificial intelligence'"
        ),
        (
            "- AI\n- ML\n",
            "tags.yml:1:1: error: tags.yml must be a mapping of 'key: value' lines, found a list"
        ),
        (
            "AI:\n  aliases: {a: b}\n",
            "tags.yml:2:12: error: 'aliases' must be a list of strings, found a mapping"
        ),
        (
            "AI:\n  en: [x]\n",
            "tags.yml:2:7: error: 'en' must be a string, found a list"
        ),
        (
            "'//':\n",
            "tags.yml:1:1: error: tag '//' has nothing that can be used in a URL"
        ),
        (
            "AI:\n  aliases: ['?']\n",
            "tags.yml:2:13: error: alias '?' of tag 'AI' has nothing that can be used in a URL"
        ),
        (
            "AI:\n  en: [x\n",
            "tags.yml:3:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2)"
        ),
    ])
    func everyRegistryErrorIsReportedAtItsPosition(yaml: String, expected: String) {
        let (registry, problems) = Self.load(yaml)
        #expect(problems.map(\.description).joined(separator: "\n") == expected)
        #expect(problems.allSatisfy { $0.severity == .error })
        // An entry with an error is left out; the one it clashes with stays.
        #expect(registry.entries.count <= 1)
    }

    @Test func allErrorsOfAFileAreReportedTogetherInLineOrder() {
        let (_, problems) = Self.load(
            "OpenAI:\n  aliases: [Anthropic]\n  slug: OpenAI\nAnthropic:\n  tags: x\n")
        #expect(
            problems.map(\.description).map { $0.split(separator: "\n")[0] } == [
                "tags.yml:2:13: error: alias 'Anthropic' of tag 'OpenAI' is the name of tag 'Anthropic' (line 4)",
                "tags.yml:3:9: error: invalid slug 'OpenAI' for tag 'OpenAI': use lower-case ASCII letters, digits and single '-' between words",
                "tags.yml:5:3: error: unknown key 'tags' in tag 'Anthropic'",
            ])
    }

    @Test func invalidUTF8IsAnErrorNamingTheFile() {
        let result = TagRegistryLoader.load(
            SourceFile(path: "tags.yml", bytes: [0x41, 0xFF, 0x3A]))
        #expect(
            result.problems.map(\.description) == ["tags.yml:1: error: file is not valid UTF-8"])
    }

    @Test(arguments: [
        ("generative-ai", true), ("gpt-4o", true), ("a", true), ("", false), ("-a", false),
        ("a-", false), ("a--b", false), ("A", false), ("a_b", false), ("a.b", false), ("生成", false),
    ])
    func slugsAreLowerCaseASCIIWords(slug: String, isValid: Bool) {
        #expect(TagRegistry.isValidSlug(slug) == isValid)
    }
}
