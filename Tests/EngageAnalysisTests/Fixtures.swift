import EngageAnalysis
import Foundation
import Testing

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

/// `Double?` from a JSON value (`null` → nil). A key missing from the reference is not "no
/// value": it is recorded as a failure and read as NaN, which nothing is close to.
func number(_ any: Any?, sourceLocation: SourceLocation = #_sourceLocation) -> Double? {
    guard let any else {
        Issue.record("a value is missing from the reference fixture", sourceLocation: sourceLocation)
        return .nan
    }
    if any is NSNull { return nil }
    return (any as? NSNumber)?.doubleValue ?? .nan
}

/// `[Double]` from a JSON array.
func numbers(_ any: Any?, sourceLocation: SourceLocation = #_sourceLocation) -> [Double] {
    if any is NSNull { return [] }  // the reference says there is none
    guard let list = any as? [Any] else {
        Issue.record("a list is missing from the reference fixture", sourceLocation: sourceLocation)
        return [.nan, .nan]
    }
    return list.compactMap { number($0, sourceLocation: sourceLocation) }
}

/// `[Int64]` from a JSON array of integers.
func integers(_ any: Any?) -> [Int64] { (any as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.int64Value } }

/// Observations from parallel impression/event arrays.
func observations(_ x: Any?, _ y: Any?) -> [RateObservation] {
    zip(integers(x), integers(y)).map { RateObservation(impressions: $0, events: $1) }
}

/// The reference readers themselves: a value missing from a fixture is a failure, never a match
/// for a missing result; an explicit `null` means "none".
@Suite struct FixtureReaderTests {
    @Test func aMissingReferenceValueFailsAndANullMeansNone() {
        withKnownIssue("the reader records the missing value") {
            #expect(!isClose(nil, number(nil)))
        }
        withKnownIssue("the reader records the missing list") {
            let read = numbers(nil)
            #expect(read.count == 2 && read.allSatisfy { $0.isNaN })
        }
        #expect(isClose(nil, number(NSNull())))
        #expect(numbers(NSNull()).isEmpty)
        #expect(!isClose(0.5, nil) && !isClose(nil, 0.5))
    }
}
