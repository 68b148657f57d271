@testable import EngageAnalysis
import Foundation
import Testing

/// Welch, Mann–Whitney, Holm and campaign-vs-control statistics against SciPy/statsmodels.
@Suite struct StatisticalTestsTests {
    let reference: [String: Any]
    init() throws { reference = try Fixtures.reference() }

    @Test func welchMatchesSciPy() {
        let cases = reference["welch"] as? [[String: Any]] ?? []
        #expect(cases.count >= 4)
        for (i, c) in cases.enumerated() {
            let r = StatisticalTests.welchTTest(numbers(c["a"]), numbers(c["b"]))
            #expect(isClose(r?.statistic, number(c["statistic"])), "t, case \(i)")
            #expect(isClose(r?.pValue, number(c["pvalue"])), "p, case \(i)")
            #expect(isClose(r?.degreesOfFreedom, number(c["df"])), "df, case \(i)")
        }
        #expect(StatisticalTests.welchTTest([1], [2, 3]) == nil)
        #expect(StatisticalTests.welchTTest([1, 1], [1, 1]) == nil)
    }

    @Test func mannWhitneyMatchesSciPy() {
        let cases = reference["mann_whitney"] as? [[String: Any]] ?? []
        #expect(cases.count >= 8)
        for (i, c) in cases.enumerated() {
            let r = StatisticalTests.mannWhitneyU(numbers(c["a"]), numbers(c["b"]))
            #expect(isClose(r?.statistic, number(c["statistic"])), "U, case \(i)")
            #expect(isClose(r?.pValue, number(c["pvalue"])), "p, case \(i) (exact: \(r?.isExact ?? false))")
        }
        #expect(StatisticalTests.mannWhitneyU([], [1]) == nil)
    }

    @Test func holmMatchesStatsmodels() {
        let cases = reference["holm"] as? [[String: Any]] ?? []
        #expect(cases.count >= 4)
        for c in cases {
            let got = StatisticalTests.holm(numbers(c["p"])), want = numbers(c["adjusted"])
            #expect(got.count == want.count && zip(got, want).allSatisfy { isClose($0, $1, relative: 1e-12) }, "\(got) vs \(want)")
        }
    }

    @Test func comparisonMatchesReference() {
        let cases = reference["comparisons"] as? [[String: Any]] ?? []
        #expect(cases.count >= 8)
        #expect(cases.contains { ($0["expected"] as? [String: Any])?["kappa"] is NSNull }, "a case without overdispersion")
        for (i, c) in cases.enumerated() {
            let want = c["expected"] as? [String: Any] ?? [:]
            let r = CampaignComparison(campaign: "B", observations(c["x1"], c["y1"]), control: "A", observations(c["x0"], c["y0"]),
                                       options: CampaignAnalysisOptions(bootstrapDraws: 0))
            let liftCI = numbers(want["lift_ci"])
            #expect(isClose(r.postStrength, number(want["kappa"]), relative: 1e-12), "κ, case \(i)")
            #expect(isClose(r.campaignRate, number(want["campaign_rate"]), relative: 1e-12)
                    && isClose(r.controlRate, number(want["control_rate"]), relative: 1e-12), "weighted means, case \(i)")
            #expect(isClose(r.ratioOfSumsLift, number(want["lift_ratio_of_sums"]), relative: 1e-12), "ratio-of-sums lift, case \(i)")
            #expect(isClose(r.lift, number(want["lift"])), "lift, case \(i)")
            #expect(isClose(r.liftInterval?.low, liftCI.first) && isClose(r.liftInterval?.high, liftCI.last), "lift CI, case \(i)")
            #expect(isClose(r.absoluteLift, number(want["abs_lift"])), "abs lift, case \(i)")
            #expect(isClose(r.absoluteLiftStandardError, number(want["abs_lift_se"])), "abs lift SE, case \(i)")
            #expect(isClose(r.logRatioStandardError, number(want["log_se"])), "log SE, case \(i)")
            #expect(isClose(r.zStatistic, number(want["z"])), "z, case \(i)")
            #expect(isClose(r.deltaPValue, number(want["p_value"])), "delta-method p, case \(i)")
            #expect(isClose(r.minimumDetectableLift, number(want["mde"])), "MDE, case \(i)")
            let welch = want["welch"] as? [String: Any] ?? [:], mw = want["mann_whitney"] as? [String: Any] ?? [:]
            #expect(isClose(r.welch?.pValue, number(welch["pvalue"])), "Welch p, case \(i)")
            #expect(isClose(r.welch?.degreesOfFreedom, number(welch["df"])), "Welch df, case \(i)")
            #expect(isClose(r.mannWhitney?.pValue, number(mw["pvalue"])), "Mann–Whitney p, case \(i)")
            #expect(isClose(r.mannWhitney?.statistic, number(mw["statistic"])), "U, case \(i)")
        }
    }

    @Test func bootstrapIsSeededAndCoversTheLift() throws {
        let c = try #require((reference["comparisons"] as? [[String: Any]])?[3])
        let b = observations(c["x1"], c["y1"]), a = observations(c["x0"], c["y0"])
        let options = CampaignAnalysisOptions(bootstrapDraws: 2_000)
        let first = CampaignComparison(campaign: "B", b, control: "A", a, options: options)
        let second = CampaignComparison(campaign: "B", b, control: "A", a, options: options)
        let interval = try #require(first.bootstrapInterval)
        #expect(first.bootstrapInterval == second.bootstrapInterval, "same seed, same interval")
        #expect(interval.contains(try #require(first.lift)))
        // The bootstrap and the delta method estimate the same interval: ends agree to a few points.
        let delta = try #require(first.liftInterval)
        #expect(abs(interval.low - delta.low) < 0.05 && abs(interval.high - delta.high) < 0.05, "\(interval) vs \(delta)")
        #expect(first.bootstrapDrawsUsed == 2_000)
    }

    @Test func quantileInterpolatesLikeNumPy() {
        // numpy.percentile([1, 2, 4, 8], [0, 25, 50, 90, 100]) = [1, 1.75, 3, 6.8, 8]
        let sorted = [1.0, 2, 4, 8]
        let got = [0, 0.25, 0.5, 0.9, 1].map { StatisticalTests.quantile(ofSorted: sorted, $0)! }
        #expect(zip(got, [1, 1.75, 3, 6.8, 8]).allSatisfy { isClose($0, $1, relative: 1e-12) }, "\(got)")
    }
}
