/// Every count engage knows, across all export variants and API responses, as one enum.
///
/// The raw value is the stable snake_case key used in JSON output, workbook headers are
/// taken from ``title``. Exports name the same count differently (`retweets`, `Reposts`,
/// `リツイート`); the ingest layer maps each header onto one of these cases.
public enum Metric: Int, CaseIterable, Sendable, Hashable, Codable {
    /// Times the post was shown (organic only in legacy exports).
    case impressions
    /// All interactions with the post (X's "engagements").
    case engagements
    /// Reposts, formerly retweets.
    case reposts
    /// Replies to the post.
    case replies
    /// Likes, formerly favorites.
    case likes
    /// Quote posts.
    case quotes
    /// Bookmarks.
    case bookmarks
    /// Shares (content export).
    case shares
    /// Clicks on the author's name or avatar ("Profile visits").
    case userProfileClicks
    /// Clicks on a link in the post.
    case urlClicks
    /// Clicks on a hashtag.
    case hashtagClicks
    /// Clicks that expanded the post's details.
    case detailExpands
    /// Clicks on the post's permalink.
    case permalinkClicks
    /// App opens from an app card.
    case appOpens
    /// App install attempts from an app card.
    case appInstalls
    /// New followers attributed to the post.
    case follows
    /// Unfollows (account overview only).
    case unfollows
    /// Times the post was shared by email.
    case emailTweet
    /// Dial-phone clicks.
    case dialPhone
    /// Views of attached media (all views).
    case mediaViews
    /// Clicks on attached media.
    case mediaEngagements
    /// Video views (MRC: 50% in view for 2 seconds).
    case videoViews
    /// Posts published on a day (daily exports).
    case postsPublished
    /// Video playback reached 0% (started).
    case videoPlayback0
    /// Video playback reached 25%.
    case videoPlayback25
    /// Video playback reached 50%.
    case videoPlayback50
    /// Video playback reached 75%.
    case videoPlayback75
    /// Video playback reached 100%.
    case videoPlayback100

    /// Number of metrics (`allCases.count`, written out for the hot loops that use it); at most
    /// ``MetricValues/capacity``: read that type's comment before adding a case.
    public static let count = 28

    /// Stable machine key, e.g. `url_clicks`.
    public var key: String {
        switch self {
        case .impressions: "impressions"
        case .engagements: "engagements"
        case .reposts: "reposts"
        case .replies: "replies"
        case .likes: "likes"
        case .quotes: "quotes"
        case .bookmarks: "bookmarks"
        case .shares: "shares"
        case .userProfileClicks: "user_profile_clicks"
        case .urlClicks: "url_clicks"
        case .hashtagClicks: "hashtag_clicks"
        case .detailExpands: "detail_expands"
        case .permalinkClicks: "permalink_clicks"
        case .appOpens: "app_opens"
        case .appInstalls: "app_installs"
        case .follows: "follows"
        case .unfollows: "unfollows"
        case .emailTweet: "email_tweet"
        case .dialPhone: "dial_phone"
        case .mediaViews: "media_views"
        case .mediaEngagements: "media_engagements"
        case .videoViews: "video_views"
        case .postsPublished: "posts_published"
        case .videoPlayback0: "video_playback_0"
        case .videoPlayback25: "video_playback_25"
        case .videoPlayback50: "video_playback_50"
        case .videoPlayback75: "video_playback_75"
        case .videoPlayback100: "video_playback_100"
        }
    }

    /// Human title for column headers and charts, e.g. `URL clicks`.
    public var title: String {
        switch self {
        case .impressions: "Impressions"
        case .engagements: "Engagements"
        case .reposts: "Reposts"
        case .replies: "Replies"
        case .likes: "Likes"
        case .quotes: "Quotes"
        case .bookmarks: "Bookmarks"
        case .shares: "Shares"
        case .userProfileClicks: "Profile visits"
        case .urlClicks: "URL clicks"
        case .hashtagClicks: "Hashtag clicks"
        case .detailExpands: "Detail expands"
        case .permalinkClicks: "Permalink clicks"
        case .appOpens: "App opens"
        case .appInstalls: "App installs"
        case .follows: "Follows"
        case .unfollows: "Unfollows"
        case .emailTweet: "Email shares"
        case .dialPhone: "Dial phone"
        case .mediaViews: "Media views"
        case .mediaEngagements: "Media engagements"
        case .videoViews: "Video views"
        case .postsPublished: "Posts published"
        case .videoPlayback0: "Video started"
        case .videoPlayback25: "Video 25%"
        case .videoPlayback50: "Video 50%"
        case .videoPlayback75: "Video 75%"
        case .videoPlayback100: "Video 100%"
        }
    }

    /// Finds a metric by its ``key`` (as given on the command line, e.g. `--metric url_clicks`).
    /// Accepts a few common synonyms: `retweets`, `favorites`, `profile_visits`, `new_follows`.
    public init?(key: String) {
        let k = key.lowercased().replacingOccurrences(of: "-", with: "_")
        switch k {
        case "retweets": self = .reposts
        case "favorites": self = .likes
        case "profile_visits": self = .userProfileClicks
        case "new_follows": self = .follows
        default:
            guard let m = Metric.allCases.first(where: { $0.key == k }) else { return nil }
            self = m
        }
    }
}
