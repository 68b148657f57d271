import EngageAnalysis
import EngageModel
import Foundation
import Testing

@Suite struct CampaignAnalysisTests {
    static let options = CampaignAnalysisOptions(bootstrapDraws: 500)

    func analysis(_ groups: [(String, [Post])], control: String? = nil,
                  options: CampaignAnalysisOptions = options) throws -> CampaignAnalysis {
        let assignment = CampaignAssignment(campaigns: groups.map {
            .init(definition: CampaignDefinition(name: $0.0, isControl: $0.0 == control), posts: $0.1)
        })
        return try analyzeCampaigns(assignment, options: options)
    }

    func simulatedPosts(_ seed: UInt64, count: Int, rate: Double, firstID: UInt64) -> [Post] {
        var sim = SimulatedPopulation(seed: seed)
        return sim.posts(count: count, meanRate: rate).enumerated().map {
            makePost(firstID + UInt64($0.offset), impressions: $0.element.impressions, engagements: $0.element.events)
        }
    }

    /// Encodes to JSON (which fails on NaN/Inf) and returns the object.
    func json(_ a: CampaignAnalysis) throws -> [String: Any] {
        let data = try JSONEncoder().encode(a)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func jsonHasExactlyTheDocumentedKeys() throws {
        let a = try analysis([("A", simulatedPosts(1, count: 40, rate: 0.02, firstID: 0)),
                              ("B", simulatedPosts(2, count: 40, rate: 0.03, firstID: 100)),
                              ("C", [makePost(500)])], control: "A")
        let object = try json(a)
        #expect(Set(object.keys) == ["metric", "kappa", "campaigns", "comparisons"])
        #expect(object["metric"] as? String == "engagement_rate", "the --metric flag's name (issue 20)")
        let campaigns = try #require(object["campaigns"] as? [[String: Any]])
        #expect(campaigns.count == 3)
        #expect(Set(campaigns[0].keys) == ["name", "posts", "impressions", "events", "rate", "ci_low", "ci_high", "wilson_low", "wilson_high",
                                           "weighted_rate", "weighted_ci_low", "weighted_ci_high"])
        let comparisons = try #require(object["comparisons"] as? [[String: Any]])
        #expect(comparisons.count == 2)
        #expect(Set(comparisons[0].keys) == ["campaign", "control", "estimand", "campaign_rate", "control_rate", "kappa",
                                             "lift", "lift_ci_low", "lift_ci_high", "lift_ratio_of_sums", "abs_lift",
                                             "p_value", "p_value_holm", "p_value_test", "p_value_delta", "holm_comparisons",
                                             "welch_p", "mann_whitney_p", "mde", "verdict"])
        #expect(comparisons[0]["p_value_test"] as? String == "studentized_permutation")
        #expect(comparisons[0]["estimand"] as? String == "weighted_mean_of_post_rates")
        #expect(comparisons[0]["holm_comparisons"] as? Int == 1, "C has one post, so no p-value: Holm runs over B alone")
        #expect(comparisons[1]["p_value"] is NSNull, "one post: no p-value, written as null")
        #expect(comparisons[1]["verdict"] as? String == "Too little data: C has 1 post (at least 5 needed)")
        #expect(campaigns[2]["ci_low"] is NSNull)
        #expect(campaigns[2]["weighted_ci_low"] is NSNull, "one post: no interval for its weighted rate either")
        #expect(campaigns[2]["weighted_rate"] is Double)
    }

    /// With two campaigns the table's weighted rates are the very figures the lift is computed from
    /// (the same κ, the same posts), and their intervals are M ± 1.96·√Var(M) around them.
    @Test func tableWeightedRatesAreTheLiftsFiguresWithTwoCampaigns() throws {
        let a = try analysis([("A", simulatedPosts(21, count: 60, rate: 0.02, firstID: 0)),
                              ("B", simulatedPosts(22, count: 90, rate: 0.025, firstID: 1_000))], control: "A")
        let c = try #require(a.comparisons.first)
        #expect(a.postStrength == c.postStrength)
        #expect(a.campaigns[1].weighted.mean == c.campaignRate)
        #expect(a.campaigns[0].weighted.mean == c.controlRate)
        for campaign in a.campaigns {
            let m = try #require(campaign.weighted.mean), v = try #require(campaign.weighted.variance)
            let interval = try #require(campaign.weighted.interval)
            #expect(abs(interval.low - (m - 1.959964 * v.squareRoot())) < 1e-6 * m)
            #expect(abs(interval.high - (m + 1.959964 * v.squareRoot())) < 1e-6 * m)
        }
        #expect(a.liftBasis.contains("mean post engagement rate weighted") && a.liftBasis.contains("not on the total rate"))
    }

    @Test func holmAdjustsAcrossTheRunAndVerdictsSayIt() throws {
        let a = try analysis([("A", simulatedPosts(11, count: 400, rate: 0.02, firstID: 0)),
                              ("B", simulatedPosts(12, count: 400, rate: 0.026, firstID: 1_000)),
                              ("C", simulatedPosts(13, count: 400, rate: 0.02, firstID: 2_000))], control: "A")
        let raw = a.comparisons.map { $0.pValue! }
        let adjusted = StatisticalTests.holm(raw)
        #expect(a.comparisons.map(\.pValueHolm) == adjusted)
        let b = a.comparisons[0]
        #expect(b.outcome == .beats, "\(b.verdict)")
        #expect(b.verdict.hasPrefix("B beats A: +") && b.verdict.contains("engagement rate (95% CI +") && b.verdict.hasSuffix("after Holm over 2 comparisons"), "\(b.verdict)")
        let c = a.comparisons[1]
        #expect(c.outcome == .noDetectableDifference, "\(c.verdict)")
        #expect(c.verdict.hasPrefix("No detectable difference (p = ") && c.verdict.contains("after Holm over 2 comparisons); with these sizes only lifts above "), "\(c.verdict)")
        #expect(a.campaigns.map(\.isControl) == [true, false, false])
    }

    @Test func otherMetricsAndControlChoice() throws {
        let posts = (0..<12).map { makePost(UInt64($0), engagements: 30, extra: [.urlClicks: Int64($0 % 4)]) }
        let a = try analysis([("first", Array(posts[0..<6])), ("second", Array(posts[6...]))],
                             options: CampaignAnalysisOptions(metric: .urlClicks, controlName: "second", bootstrapDraws: 0))
        #expect(a.control == "second")
        let clicks = [posts[0..<6], posts[6...]].map { $0.reduce(Int64(0)) { $0 + $1.metrics.count(.urlClicks) } }
        #expect(a.campaigns.map(\.estimate.events) == clicks)
        #expect(a.comparisons.first?.campaign == "first")
        #expect(throws: CampaignError.unknownControl(name: "nope", available: ["first", "second"])) {
            try analysis([("first", posts), ("second", posts)], options: CampaignAnalysisOptions(controlName: "nope"))
        }
        #expect(throws: CampaignError.unsupportedMetric(.impressions)) {
            try analysis([("first", posts)], options: CampaignAnalysisOptions(metric: .impressions))
        }
    }

    @Test(arguments: ["single campaign", "empty campaign", "all-zero impressions", "one post", "zero events", "no events in control", "constant rates"])
    func degenerateInputsGiveDefinedExplainedResults(case name: String) throws {
        let normal = simulatedPosts(5, count: 20, rate: 0.02, firstID: 0)
        let groups: [(String, [Post])]
        switch name {
        case "single campaign": groups = [("A", normal)]
        case "empty campaign": groups = [("A", normal), ("B", [])]
        case "all-zero impressions": groups = [("A", normal), ("B", (0..<8).map { makePost(100 + UInt64($0), impressions: 0, engagements: 0) })]
        case "one post": groups = [("A", normal), ("B", [makePost(100)])]
        case "zero events": groups = [("A", normal), ("B", (0..<8).map { makePost(100 + UInt64($0), engagements: 0) })]
        case "no events in control": groups = [("A", (0..<8).map { makePost(100 + UInt64($0), engagements: 0) }), ("B", normal)]
        default: groups = [("A", (0..<8).map { makePost(100 + UInt64($0)) }), ("B", (0..<8).map { makePost(200 + UInt64($0)) })]
        }
        let a = try analysis(groups)
        _ = try json(a)  // JSONEncoder refuses NaN and Inf, so this proves there are none
        if name == "single campaign" {
            #expect(a.comparisons.isEmpty && a.notes.contains { $0.contains("Only one campaign") })
            return
        }
        let c = try #require(a.comparisons.first)
        let expectations: [String: (CampaignComparison.Outcome, String)] = [
            "empty campaign": (.tooLittleData, "Too little data: B has 0 posts (at least 5 needed)"),
            "all-zero impressions": (.tooLittleData, "Too little data: B has no impressions"),
            "one post": (.tooLittleData, "Too little data: B has 1 post (at least 5 needed)"),
            "zero events": (.cannotCompare, "Cannot test on the log scale: B has no engagements"),
            "no events in control": (.cannotCompare, "Cannot compute a lift: control A has no engagements"),
            "constant rates": (.cannotCompare, "Cannot test: the engagement rate does not vary between posts"),
        ]
        let (outcome, prefix) = try #require(expectations[name])
        #expect(c.outcome == outcome, "\(c.verdict)")
        #expect(c.verdict.hasPrefix(prefix), "\(c.verdict)")
    }
}
