// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer targets for engage's parsers; see `make fuzz` in the top Makefile.
/// Build: swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
let package = Package(
    name: "EngageFuzz",
    dependencies: [.package(name: "engage", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        // Any bytes as an export file: encoding and dialect detection, the CSV scanner, variant
        // detection, row decoding, and the JSON readers for inputs that look like JSON.
        .executableTarget(name: "FuzzExport", dependencies: ["FuzzDriver", .product(name: "EngageIngest", package: "engage")]),
        // Any bytes as a saved API response.
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzDriver", .product(name: "EngageIngest", package: "engage")]),
        // Any text as a campaign, batch or template YAML file.
        .executableTarget(name: "FuzzConfig", dependencies: ["FuzzDriver", .product(name: "EngageConfig", package: "engage")]),
    ]
)
