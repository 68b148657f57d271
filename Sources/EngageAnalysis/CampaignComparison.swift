import EngageModel
import Foundation

/// One campaign against the control, with the post as the unit (docs: METHODS.md, "Campaign
/// against control").
///
/// The lift is measured on the mean of post rates weighted by effective impressions
/// (``WeightedPostRates``, ``estimand``): eᵢ = xᵢκ/(xᵢ + κ) with κ fitted on the pooled posts of the
/// two campaigns, so the weights depend on impressions only and a few viral posts cannot carry the
/// comparison. Relative lift L = M₁/M₀ − 1 with a 95% interval exp(d ± 1.96·SE) − 1 on
/// d = ln M₁ − ln M₀, SE = √(Var(M₁)/M₁² + Var(M₀)/M₀²) (post-level variances, delta method). The
/// p-value is a seeded studentized permutation test of M₁ − M₀ (``PermutationTest``), which keeps its
/// size on small, unbalanced arms; the z test's p is kept beside it (``deltaPValue``). Beside them:
/// the plain ratio-of-sums lift (``ratioOfSumsLift``, descriptive), Welch's t and Mann–Whitney U on
/// per-post rates, a bootstrap percentile interval for L, the Holm-adjusted p across the run, and the
/// minimum detectable lift at 80% power. Values that cannot be computed are `nil`; ``verdict`` says
/// why in plain words, and says so when Holm's adjustment is what made a difference undetectable.
public struct CampaignComparison: Sendable, Equatable {
    /// What the comparison concluded.
    public enum Outcome: String, Sendable, Codable {
        /// The campaign's rate is higher and the Holm-adjusted p is below α.
        case beats = "beats"
        /// The campaign's rate is lower and the Holm-adjusted p is below α.
        case trails = "trails"
        /// The test ran and found nothing at level α.
        case noDetectableDifference = "no detectable difference"
        /// A side has fewer posts than ``CampaignAnalysisOptions/minimumPosts`` or no impressions.
        case tooLittleData = "too little data"
        /// A quantity the test needs is undefined (zero rate, no variation between posts).
        case cannotCompare = "cannot compare"
    }

    /// The campaign tested.
    public var campaign: String
    /// The control it is compared with.
    public var control: String
    /// What the lift is measured on; JSON `estimand`.
    public static let estimand = WeightedPostRates.estimandName
    /// κ: the most impressions one post counts for in ``campaignRate`` and ``controlRate``; `nil`
    /// when post rates vary no more than binomial noise (then every post counts by its impressions).
    public var postStrength: Double?
    /// M₁, the campaign's effective-impression-weighted mean of post rates.
    public var campaignRate: Double?
    /// M₀, the control's.
    public var controlRate: Double?
    /// M₁/M₀ − 1; `nil` when M₀ is 0 or undefined.
    public var lift: Double?
    /// 95% interval for ``lift`` from the delta method on the log ratio.
    public var liftInterval: ConfidenceInterval?
    /// R₁/R₀ − 1 on the plain ratios of sums Σy/Σx (descriptive: a few viral posts can carry it).
    public var ratioOfSumsLift: Double?
    /// M₁ − M₀.
    public var absoluteLift: Double?
    /// √(Var(M₁) + Var(M₀)).
    public var absoluteLiftStandardError: Double?
    /// SE of ln M₁ − ln M₀.
    public var logRatioStandardError: Double?
    /// z = (ln M₁ − ln M₀) / SE.
    public var zStatistic: Double?
    /// Two-sided p of the test named by ``pValueTest``: the studentized permutation test, or the
    /// delta-method z test when permutations are turned off; `nil` below 2 posts a side.
    public var pValue: Double?
    /// Which test made ``pValue``.
    public var pValueTest: PValueTest
    /// Two-sided p of the post-level (cluster-robust) delta-method z test, erfc(|z|/√2).
    public var deltaPValue: Double?
    /// ``pValue`` adjusted by Holm over all comparisons of the run.
    public var pValueHolm: Double?
    /// Welch's t-test on per-post rates.
    public var welch: StatisticalTests.WelchResult?
    /// Mann–Whitney U on per-post rates.
    public var mannWhitney: StatisticalTests.MannWhitneyResult?
    /// Percentile 95% interval for ``lift`` from resampling posts within each campaign (κ and so the
    /// weights kept as fitted on the data).
    public var bootstrapInterval: ConfidenceInterval?
    /// Bootstrap resamples that gave a defined lift (draws with a zero control rate are skipped).
    public var bootstrapDrawsUsed: Int
    /// Smallest relative lift detectable at α = 0.05 two-sided with 80% power: exp((z₀.₉₇₅ + z₀.₈)·SE) − 1.
    public var minimumDetectableLift: Double?
    /// The conclusion.
    public var outcome: Outcome
    /// Comparisons Holm adjusted over (1 when alone).
    public var holmFamilySize: Int = 1
    /// The conclusion in plain words, e.g. "B beats A: +24% engagement rate (95% CI +9% to +41%), p = 0.002 after Holm".
    public var verdict: String

