import Foundation

/// Locates `Tests/Fixtures/analysis/` by walking up from this file to the package root.
enum Fixtures {
    static let directory: URL = {
        var url = URL(filePath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) {
                return url.appending(path: "Tests/Fixtures/analysis")
            }
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// The parsed `reference.json` written by `make_reference.py`.
    static func reference() throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appending(path: "reference.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

/// True when `actual` is within `relative` of `expected` (or within `absolute` near zero).
func isClose(_ actual: Double?, _ expected: Double?, relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
    guard let actual, let expected else { return actual == nil && expected == nil }
    return abs(actual - expected) <= max(absolute, relative * abs(expected))
}
