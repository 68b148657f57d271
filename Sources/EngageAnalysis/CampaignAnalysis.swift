import EngageModel

/// The full campaign table of a run: every campaign's rate and each campaign against the control.
///
/// Encodes (``encode(to:)``) to the JSON of `engage compare --json`:
/// `{"metric", "kappa", "campaigns": [{"name", "posts", "impressions", "events", "rate", "ci_low", "ci_high",
/// "wilson_low", "wilson_high", "weighted_rate", "weighted_ci_low", "weighted_ci_high"}], "comparisons": [{"campaign", "control", "estimand", "campaign_rate",
/// "control_rate", "kappa", "lift", "lift_ci_low", "lift_ci_high", "lift_ratio_of_sums", "abs_lift",
/// "p_value", "p_value_holm", "p_value_test", "p_value_delta", "holm_comparisons", "welch_p",
/// "mann_whitney_p", "mde", "verdict"}]}`, all as fractions; undefined values are `null`. `metric`
/// is the `--metric` name (`engagement_rate`, `url_clicks`, …); a campaign's `rate` is Σy/Σx (its
/// total rate) and its `weighted_rate` the mean of post rates weighted by effective impressions with
/// the top-level `kappa` (fitted on the posts of all campaigns), while a comparison's lift is measured on `estimand` (`weighted_mean_of_post_rates`: `campaign_rate`,
/// `control_rate`, each post weighing at most `kappa` impressions), with `lift_ratio_of_sums` beside
/// it; `p_value_test` names the test behind `p_value` (`studentized_permutation` or `delta_method`).
public struct CampaignAnalysis: Sendable, Equatable {
    /// One campaign's posts and rate.
    public struct Campaign: Sendable, Equatable {
        /// Campaign name.
        public var name: String
        /// True for the control of this run.
        public var isControl: Bool
        /// Rate, intervals and counts over the posts that carry impressions and the metric.
        public var estimate: RateEstimate
        /// Posts of the campaign left out because they lack impressions or the metric.
        public var postsWithoutData: Int
        /// The mean of post rates weighted by effective impressions (with ``CampaignAnalysis/postStrength``),
        /// the figure the lifts are measured on, with its post-level variance.
        public var weighted: WeightedPostRates
    }

    /// The metric counted per impression.
    public var metric: Metric
    /// κ of the campaigns' ``Campaign/weighted`` rates, fitted on the posts of all campaigns; with two
    /// campaigns it is the comparison's κ, with more each comparison fits its own on its pair.
    public var postStrength: Double?
    /// The control campaign's name; `nil` when there is nothing to compare.
    public var control: String?
    /// Campaigns in definition order.
    public var campaigns: [Campaign]
    /// Each non-control campaign against the control, in definition order.
    public var comparisons: [CampaignComparison]
    /// Posts that matched no campaign (left out of the tests).
    public var unassignedPosts: Int
    /// Plain-words notes about choices made (control picked, posts left out, single campaign, …).
    public var notes: [String]
}

extension CampaignAnalysis {
    /// The one line that says what the lifts are measured on, with the run's κ: among the run's
    /// notes and under the verdicts of the summary.
    public var liftBasis: String { Self.liftBasis(metric, postStrength: postStrength) }

    static func liftBasis(_ metric: Metric, postStrength kappa: Double?) -> String {
        let rate = CampaignMetric.rateName(metric)
        let total = "Σ \(metric.title.lowercased()) ÷ Σ impressions"
        guard let kappa else {
            return "Lifts are measured on post \(rate)s weighted by impressions, which here is the total rate \(total) (the posts' rates vary no more than chance)."
        }
        return "Lifts are measured on the mean post \(rate) weighted by effective impressions (a post counts as at most about \(Int(kappa.rounded())) impressions), so a few viral posts cannot decide them; not on the total rate \(total)."
    }
}

