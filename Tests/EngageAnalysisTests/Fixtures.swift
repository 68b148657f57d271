import EngageAnalysis
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

/// `Double?` from a JSON value (`null` → nil).
func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }

/// `[Double]` from a JSON array.
func numbers(_ any: Any?) -> [Double] { (any as? [Any] ?? []).compactMap(number) }

/// `[Int64]` from a JSON array of integers.
func integers(_ any: Any?) -> [Int64] { (any as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.int64Value } }

/// Observations from parallel impression/event arrays.
func observations(_ x: Any?, _ y: Any?) -> [RateObservation] {
    zip(integers(x), integers(y)).map { RateObservation(impressions: $0, events: $1) }
}
