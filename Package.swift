// swift-tools-version: 6.1
import PackageDescription

// The lower layers' code is inlined and specialised into the targets above them in release
// builds, as it was when everything was one target (the split must not cost build speed).
let crossModule: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))
]

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .executable(name: "sitegen-serve", targets: ["sitegen-serve"]),
        .library(name: "SitegenCore", targets: ["SitegenCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The layers, each depending only on those above it (docs/architecture.md): small
        // shared helpers, then two libraries that know nothing of sites, then the site core.
        .target(name: "SitegenBase", swiftSettings: crossModule),
        .target(
            name: "SitegenYAML", dependencies: ["CYAML", "SitegenBase"], swiftSettings: crossModule),
        .target(name: "SitegenMustache", dependencies: ["SitegenBase"], swiftSettings: crossModule),
        .target(
            name: "SitegenCore",
            dependencies: [
                "CCmark",
                "SitegenBase",
                "SitegenYAML",
                "SitegenMustache",
                "SitegenSearch",
            ],
            swiftSettings: crossModule
        ),
        // Bilingual search: normalisation, tokenisation and the index files; knows nothing of
        // sites (SitegenCore turns briefs into its documents).
        .target(name: "SitegenSearch", swiftSettings: crossModule),
        .target(
            name: "SitegenServer",
            dependencies: ["SitegenBase", "SitegenCore"]
        ),
        // What both programs' command lines share: options and terminal output.
        .target(
            name: "SitegenCommandLine",
            dependencies: [
                "SitegenCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenBase",
                "SitegenCore",
                "SitegenCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc (Debian libjemalloc-dev) in place of glibc's malloc: a build allocates
            // millions of small strings and arrays on two threads, and takes 10-15 % less time
            // with it (BENCHMARKS.md).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // `sitegen serve` hands over to this program, so that sitegen itself does not carry the
        // HTTP server (SitegenServer: our own, on plain sockets; it links no networking library).
        .executableTarget(
            name: "sitegen-serve",
            dependencies: [
                "SitegenBase",
                "SitegenCore",
                "SitegenServer",
                "SitegenCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // libFuzzer target for the content parser; scripts/fuzz.sh builds it with
        // -sanitize=fuzzer. A plain build gives a replayer for corpus files instead.
        .executableTarget(
            name: "SitegenFuzz",
            dependencies: ["SitegenBase", "SitegenCore"]
        ),
        .testTarget(name: "SitegenBaseTests", dependencies: ["SitegenBase"]),
        .testTarget(name: "SitegenYAMLTests", dependencies: ["SitegenYAML"]),
        .testTarget(
            name: "SitegenMustacheTests",
            dependencies: [
                "SitegenBase",
                "SitegenMustache",
                // Only for MustacheDifferentialTests, which compares our renderer with it.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["MustacheSpec"]
        ),
        .testTarget(
            name: "SitegenCoreTests",
            dependencies: ["SitegenBase", "SitegenYAML", "SitegenMustache", "SitegenCore"]
        ),
        .testTarget(
            name: "SitegenSearchTests",
            dependencies: ["SitegenSearch"],
            exclude: ["tokens.json", "layout.json"]
        ),
        .testTarget(
            name: "SitegenBuildTests",
            dependencies: ["SitegenCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SitegenCLITests",
            dependencies: ["SitegenCore", "SitegenServer"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