    /// The test behind ``pValue``; JSON `p_value_test`.
    public enum PValueTest: String, Sendable, Codable {
        /// ``PermutationTest`` with ``CampaignAnalysisOptions/permutationDraws`` shuffles.
        case studentizedPermutation = "studentized_permutation"
        /// The delta-method z test (permutations turned off).
        case deltaMethod = "delta_method"
    }

    /// Compares `campaign` with `control` from their posts' observations. ``pValueHolm`` is set
    /// to ``pValue`` and the verdict written as if this were the only comparison;
    /// ``analyzeCampaigns(_:options:)`` adjusts both across the run.
    public init(campaign: String, _ campaignPosts: [RateObservation], control: String, _ controlPosts: [RateObservation],
                options: CampaignAnalysisOptions = CampaignAnalysisOptions(), bootstrapStream: UInt64 = 0) {
        self.init(campaign: campaign, RateEstimate(campaignPosts), campaignPosts,
                  control: control, RateEstimate(controlPosts), controlPosts, options: options, bootstrapStream: bootstrapStream)
    }

    init(campaign: String, _ e1: RateEstimate, _ posts1: [RateObservation],
         control: String, _ e0: RateEstimate, _ posts0: [RateObservation],
         options: CampaignAnalysisOptions, bootstrapStream: UInt64) {
        self.campaign = campaign; self.control = control
        bootstrapDrawsUsed = 0
        outcome = .cannotCompare; verdict = ""
        pValueTest = options.permutationDraws > 0 ? .studentizedPermutation : .deltaMethod
        if let r1 = e1.rate, let r0 = e0.rate, r0 > 0 { ratioOfSumsLift = r1 / r0 - 1 }
        postStrength = WeightedPostRates.postStrength(posts1 + posts0)
        let weighted1 = WeightedPostRates.effective(posts1, postStrength: postStrength)
        let weighted0 = WeightedPostRates.effective(posts0, postStrength: postStrength)
        let m1 = WeightedPostRates(weighted1), m0 = WeightedPostRates(weighted0)
        campaignRate = m1.mean; controlRate = m0.mean
        if let r1 = m1.mean, let r0 = m0.mean {
            absoluteLift = r1 - r0
            if r0 > 0 { lift = r1 / r0 - 1 }
            if let v1 = m1.variance, let v0 = m0.variance {
                absoluteLiftStandardError = (v1 + v0).squareRoot()
                if r1 > 0, r0 > 0 {
                    let se = (v1 / (r1 * r1) + v0 / (r0 * r0)).squareRoot()
                    if se > 0, se.isFinite {
                        let d = Foundation.log(r1) - Foundation.log(r0)
                        logRatioStandardError = se
                        zStatistic = d / se
                        deltaPValue = Distributions.erfc(abs(d / se) / 2.0.squareRoot())
                        liftInterval = ConfidenceInterval(low: Foundation.expm1(d - Distributions.z95 * se),
                                                          high: Foundation.expm1(d + Distributions.z95 * se))
                        let mde = Foundation.expm1((Distributions.z95 + Distributions.z80) * se)
                        minimumDetectableLift = mde.isFinite ? mde : nil
                    }
                }
            }
        }
        if deltaPValue != nil {
            if options.permutationDraws > 0 {
                let draws = PermutationTest.draws(weighted1.count, weighted0.count, maximum: options.permutationDraws)
                let seed = options.permutationSeed ^ (bootstrapStream &* 0x9E37_79B9_7F4A_7C15)
                pValue = PermutationTest(draws: draws, seed: seed).pValue(weighted1, weighted0) ?? deltaPValue
            } else {
                pValue = deltaPValue
            }
        }
        pValueHolm = pValue
        let rates1 = posts1.compactMap(\.rate), rates0 = posts0.compactMap(\.rate)
        welch = StatisticalTests.welchTTest(rates1, rates0)
        mannWhitney = StatisticalTests.mannWhitneyU(rates1, rates0)
        if options.bootstrapDraws > 0, weighted1.count >= 2, weighted0.count >= 2 {
            let seed = options.bootstrapSeed ^ (bootstrapStream &* 0x9E37_79B9_7F4A_7C15)
            let affordable = max(500, options.bootstrapBudget / (weighted1.count + weighted0.count))
            (bootstrapInterval, bootstrapDrawsUsed) = Self.bootstrapLift(weighted1, weighted0, draws: min(options.bootstrapDraws, affordable), seed: seed)
        }
        writeVerdict(e1, e0, options: options, comparisons: 1)
    }

