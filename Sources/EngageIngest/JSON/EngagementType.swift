import EngageModel

/// An engagement type as the X Engagement API names it (`favorites`, `url_clicks`, …).
///
/// Which endpoints accept which types is decided by the API client (`EngageAPI`); this type only
/// names them and maps each onto the shared ``Metric``.
public enum EngagementType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Times the post was shown.
    case impressions
    /// All interactions.
    case engagements
    /// Likes.
    case favorites
    /// Reposts.
    case retweets
    /// Quote posts (totals only).
    case quoteTweets = "quote_tweets"
    /// Replies.
    case replies
    /// MRC video views.
    case videoViews = "video_views"
    /// All media views.
    case mediaViews = "media_views"
    /// Clicks on media.
    case mediaEngagements = "media_engagements"
    /// Link clicks.
    case urlClicks = "url_clicks"
    /// Hashtag clicks.
    case hashtagClicks = "hashtag_clicks"
    /// Detail expands.
    case detailExpands = "detail_expands"
    /// Permalink clicks.
    case permalinkClicks = "permalink_clicks"
    /// App install attempts.
    case appInstallAttempts = "app_install_attempts"
    /// App opens.
    case appOpens = "app_opens"
    /// Shares by email.
    case emailTweet = "email_tweet"
    /// Follows attributed to the post.
    case userFollows = "user_follows"
    /// Profile clicks.
    case userProfileClicks = "user_profile_clicks"

    /// The shared metric this type fills.
    public var metric: Metric {
        switch self {
        case .impressions: .impressions
        case .engagements: .engagements
        case .favorites: .likes
        case .retweets: .reposts
        case .quoteTweets: .quotes
        case .replies: .replies
        case .videoViews: .videoViews
        case .mediaViews: .mediaViews
        case .mediaEngagements: .mediaEngagements
        case .urlClicks: .urlClicks
        case .hashtagClicks: .hashtagClicks
        case .detailExpands: .detailExpands
        case .permalinkClicks: .permalinkClicks
        case .appInstallAttempts: .appInstalls
        case .appOpens: .appOpens
        case .emailTweet: .emailTweet
        case .userFollows: .follows
        case .userProfileClicks: .userProfileClicks
        }
    }
}
