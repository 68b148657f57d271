// swift-tools-version: 6.0
import PackageDescription

/// engage: X/Twitter engagement exports and API responses in, an Excel workbook, charts,
/// a PDF and an email-ready summary out. See docs/ARCHITECTURE.md for who may import whom.
let package = Package(
    name: "engage",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "engage", targets: ["engage"]),
        // For the fuzzers in Fuzz/, a separate package so that fuzzing flags never touch this build.
        .library(name: "EngageIngest", targets: ["EngageIngest"]),
        .library(name: "EngageConfig", targets: ["EngageConfig"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C libraries from Debian, wrapped the GRDB way: a modulemap and a shim header.
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        // libxlsxwriter tuned from outside: zlib at its fastest level (it has no level option), its
        // cell-writing fprintf formatted without glibc's printf, and large zip parts deflated on
        // worker threads: see the C files.
        .target(name: "CXlsxWriterTuning", linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("m"), .linkedLibrary("pthread"), .linkedLibrary("z")]),

        .target(name: "EngageModel"),
        .target(name: "EngageIngest", dependencies: [
            "EngageModel",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "EngageAnalysis", dependencies: ["EngageModel"]),
        .target(name: "XLSX", dependencies: ["CXlsxWriter", "CXlsxWriterTuning"]),
        .target(name: "Charts", dependencies: ["CCairo", "CPango", "CZlib"]),
        .target(name: "EngageReport", dependencies: [
            "EngageModel", "EngageAnalysis", "XLSX", "Charts",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.embedInCode("Templates")]),
        // User-edited files (campaigns, templates, batch jobs) with errors that name file and line.
        .target(name: "EngageConfig", dependencies: [
            "EngageModel", "EngageAnalysis",
            .product(name: "Yams", package: "Yams"),
        ], resources: [.embedInCode("Templates")]),
        // Engagement API + X API v2 clients (URLSession, OAuth 1.0a via swift-crypto) and the loopback sandbox.
        .target(name: "EngageAPI", dependencies: [
            "EngageModel", "EngageIngest",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "EngageSandbox", dependencies: ["EngageModel", "EngageIngest", "EngageAPI"]),
        .executableTarget(name: "engage", dependencies: [
            "EngageModel", "EngageIngest", "EngageAnalysis", "EngageReport", "EngageConfig",
            "EngageAPI", "EngageSandbox",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),

        .testTarget(name: "EngageModelTests", dependencies: ["EngageModel"]),
        .testTarget(name: "EngageIngestTests", dependencies: ["EngageIngest", "EngageModel"],
                    resources: []),
        .testTarget(name: "EngageAnalysisTests", dependencies: ["EngageAnalysis", "EngageModel"]),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "CZlib"], exclude: ["Golden"]),
        .testTarget(name: "EngageReportTests", dependencies: ["EngageReport", "EngageModel", "EngageAnalysis", "EngageIngest"]),
        .testTarget(name: "EngageConfigTests", dependencies: ["EngageConfig", "EngageAnalysis", "EngageModel"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
        .testTarget(name: "EngageAPITests", dependencies: [
            "EngageAPI", "EngageSandbox", "EngageIngest", "EngageModel",
        ]),
    ]
)