    /// Resamples posts (with their weights) within each group and returns the 2.5% and 97.5%
    /// percentiles of the lift M₁/M₀ − 1.
    static func bootstrapLift(_ a: [WeightedPostRates.Post], _ b: [WeightedPostRates.Post], draws: Int,
                              seed: UInt64) -> (ConfidenceInterval?, Int) {
        var random = SeededRandom(seed: seed)
        var lifts: [Double] = []
        lifts.reserveCapacity(draws)
        for _ in 0..<draws {
            var wa = 0.0, ya = 0.0, wb = 0.0, yb = 0.0
            for _ in 0..<a.count { let o = a[random.nextIndex(below: a.count)]; wa += o.weight; ya += o.weightedRate }
            for _ in 0..<b.count { let o = b[random.nextIndex(below: b.count)]; wb += o.weight; yb += o.weightedRate }
            guard wa > 0, wb > 0, yb > 0 else { continue }
            lifts.append((ya / wa) / (yb / wb) - 1)
        }
        guard lifts.count * 2 >= draws else { return (nil, lifts.count) }
        lifts.sort()
        guard let low = StatisticalTests.quantile(ofSorted: lifts, 0.025),
              let high = StatisticalTests.quantile(ofSorted: lifts, 0.975) else { return (nil, lifts.count) }
        return (ConfidenceInterval(low: low, high: high), lifts.count)
    }

