// swift-tools-version: 6.0
import PackageDescription

/// engage: X/Twitter engagement exports and API responses in, an Excel workbook, charts,
/// a PDF and an email-ready summary out. See docs/ARCHITECTURE.md for who may import whom.
///
/// Linux with glibc only: engage starts batch workers through `/proc/self/exe`, binds its
/// libxlsxwriter hooks with `dlsym(RTLD_NEXT)` and tunes glibc's malloc (`mallopt`), so no
/// other platform is declared.
let package = Package(
    name: "engage",
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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
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
        // glibc's <malloc.h> (mallopt), which Swift's Glibc module leaves out.
        .systemLibrary(name: "CMalloc"),

        // libxlsxwriter tuned from outside: its cell-writing fprintf formatted without glibc's
        // printf, its zip parts deflated at zlib level 1 on worker threads (prototypes checked
        // against minizip's header, Debian libminizip-dev), 64 KiB buffers for its temporary
        // files; all off with ENGAGE_NO_TUNING=1. See the C files.
        .target(name: "CXlsxWriterTuning", linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("m"), .linkedLibrary("pthread"), .linkedLibrary("z")]),
        // fontconfig's font sort remembered across Pango's font maps and sizes (FcFontSetSort, which
        // libpangoft2 calls: linking it lets the executable's definition come first); off with
        // ENGAGE_NO_TUNING=1. See the C file.
        .target(name: "CFontTuning", linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread"),
                                                      .linkedLibrary("fontconfig"), .linkedLibrary("pangoft2-1.0")]),

        .target(name: "EngageModel"),
        .target(name: "EngageIngest", dependencies: [
            "EngageModel",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "EngageAnalysis", dependencies: ["EngageModel"]),
        .target(name: "XLSX", dependencies: ["CXlsxWriter", "CXlsxWriterTuning"]),
        .target(name: "Charts", dependencies: ["CCairo", "CPango", "CZlib", "CFontTuning"]),
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
        // The history store: one SQLite file per account set, through GRDB over Debian's SQLite.
        // The only target that imports GRDB.
        .target(name: "EngageStore", dependencies: [
            "EngageModel",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // `engage watch`: rules judged on the store's histories, alerts delivered from its outbox.
        .target(name: "EngageWatch", dependencies: ["EngageModel", "EngageAnalysis", "EngageConfig", "EngageStore"]),
        // `report --batch`: the jobs' folders checked, then the jobs run in worker processes.
        .target(name: "EngageBatch", dependencies: ["EngageConfig", "EngageReport"]),
        .executableTarget(name: "engage", dependencies: [
            "EngageModel", "EngageIngest", "EngageAnalysis", "EngageReport", "EngageConfig",
            "EngageAPI", "EngageSandbox", "EngageStore", "EngageWatch", "EngageBatch", "XLSX", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),

        .testTarget(name: "EngageModelTests", dependencies: ["EngageModel"]),
        .testTarget(name: "EngageIngestTests", dependencies: ["EngageIngest", "EngageModel"],
                    resources: []),
        .testTarget(name: "EngageAnalysisTests", dependencies: ["EngageAnalysis", "EngageModel"]),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "CZlib", "CFontTuning"], exclude: ["Golden"]),
        .testTarget(name: "EngageReportTests", dependencies: ["EngageReport", "EngageModel", "EngageAnalysis", "EngageIngest", "XLSX"]),
        .testTarget(name: "EngageConfigTests", dependencies: ["EngageConfig", "EngageAnalysis", "EngageModel"]),
        .testTarget(name: "EngageBatchTests", dependencies: ["EngageBatch", "EngageConfig"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
        .testTarget(name: "EngageStoreTests", dependencies: ["EngageStore", "EngageModel", "EngageAnalysis"]),
        .testTarget(name: "EngageWatchTests", dependencies: ["EngageWatch", "EngageStore", "EngageConfig", "EngageModel", "EngageAnalysis", "EngageSandbox"]),
        .testTarget(name: "EngageAPITests", dependencies: [
            "EngageAPI", "EngageSandbox", "EngageIngest", "EngageModel", "CZlib",
        ]),
    ]
)
