import EngageModel

/// Settings of a campaign comparison; every default is the one `engage compare` uses.
public struct CampaignAnalysisOptions: Sendable, Equatable {
    /// Events counted per impression. Default `.engagements`; see ``CampaignMetric/supported``.
    public var metric: Metric
    /// Name of the control campaign; `nil` takes the one marked `control: true`, else the first listed.
    public var controlName: String?
    /// Posts each side needs before a verdict is given. Default 5.
    public var minimumPosts: Int
    /// Bootstrap resamples per comparison; 0 turns the bootstrap off. Default 10,000.
    public var bootstrapDraws: Int
    /// Posts resampled per comparison at most (draws × posts of both sides): above it the draws
    /// shrink, to no fewer than 500, so a million-post comparison stays a matter of a second.
    /// The bootstrap is a cross-check; at such sizes the delta-method interval is exact to the
    /// digits shown. Default 30,000,000 (10,000 draws up to 3,000 posts).
    public var bootstrapBudget: Int = 30_000_000
    /// Seed of the bootstrap's generator, so results repeat exactly. Default 20_240_301.
    public var bootstrapSeed: UInt64
    /// Significance level for verdicts, applied to Holm-adjusted p-values. Default 0.05.
    public var alpha: Double
    /// Shuffles of the studentized permutation test that makes each comparison's p-value; fewer
    /// for very large groups (``PermutationTest/draws(_:_:maximum:budget:)``); 0 uses the
    /// delta-method z test instead. Default 9,999.
    public var permutationDraws: Int = 9_999
    /// Seed of the permutation test's shuffles. Default 20_261_203.
    public var permutationSeed: UInt64 = 20_261_203

    /// Creates options; see each property for its default.
    public init(metric: Metric = .engagements, controlName: String? = nil, minimumPosts: Int = 5,
                bootstrapDraws: Int = 10_000, bootstrapSeed: UInt64 = 20_240_301, alpha: Double = 0.05) {
        self.metric = metric; self.controlName = controlName; self.minimumPosts = minimumPosts
        self.bootstrapDraws = bootstrapDraws; self.bootstrapSeed = bootstrapSeed; self.alpha = alpha
    }
}
