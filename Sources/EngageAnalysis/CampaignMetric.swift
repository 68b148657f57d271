import EngageModel

/// The metrics a campaign comparison can use as "events per impression" (`--metric`).
public enum CampaignMetric {
    /// engagements (the default), url_clicks, video_views, media_engagements, follows, likes,
    /// reposts, replies.
    public static let supported: [Metric] = [
        .engagements, .urlClicks, .videoViews, .mediaEngagements, .follows, .likes, .reposts, .replies,
    ]

    /// The rate's name in verdicts, e.g. "engagement rate", "URL click rate".
    public static func rateName(_ metric: Metric) -> String {
        switch metric {
        case .engagements: "engagement rate"
        case .urlClicks: "URL click rate"
        case .videoViews: "video view rate"
        case .mediaEngagements: "media engagement rate"
        case .follows: "follow rate"
        case .likes: "like rate"
        case .reposts: "repost rate"
        case .replies: "reply rate"
        default: "\(metric.title.lowercased()) per impression"
        }
    }
}
