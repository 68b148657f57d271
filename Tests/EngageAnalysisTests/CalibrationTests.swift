import EngageModel
import Foundation
import Testing
@testable import EngageAnalysis

/// Calibration on heavy-tailed accounts (``HeavyTailedAccount``): how often the analyses claim
/// something that is not there, and how often they find what is. The measured figures are printed
/// and written in docs/METHODS.md ("Calibration on heavy-tailed accounts").
@Suite struct CalibrationTests {
    static func percent(_ k: Int, _ n: Int) -> String { String(format: "%d of %d (%.1f%%)", k, n, 100 * Double(k) / Double(n)) }

    /// Posts of a heavy-tailed account at random times over a year (no slot is truly better).
    static func shuffledAccount(seed: UInt64, count: Int) -> [Post] {
        var random = SeededRandom(seed: seed &* 31 &+ 5)
        let start = 1_735_689_600.0   // 2025-01-01T00:00Z
        return HeavyTailedAccount.posts(count: count, profile: .heavy, seed: seed).enumerated().map { i, p in
            let t = Date(timeIntervalSince1970: start + random.nextUnitDouble() * 365 * 86_400)
            return BestHoursFixture.post(i, at: t, impressions: p.impressions, events: p.events,
                                         text: p.isReply ? "@someone thanks" : "synthetic post")
        }
    }

    @Test func shuffledTimesRarelyEarnLikelyBetter() {
        let runs = 20
        var flagged = 0, slotsAboveRaw = 0, slotsLabelled = 0
        for seed in 0..<runs {
            let result = BestHours.analyze(Self.shuffledAccount(seed: 500 + UInt64(seed), count: 1_500), on: .utc)
            if result.recommendations.contains(where: { $0.confidence == .likelyBetter }) { flagged += 1 }
            slotsLabelled += result.recommendations.count
            slotsAboveRaw += result.recommendations.filter { $0.confidence == .likelyBetter }.count
        }
        let message = "best hours on \(runs) heavy-tailed accounts of 1,500 posts with random posting times: \"likely better\" in \(Self.percent(flagged, runs)) of runs (\(slotsAboveRaw) of \(slotsLabelled) recommended slots)"
        print(message)
        #expect(Double(flagged) <= 0.05 * Double(runs), Comment(rawValue: message))
    }

    @Test func plantedSlotsAreStillFound() throws {
        // Three slots planted at 1.8× on a heavy-tailed account of 3,000 posts concentrated in daytime
        // hours: the analysis should still find at least one of them "likely better" in most runs.
        let runs = 5
        var found = 0, falseClaims = 0
        for seed in 0..<runs {
            var random = SeededRandom(seed: 900 + UInt64(seed))
            let planted: Set<BestHoursSlot> = [BestHoursSlot(weekday: .tuesday, hour: 10), BestHoursSlot(weekday: .wednesday, hour: 16),
                                                BestHoursSlot(weekday: .thursday, hour: 9)]
            var posts = HeavyTailedAccount.posts(count: 3_000, profile: .heavy, seed: 900 + UInt64(seed))
            var times: [Date] = []
            for i in posts.indices {
                // Weekdays 8–17h only: 50 slots, about 60 posts each.
                let day = Double(random.nextIndex(below: 52) * 7 + random.nextIndex(below: 5))
                let hour = Double(8 + random.nextIndex(below: 10))
                let t = Date(timeIntervalSince1970: 1_704_067_200 + day * 86_400 + hour * 3_600 + 60)
                times.append(t)
                if planted.contains(BestHoursSlot(of: t, on: .utc)) {
                    posts[i] = HeavyTailedAccount.redraw([posts[i]], multiplier: 1.8, seed: 77 &+ UInt64(i) &* 13 &+ UInt64(seed))[0]
                }
            }
            let list = posts.enumerated().map { BestHoursFixture.post($0.offset, at: times[$0.offset], impressions: $0.element.impressions, events: $0.element.events) }
            let result = BestHours.analyze(list, on: .utc)
            if result.recommendations.contains(where: { $0.confidence == .likelyBetter && planted.contains($0.slot) }) { found += 1 }
            falseClaims += result.recommendations.filter { $0.confidence == .likelyBetter && !planted.contains($0.slot) }.count
        }
        let message = "best hours, three slots planted at 1.8× on heavy-tailed accounts of 3,000 posts: a planted slot \"likely better\" in \(Self.percent(found, runs)) of runs; \(falseClaims) unplanted slots called \"likely better\""
        print(message)
        #expect(found >= 4, Comment(rawValue: message))
    }

    /// Shuffles of the campaign tests here (a debug build runs them in `make test`).
    static let shuffles = 199

