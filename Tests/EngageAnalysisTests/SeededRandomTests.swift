import EngageAnalysis
import Foundation
import Testing

@Suite struct SeededRandomTests {
    /// The raw sequence equals the Python transcription of xoshiro256** in make_reference.py.
    @Test func sequenceMatchesReference() throws {
        let cases = try Fixtures.reference()["random"] as? [[String: Any]] ?? []
        #expect(cases.count == 4)
        for c in cases {
            var random = SeededRandom(seed: try #require(UInt64(c["seed"] as? String ?? "")))
            let want = (c["outputs"] as? [String] ?? []).compactMap { UInt64($0) }
            #expect(want.count == 6 && want == (0..<6).map { _ in random.next() }, "seed \(c["seed"] ?? "")")
        }
    }

    @Test func indicesAreInRangeAndRoughlyUniform() {
        var random = SeededRandom(seed: 9)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[random.nextIndex(below: 7)] += 1 }
        // Each cell expects 10,000 with SD ≈ 93; 6 SD either side.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 560 }, "\(counts)")
        #expect(random.nextIndex(below: 1) == 0 && random.nextIndex(below: 0) == 0)
        let u = (0..<1_000).map { _ in random.nextUnitDouble() }
        #expect(u.allSatisfy { (0..<1).contains($0) })
    }
}
