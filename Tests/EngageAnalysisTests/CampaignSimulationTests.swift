import EngageAnalysis
import Foundation
import Testing

/// Why the post is the unit: simulations with a known truth.
@Suite struct CampaignSimulationTests {
    /// A/A: one friendly (light-tailed) population split at random into two fake campaigns, 1,000
    /// times. The delta-method z test must reject at α = 0.05 in 3–7% of splits; the naive pooled
    /// test rejects far more often. (Heavy-tailed accounts: ``CalibrationTests``.)
    @Test func aaSplitsRejectAtTheNominalRate() {
        var sim = SimulatedPopulation(seed: 7)
        let population = sim.posts(count: 600, meanRate: 0.02)
        var options = CampaignAnalysisOptions(bootstrapDraws: 0)
        options.permutationDraws = 0
        let splits = 1_000
        var postLevel = 0, naive = 0
        for _ in 0..<splits {
            let order = sim.shuffledIndices(population.count)
            let a = order.prefix(300).map { population[$0] }, b = order.suffix(300).map { population[$0] }
            let comparison = CampaignComparison(campaign: "B", b, control: "A", a, options: options)
            if let p = comparison.deltaPValue, p < 0.05 { postLevel += 1 }
            if naivePooledPValue(b, a) < 0.05 { naive += 1 }
        }
        let postRate = Double(postLevel) / Double(splits), naiveRate = Double(naive) / Double(splits)
        let message = "A/A rejections at α = 0.05 over \(splits) splits: post-level test \(String(format: "%.1f%%", 100 * postRate)), naive pooled test \(String(format: "%.1f%%", 100 * naiveRate))"
        #expect((0.03...0.07).contains(postRate), Comment(rawValue: message))
        #expect(naiveRate > 3 * postRate && naiveRate > 0.2, Comment(rawValue: message))
        print(message)
    }

    /// A true +25% lift with 400 posts per arm is found (p < 0.05, lift > 0) in at least 80% of 50 runs.
    @Test func plantedLiftIsDetected() {
        var detected = 0, covered = 0
        let runs = 50
        var options = CampaignAnalysisOptions(bootstrapDraws: 0)
        options.permutationDraws = 999
        for seed in 0..<runs {
            var sim = SimulatedPopulation(seed: 1_000 + UInt64(seed))
            let control = sim.posts(count: 400, meanRate: 0.02)
            let treated = sim.posts(count: 400, meanRate: 0.025)
            let c = CampaignComparison(campaign: "B", treated, control: "A", control, options: options)
            if let p = c.pValue, p < 0.05, let lift = c.lift, lift > 0 { detected += 1 }
            if c.liftInterval?.contains(0.25) == true { covered += 1 }
        }
        let message = "planted +25% lift: detected in \(detected) of \(runs) runs; 95% CI covered the truth in \(covered)"
        #expect(detected >= 40, Comment(rawValue: message))
        #expect(covered >= 42, Comment(rawValue: message))
        print(message)
    }
}
