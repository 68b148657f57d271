import Testing
@testable import EngageAnalysis

/// Effective-impression weights: bounded by κ, the ratio of sums without κ, posts without
/// impressions left out (the values themselves are checked against NumPy in StatisticalTestsTests).
@Suite struct WeightedPostRatesTests {
    @Test func viralPostsWeighAtMostKappaAndUnseenPostsAreLeftOut() throws {
        let posts = [RateObservation(impressions: 1_000_000, events: 5_000), RateObservation(impressions: 40, events: 4),
                     RateObservation(impressions: 0, events: 0), RateObservation(impressions: 300, events: 9)]
        let weighted = WeightedPostRates.effective(posts, postStrength: 50)
        #expect(weighted.count == 3, "the post with no impressions has no rate")
        #expect(weighted[0].weight < 50 && weighted[0].weight > 49.99, "a million impressions count as about κ")
        #expect(abs(weighted[1].weight - 40.0 * 50 / 90) < 1e-12 && abs(weighted[1].weightedRate - weighted[1].weight * 0.1) < 1e-15)
        let m = WeightedPostRates(weighted)
        let mean = try #require(m.mean)
        let ratioOfSums = try #require(RateEstimate(posts).rate)
        #expect(mean > 0.02 && ratioOfSums < 0.006, "the viral post's 0.5% no longer carries the mean: \(mean) against Σy/Σx \(ratioOfSums)")
    }

    @Test func withoutKappaItIsTheRatioOfSums() throws {
        let posts = (0..<12).map { RateObservation(impressions: 100 + Int64($0 * $0) * 50, events: 3 + Int64($0 % 4)) }
        let m = WeightedPostRates(WeightedPostRates.effective(posts, postStrength: nil))
        let e = RateEstimate(posts)
        #expect(isClose(m.mean, e.rate, relative: 1e-14))
        #expect(isClose(m.variance, e.variance, relative: 1e-12), "the same post-level variance as RateEstimate's")
        #expect(WeightedPostRates([WeightedPostRates.Post(weight: 10, weightedRate: 1)]).variance == nil, "one post: no variance")
    }
}