/// Computes the campaign table: rates per campaign and every campaign against the control, with
/// Holm-adjusted p-values across the run and verdicts.
///
/// The control is `options.controlName`, else the campaign marked `isControl`, else the first listed
/// (a note says so). With a single campaign there are no comparisons (a note says so).
/// Holm's adjustment runs over every comparison that has a p-value, including those whose verdict
/// is "too little data" (2–4 posts a side), which keeps it conservative.
///
/// - Throws: ``CampaignError/unknownControl(name:available:)``, ``CampaignError/noCampaigns``,
///   ``CampaignError/unsupportedMetric(_:)`` (the metric must be in ``CampaignMetric/supported``).
public func analyzeCampaigns(_ assignment: CampaignAssignment,
                             options: CampaignAnalysisOptions = CampaignAnalysisOptions()) throws(CampaignError) -> CampaignAnalysis {
    guard CampaignMetric.supported.contains(options.metric) else { throw .unsupportedMetric(options.metric) }
    let groups = assignment.campaigns
    guard !groups.isEmpty else { throw .noCampaigns }
    var notes: [String] = []
    let names = groups.map(\.definition.name)
    let controlIndex: Int
    if let wanted = options.controlName {
        guard let i = names.firstIndex(of: wanted) else { throw .unknownControl(name: wanted, available: names) }
        controlIndex = i
    } else if let i = groups.firstIndex(where: \.definition.isControl) {
        controlIndex = i
    } else {
        controlIndex = 0
        if groups.count > 1 { notes.append("No campaign is marked as control; \(names[0]) (listed first) is used.") }
    }

    let observations = groups.map { $0.posts.compactMap { $0.rateObservation(for: options.metric) } }
    // Pooled in the order a comparison pools them (campaigns, then the control), so that with two
    // campaigns κ is the comparison's to the last digit.
    let pooled = groups.indices.filter { $0 != controlIndex }.flatMap { observations[$0] } + observations[controlIndex]
    let kappa = WeightedPostRates.postStrength(pooled)
    var campaigns: [CampaignAnalysis.Campaign] = []
    for (i, group) in groups.enumerated() {
        let left = group.posts.count - observations[i].count
        if left > 0 {
            notes.append("\(left) post\(left == 1 ? "" : "s") of \(group.definition.name) lack impressions or \(options.metric.key) and \(left == 1 ? "is" : "are") left out.")
        }
        campaigns.append(.init(name: group.definition.name, isControl: groups.count > 1 && i == controlIndex,
                               estimate: RateEstimate(observations[i]), postsWithoutData: left,
                               weighted: WeightedPostRates(WeightedPostRates.effective(observations[i], postStrength: kappa))))
    }
    if groups.count == 1 { notes.append("Only one campaign (\(names[0])): nothing to compare it with.") }
    if !assignment.issues.isEmpty {
        notes.append("\(assignment.issues.count) post\(assignment.issues.count == 1 ? "" : "s") matched more than one campaign; each is counted in the first one listed.")
    }

    var comparisons: [CampaignComparison] = []
    let tested = groups.indices.filter { $0 != controlIndex }
    if groups.count > 1 {
        for i in tested {
            comparisons.append(CampaignComparison(
                campaign: names[i], campaigns[i].estimate, observations[i],
                control: names[controlIndex], campaigns[controlIndex].estimate, observations[controlIndex],
                options: options, bootstrapStream: UInt64(i)))
        }
        notes.append(CampaignAnalysis.liftBasis(options.metric, postStrength: kappa))
        let withP = comparisons.indices.filter { comparisons[$0].pValue != nil }
        let adjusted = StatisticalTests.holm(withP.map { comparisons[$0].pValue ?? 1 })
        for (k, i) in withP.enumerated() { comparisons[i].pValueHolm = adjusted[k] }
        for (i, campaignIndex) in tested.enumerated() {
            comparisons[i].writeVerdict(campaigns[campaignIndex].estimate, campaigns[controlIndex].estimate,
                                        options: options, comparisons: withP.count)
        }
    }
    return CampaignAnalysis(metric: options.metric, postStrength: kappa, control: groups.count > 1 ? names[controlIndex] : nil,
                            campaigns: campaigns, comparisons: comparisons,
                            unassignedPosts: assignment.unassignedIDs.count, notes: notes)
}
