// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Collective",
    // Linux only (README, "Linux only"): inotify for `serve`, renameat2 for the atomic swap of the output folder,
    // /proc/self/exe for the build cache's key. No Apple platform is claimed.
    products: [
        .executable(name: "collective", targets: ["collective"]),
        .library(name: "ImpactDomain", targets: ["ImpactDomain"]),
        .library(name: "CollectiveSite", targets: ["CollectiveSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // data.xlsx: the zip container (inflate and deflate through the system zlib); the XML is read by our own scanner.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // cmark 0.30 (Debian libcmark-dev); the module map names a local shim header.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // One system call Swift's Glibc module does not expose (renameat2 with RENAME_EXCHANGE).
        .target(name: "CSystem"),
        // The allocator's settings (mimalloc.h from libmimalloc-dev); only the executable, which links mimalloc, uses it.
        .target(name: "CAllocator"),
        // Carries templates/ into the binary as Swift source written into the build folder on every build.
        .plugin(name: "EmbedThemePlugin", capability: .buildTool()),
        // Pure domain: value types and computations. No I/O, no HTML, no templates.
        .target(name: "ImpactDomain"),
        // Load content, validate, compute (via ImpactDomain), build page models, render, write.
        .target(
            name: "CollectiveSite",
            dependencies: [
                "ImpactDomain",
                "CCmark",
                "CSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            plugins: ["EmbedThemePlugin"]
        ),
        .executableTarget(
            name: "collective",
            dependencies: [
                "CollectiveSite",
                "ImpactDomain",
                "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            // mimalloc (Debian libmimalloc-dev) replaces glibc's malloc for the whole process: a build allocates and
            // frees page models, strings and buffers on both cores, and spends ≈ 9 % less CPU with it
            // (docs/performance.md, "The allocator"). Linked before libc, it is the malloc every library calls.
            linkerSettings: [.linkedLibrary("mimalloc")]
        ),
        // libFuzzer target for the CSV reader, front matter and Markdown (docs/fuzzing.md); a corpus replayer otherwise.
        .executableTarget(name: "CollectiveFuzz", dependencies: ["CollectiveSite"]),
        // What both test targets share (a seeded generator); not part of any product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "ImpactDomainTests",
            dependencies: [
                "ImpactDomain",
                "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CollectiveSiteTests",
            dependencies: ["CollectiveSite", "ImpactDomain", "TestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            // WorkbookSiteTests runs make_workbook.py from the repository: a script, not a resource of the bundle.
            exclude: ["Workbook/make_workbook.py"],
            resources: [.copy("Corpus")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