    /// Splits one heavy-tailed account at random into groups of the given shares, `splits` times,
    /// and compares every group after the first with the first, as `engage compare` does.
    static func aa(shares: [Double], posts: Int, splits: Int, seed: UInt64) throws -> (rejections: Int, comparisons: Int, familyRejections: Int) {
        let population = HeavyTailedAccount.posts(count: posts, profile: .heavy, seed: seed).map(\.observation)
        var sim = SimulatedPopulation(seed: seed &+ 1)
        var options = CampaignAnalysisOptions(bootstrapDraws: 0)
        // 199 shuffles keep the suite quick; p = (1 + hits)/200 < 0.05 then rejects with
        // probability 9/200 = 4.5% under the null (engage uses up to 9,999: 5.0%).
        options.permutationDraws = Self.shuffles
        var rejections = 0, comparisons = 0, family = 0
        for split in 0..<splits {
            let order = sim.shuffledIndices(population.count)
            var groups: [[RateObservation]] = []
            var start = 0
            for (k, share) in shares.enumerated() {
                let end = k == shares.count - 1 ? order.count : start + Int((Double(order.count) * share).rounded())
                groups.append(order[start..<end].map { population[$0] })
                start = end
            }
            var found = false
            var ps: [Double] = []
            for k in 1..<groups.count {
                options.permutationSeed = UInt64(split * 10 + k)
                let c = CampaignComparison(campaign: "G\(k)", groups[k], control: "G0", groups[0], options: options)
                let p = try #require(c.pValue)
                ps.append(p)
                comparisons += 1
                if p < 0.05 { rejections += 1 }
            }
            for p in StatisticalTests.holm(ps) where p < 0.05 { found = true }
            if found { family += 1 }
        }
        return (rejections, comparisons, family)
    }

    @Test(arguments: [[0.5, 0.5], [0.2, 0.8], [0.8, 0.2], [1.0 / 3, 1.0 / 3, 1.0 / 3]])
    func aaSplitsHoldTheirSize(shares: [Double]) throws {
        let splits = 300
        let (rejections, comparisons, family) = try Self.aa(shares: shares, posts: 1_000, splits: splits, seed: 42)
        let rate = Double(rejections) / Double(comparisons)
        // 95% binomial band around 5% for this many comparisons.
        let half = 1.96 * (0.05 * 0.95 / Double(comparisons)).squareRoot()
        let name = shares.map { String(format: "%.0f", 100 * $0) }.joined(separator: "/")
        let message = "campaign A/A \(name) on a heavy-tailed account of 1,000 posts, \(splits) splits: permutation test (\(Self.shuffles) shuffles) rejects in \(Self.percent(rejections, comparisons)) of comparisons (band \(String(format: "%.1f–%.1f%%", 100 * (0.05 - half), 100 * (0.05 + half)))), Holm family-wise \(Self.percent(family, splits))"
        print(message)
        #expect(abs(rate - 0.05) <= half, Comment(rawValue: message))
        #expect(Double(family) <= (0.05 + half) * Double(splits), Comment(rawValue: message))
    }

    /// A planted +30% on half of a 1,500-post account (750 posts per arm): every treated post's true
    /// rate is 1.3× what it would have been, events drawn afresh, so the lift is +30% on any weighting
    /// of post rates that depends on impressions only, the campaign's estimand included. The issue's
    /// targets: found (permutation p < 0.05, lift > 0) in at least 90% of runs, the 95% interval
    /// covering +30% in 93–97%.
    @Test(arguments: ["heavy", "large"])
    func plantedLiftIsFoundAndCovered(profile: String) {
        // Coverage needs no shuffles, so it is measured on more accounts than power (which does).
        let runs = 400, testedRuns = 200
        var found = 0, covered = 0, foundRatioOfSums = 0
        var options = CampaignAnalysisOptions(bootstrapDraws: 0)
        for run in 0..<runs {
            let account = HeavyTailedAccount.posts(count: 1_500, profile: profile == "heavy" ? .heavy : .large, seed: 7_000 + UInt64(run))
            let control = Array(account.prefix(750))
            let treated = HeavyTailedAccount.redraw(Array(account.suffix(750)), multiplier: 1.3, seed: 8_000 + UInt64(run))
            options.permutationSeed = UInt64(run)
            options.permutationDraws = run < testedRuns ? Self.shuffles : 0
            let c = CampaignComparison(campaign: "B", treated.map(\.observation), control: "A", control.map(\.observation), options: options)
            if c.liftInterval?.contains(0.30) == true { covered += 1 }
            guard run < testedRuns else { continue }
            if let p = c.pValue, p < 0.05, (c.lift ?? 0) > 0 { found += 1 }
            // What the ratio of sums would have found with its z test, for the record.
            if let r = c.ratioOfSumsLift, r > 0, Self.ratioOfSumsPValue(treated.map(\.observation), control.map(\.observation)) < 0.05 {
                foundRatioOfSums += 1
            }
        }
        let message = "planted +30% on half of \(profile) heavy-tailed accounts of 1,500 posts: found (permutation p < 0.05, \(Self.shuffles) shuffles) in \(Self.percent(found, testedRuns)) accounts; 95% interval covers +30% in \(Self.percent(covered, runs)) (lift on the effective-impression-weighted mean of post rates; the ratio of sums' z test finds it in \(Self.percent(foundRatioOfSums, testedRuns)))"
        print(message)
        #expect(Double(found) >= 0.90 * Double(testedRuns), Comment(rawValue: message))
        #expect(Double(covered) >= 0.93 * Double(runs) && Double(covered) <= 0.97 * Double(runs), Comment(rawValue: message))
    }

    /// The post-level z test of two ratios of sums (the lift before it moved to the weighted mean).
    static func ratioOfSumsPValue(_ a: [RateObservation], _ b: [RateObservation]) -> Double {
        let ea = RateEstimate(a), eb = RateEstimate(b)
        guard let ra = ea.rate, let rb = eb.rate, let va = ea.variance, let vb = eb.variance, ra > 0, rb > 0 else { return 1 }
        let z = Foundation.log(ra / rb) / (va / (ra * ra) + vb / (rb * rb)).squareRoot()
        return Distributions.erfc(abs(z) / 2.0.squareRoot())
    }
}