    /// Sets ``outcome`` and ``verdict`` from the estimates and ``pValueHolm``.
    mutating func writeVerdict(_ e1: RateEstimate, _ e0: RateEstimate, options: CampaignAnalysisOptions, comparisons: Int) {
        let rateName = CampaignMetric.rateName(options.metric)
        let events = options.metric == .urlClicks ? "URL clicks" : options.metric.title.lowercased()
        let b = campaign, a = control, need = options.minimumPosts
        func posts(_ n: Int) -> String { n == 1 ? "1 post" : "\(n) posts" }
        let short = [(b, e1.posts), (a, e0.posts)].filter { $0.1 < need }
        if !short.isEmpty {
            outcome = .tooLittleData
            let list = short.map { "\($0.0) has \(posts($0.1))" }.joined(separator: " and ")
            verdict = "Too little data: \(list) (at least \(need) needed\(short.count > 1 ? " each" : ""))"
            return
        }
        let noImpressions = [(b, e1), (a, e0)].filter { $0.1.rate == nil }.map(\.0)
        if !noImpressions.isEmpty {
            outcome = .tooLittleData
            verdict = "Too little data: \(noImpressions.joined(separator: " and ")) \(noImpressions.count > 1 ? "have" : "has") no impressions"
            return
        }
        let r1 = e1.rate ?? 0, r0 = e0.rate ?? 0
        if r0 == 0 && r1 == 0 {
            outcome = .cannotCompare
            verdict = "Cannot compare: neither \(b) nor \(a) has any \(events)"
            return
        }
        if r0 == 0 {
            outcome = .cannotCompare
            verdict = "Cannot compute a lift: control \(a) has no \(events), so a relative change is undefined"
            return
        }
        if r1 == 0 {
            outcome = .cannotCompare
            verdict = "Cannot test on the log scale: \(b) has no \(events) (\(rateName) 0 against \(Self.percent(r0, signed: false, decimals: 2)) for \(a)); see Welch and Mann–Whitney"
            return
        }
        guard let p = pValueHolm, let lift else {
            outcome = .cannotCompare
            verdict = "Cannot test: the \(rateName) does not vary between posts"
            return
        }
        holmFamilySize = comparisons
        let raw = pValue ?? p
        let holm = comparisons > 1 ? " after Holm over \(comparisons) comparisons" : ""
        let pText = comparisons > 1 && raw != p
            ? "\(Self.pValueText(raw)) alone, \(Self.pValueText(p).replacingOccurrences(of: "p = ", with: ""))\(holm)"
            : Self.pValueText(p) + holm
        let interval = liftInterval.map { "95% CI \(Self.percent($0.low, signed: true)) to \(Self.percent($0.high, signed: true))" }
        if p < options.alpha {
            outcome = lift > 0 ? .beats : .trails
            verdict = "\(b) \(lift > 0 ? "beats" : "trails") \(a): \(Self.percent(lift, signed: true)) \(rateName)\(interval.map { " (\($0))" } ?? ""), \(pText)"
            return
        }
        outcome = .noDetectableDifference
        let excludesZero = liftInterval.map { !$0.contains(0) } ?? false
        if raw < options.alpha {
            // Alone it would have been a difference: say that Holm's adjustment is why it is not.
            verdict = "No detectable difference after Holm's adjustment over \(comparisons) comparisons: \(Self.percent(lift, signed: true)) \(rateName)\(interval.map { " (\($0))" } ?? ""), \(pText)"
        } else if excludesZero, let interval {
            verdict = "No detectable difference: the delta-method interval (\(interval)) excludes no change, but the permutation test, which does not rely on it, gives \(pText)"
        } else if let mde = minimumDetectableLift {
            verdict = "No detectable difference (\(pText)); with these sizes only lifts above \(Self.percent(mde, signed: false)) would show"
        } else {
            verdict = "No detectable difference (\(pText))"
        }
    }

    /// `+24%`, `-3%`, `+0.4%`; `decimals` fixes the digits instead.
    static func percent(_ fraction: Double, signed: Bool, decimals: Int? = nil) -> String {
        let value = fraction * 100
        let magnitude = abs(value)
        let digits = decimals ?? (magnitude >= 0.95 || magnitude < 0.05 ? 0 : 1)
        let text = String(format: "%.\(digits)f", magnitude)
        let isZero = Double(text) == 0
        let sign = value < 0 && !isZero ? "-" : (signed ? "+" : "")
        return "\(sign)\(text)%"
    }

    /// `p = 0.002`, `p = 0.41`, `p < 0.001`.
    static func pValueText(_ p: Double) -> String {
        if p < 0.001 { return "p < 0.001" }
        if p < 0.1 { return "p = " + String(format: "%.3f", p) }
        return "p = " + String(format: "%.2f", p)
    }
}
