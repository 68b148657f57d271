import EngageAnalysis
import Foundation
import Testing

/// The seeded studentized permutation test against exact enumeration
/// (Tests/Fixtures/analysis/permutation_reference.py writes permutation.json), on ratios of sums
/// (weight wᵢ = xᵢ, so wᵢrᵢ = yᵢ).
@Suite struct PermutationTestTests {
    static var reference: [[String: Any]] {
        var url = URL(filePath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) { url = url.deletingLastPathComponent() }
        let data = try? Data(contentsOf: url.appending(path: "Tests/Fixtures/analysis/permutation.json"))
        let object = data.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        return object?["cases"] as? [[String: Any]] ?? []
    }

    static func posts(_ value: Any?) -> [WeightedPostRates.Post] {
        (value as? [[NSNumber]] ?? []).map { WeightedPostRates.Post(weight: $0[0].doubleValue, weightedRate: $0[1].doubleValue) }
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
        let a = (0..<20).map { WeightedPostRates.Post(weight: 100 + Double($0) * 37, weightedRate: 2 + Double($0 % 5)) }
        let b = (0..<30).map { WeightedPostRates.Post(weight: 90 + Double($0) * 53, weightedRate: 1 + Double($0 % 4)) }
        let test = PermutationTest(draws: 999, seed: 5)
        #expect(test.pValue(a, b) == test.pValue(a, b))
        #expect(abs(test.pValue(a, b)! - test.pValue(b, a)!) < 0.05, "two-sided: the order of the groups hardly matters")
        #expect(test.pValue([a[0]], b) == nil, "one post: no variance")
        let constant = (0..<10).map { _ in WeightedPostRates.Post(weight: 100, weightedRate: 5) }
        #expect(test.pValue(constant, constant).map { $0 == 1 } ?? true, "no variation at all: nothing to find")
        #expect(PermutationTest.draws(50, 100_000) == 9_999 && PermutationTest.draws(50_000, 50_000) == 999)
    }
}
