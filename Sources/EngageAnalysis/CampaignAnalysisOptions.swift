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
    /// Seed of the bootstrap's generator, so results repeat exactly. Default 20_240_301.
    public var bootstrapSeed: UInt64
    /// Significance level for verdicts, applied to Holm-adjusted p-values. Default 0.05.
    public var alpha: Double

    /// Creates options; see each property for its default.
    public init(metric: Metric = .engagements, controlName: String? = nil, minimumPosts: Int = 5,
                bootstrapDraws: Int = 10_000, bootstrapSeed: UInt64 = 20_240_301, alpha: Double = 0.05) {
        self.metric = metric; self.controlName = controlName; self.minimumPosts = minimumPosts
        self.bootstrapDraws = bootstrapDraws; self.bootstrapSeed = bootstrapSeed; self.alpha = alpha
    }
}
