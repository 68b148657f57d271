import EngageAnalysis
import Foundation
import Testing

/// The seeded studentized permutation test against exact enumeration
/// (Tests/Fixtures/analysis/permutation_reference.py writes permutation.json).
@Suite struct PermutationTestTests {
    static var reference: [[String: Any]] {
        var url = URL(filePath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) { url = url.deletingLastPathComponent() }
        let data = try? Data(contentsOf: url.appending(path: "Tests/Fixtures/analysis/permutation.json"))
        let object = data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        return object?["cases"] as? [[String: Any]] ?? []
    }

    static func posts(_ value: Any?) -> [RateObservation] {
        (value as? [[NSNumber]] ?? []).map { RateObservation(impressions: $0[0].int64Value, events: $0[1].int64Value) }
    }

    @Test func agreesWithExactEnumeration() throws {
        let cases = Self.reference
        #expect(cases.count == 5)
        let draws = 19_999
        for (i, c) in cases.enumerated() {
            let exact = try #require((c["p_exact"] as? NSNumber)?.doubleValue)
            let p = try #require(PermutationTest(draws: draws, seed: 11).pValue(Self.posts(c["a"]), Self.posts(c["b"])))
            // Monte Carlo error of the seeded estimate: 4 standard errors, plus the +1 of the estimator.
            let tolerance = 4 * (exact * (1 - exact) / Double(draws)).squareRoot() + 2 / Double(draws)
            #expect(abs(p - exact) <= tolerance, "case \(i): \(p) vs exact \(exact)")
        }
    }

    @Test func seededAndDefinedOnlyWhenTheStatisticIs() {
        let a = (0..<20).map { RateObservation(impressions: 100 + Int64($0) * 37, events: 2 + Int64($0 % 5)) }
        let b = (0..<30).map { RateObservation(impressions: 90 + Int64($0) * 53, events: 1 + Int64($0 % 4)) }
        let test = PermutationTest(draws: 999, seed: 5)
        #expect(test.pValue(a, b) == test.pValue(a, b))
        #expect(abs(test.pValue(a, b)! - test.pValue(b, a)!) < 0.05, "two-sided: the order of the groups hardly matters")
        #expect(test.pValue([a[0]], b) == nil, "one post: no variance")
        let constant = (0..<10).map { _ in RateObservation(impressions: 100, events: 5) }
        #expect(test.pValue(constant, constant).map { $0 == 1 } ?? true, "no variation at all: nothing to find")
        #expect(PermutationTest.draws(50, 100_000) == 9_999 && PermutationTest.draws(50_000, 50_000) == 999)
    }
}
