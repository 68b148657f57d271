import EngageModel

/// What one column of an export holds.
enum ColumnRole: Sendable, Hashable {
    /// The post id.
    case postID
    /// The link to the post.
    case permalink
    /// The post text.
    case text
    /// Posting time with minutes (`time` of legacy exports).
    case postedTime
    /// A calendar day (`Date` of content and daily exports).
    case date
    /// An organic (or all-traffic) count.
    case metric(Metric)
    /// A promoted-only count.
    case promoted(Metric)
    /// The export's own engagement rate (kept for reference).
    case engagementRate
    /// The export's own promoted engagement rate (derivable, not kept).
    case promotedEngagementRate
    /// A column engage does not use.
    case ignored
}

/// The columns one export variant is known to carry, by name, in the order X writes them.
struct ExportLayout: Sendable {
    /// One expected column: the names it goes by (first as X writes it) and what it holds.
    struct Column: Sendable {
        var names: [String]
        var role: ColumnRole
    }

    /// The variant this layout describes.
    let variant: ExportVariant
    /// Expected columns in file order.
    let columns: [Column]
    /// Roles a header must provide to count as this variant.
    let required: [ColumnRole]
    /// When true, a header with exactly as many columns as ``columns`` maps the columns whose
    /// names are not known by position (translated headers whose wording varied over time).
    let mapsUnknownNamesByPosition: Bool

    /// Every known layout, in the order ties are broken.
    static let all: [ExportLayout] = [
        legacyPerPost(.legacyPerPost, likes: "likes"),
        legacyPerPost(.legacyPerPostFavorites, likes: "favorites"),
        legacyPerPostJapanese,
        legacyDaily,
        legacyDailyJapanese,
        content(.contentLate, link: "Post Link", shares: "Shares"),
        content(.contentEarly, link: "Link", shares: "Share"),
        contentLateJapanese,
        accountOverview,
    ]

    /// The layout of `variant`.
    static func of(_ variant: ExportVariant) -> ExportLayout {
        all.first { $0.variant == variant }!
    }

    // MARK: - Legacy exports (tweet_activity_metrics_…)

    /// The 18 count columns shared by legacy per-post and daily exports, English names.
    private static func legacyCounts(likes: String) -> [Column] {
        [
            Column(names: ["impressions"], role: .metric(.impressions)),
            Column(names: ["engagements"], role: .metric(.engagements)),
            Column(names: ["engagement rate"], role: .engagementRate),
            Column(names: ["retweets"], role: .metric(.reposts)),
            Column(names: ["replies"], role: .metric(.replies)),
            Column(names: [likes], role: .metric(.likes)),
            Column(names: ["user profile clicks"], role: .metric(.userProfileClicks)),
            Column(names: ["url clicks"], role: .metric(.urlClicks)),
            Column(names: ["hashtag clicks"], role: .metric(.hashtagClicks)),
            Column(names: ["detail expands"], role: .metric(.detailExpands)),
            Column(names: ["permalink clicks"], role: .metric(.permalinkClicks)),
            Column(names: ["app opens"], role: .metric(.appOpens)),
            Column(names: ["app installs"], role: .metric(.appInstalls)),
            Column(names: ["follows"], role: .metric(.follows)),
            Column(names: ["email tweet"], role: .metric(.emailTweet)),
            Column(names: ["dial phone"], role: .metric(.dialPhone)),
            Column(names: ["media views"], role: .metric(.mediaViews)),
            Column(names: ["media engagements"], role: .metric(.mediaEngagements)),
        ]
    }

    /// The same 18 columns with the Japanese names X used (alternatives seen over time second).
    private static let legacyCountsJapanese: [Column] = [
        Column(names: ["インプレッション"], role: .metric(.impressions)),
        Column(names: ["エンゲージメント"], role: .metric(.engagements)),
        Column(names: ["エンゲージメント率"], role: .engagementRate),
        Column(names: ["リツイート"], role: .metric(.reposts)),
        Column(names: ["返信"], role: .metric(.replies)),
        Column(names: ["いいね"], role: .metric(.likes)),
        Column(names: ["ユーザープロフィールクリック"], role: .metric(.userProfileClicks)),
        Column(names: ["URLクリック数"], role: .metric(.urlClicks)),
        Column(names: ["ハッシュタグクリック"], role: .metric(.hashtagClicks)),
        Column(names: ["詳細クリック"], role: .metric(.detailExpands)),
        Column(names: ["固定リンクのクリック数"], role: .metric(.permalinkClicks)),
        Column(names: ["アプリ表示"], role: .metric(.appOpens)),
        Column(names: ["アプリインストール", "アプリのインストール"], role: .metric(.appInstalls)),
        Column(names: ["フォローしている", "フォロー"], role: .metric(.follows)),
        Column(names: ["ツイートをメール送信"], role: .metric(.emailTweet)),
        Column(names: ["ダイアル式電話", "電話番号をダイヤル"], role: .metric(.dialPhone)),
        Column(names: ["メディアの再生数"], role: .metric(.mediaViews)),
        Column(names: ["メディアのエンゲージメント数", "メディアのエンゲージメント"], role: .metric(.mediaEngagements)),
    ]

    /// `columns` again, each name prefixed, each role made promoted.
    private static func promoted(_ columns: [Column], prefixes: [String]) -> [Column] {
        columns.map { column in
            let role: ColumnRole = switch column.role {
            case .metric(let m): .promoted(m)
            case .engagementRate: .promotedEngagementRate
            default: column.role
            }
            return Column(names: prefixes.flatMap { p in column.names.map { p + $0 } }, role: role)
        }
    }

    private static func legacyPerPost(_ variant: ExportVariant, likes: String) -> ExportLayout {
        let counts = legacyCounts(likes: likes)
        return ExportLayout(
            variant: variant,
            columns: [
                Column(names: ["Tweet id"], role: .postID),
                Column(names: ["Tweet permalink"], role: .permalink),
                Column(names: ["Tweet text"], role: .text),
                Column(names: ["time"], role: .postedTime),
            ] + counts + promoted(counts, prefixes: ["promoted "]),
            required: [.postID, .metric(.impressions)], mapsUnknownNamesByPosition: false)
    }

    private static let legacyPerPostJapanese = ExportLayout(
        variant: .legacyPerPostJapanese,
        columns: [
            Column(names: ["ツイートID"], role: .postID),
            Column(names: ["ツイートの固定リンク"], role: .permalink),
            Column(names: ["ツイート本文"], role: .text),
            Column(names: ["時間"], role: .postedTime),
        ] + legacyCountsJapanese + promoted(legacyCountsJapanese, prefixes: ["プロモの", "プロモーションの"]),
        required: [.postID, .metric(.impressions)], mapsUnknownNamesByPosition: true)

    private static let legacyDaily: ExportLayout = {
        var counts = legacyCounts(likes: "likes")
        counts[5].names.append("favorites")
        return ExportLayout(
            variant: .legacyDaily,
            columns: [
                Column(names: ["Date"], role: .date),
                Column(names: ["Tweets published"], role: .metric(.postsPublished)),
            ] + counts + promoted(counts, prefixes: ["promoted "]),
            required: [.date, .metric(.impressions)], mapsUnknownNamesByPosition: false)
    }()

    private static let legacyDailyJapanese = ExportLayout(
        variant: .legacyDailyJapanese,
        columns: [
            Column(names: ["日付"], role: .date),
            Column(names: ["Tweets published", "ツイート数", "公開されたツイート"], role: .metric(.postsPublished)),
        ] + legacyCountsJapanese + promoted(legacyCountsJapanese, prefixes: ["プロモの", "プロモーションの"]),
        required: [.date, .metric(.impressions)], mapsUnknownNamesByPosition: true)

    // MARK: - Current exports (content, account overview)

    private static func content(_ variant: ExportVariant, link: String, shares: String) -> ExportLayout {
        ExportLayout(
            variant: variant,
            columns: [
                Column(names: ["Post id"], role: .postID),
                Column(names: ["Date"], role: .date),
                Column(names: ["Post text"], role: .text),
                Column(names: [link], role: .permalink),
                Column(names: ["Impressions"], role: .metric(.impressions)),
                Column(names: ["Likes"], role: .metric(.likes)),
                Column(names: ["Engagements"], role: .metric(.engagements)),
                Column(names: ["Bookmarks"], role: .metric(.bookmarks)),
                Column(names: [shares], role: .metric(.shares)),
                Column(names: ["New follows"], role: .metric(.follows)),
                Column(names: ["Replies"], role: .metric(.replies)),
                Column(names: ["Reposts"], role: .metric(.reposts)),
                Column(names: ["Profile visits"], role: .metric(.userProfileClicks)),
                Column(names: ["Detail expands"], role: .metric(.detailExpands)),
                Column(names: ["URL clicks"], role: .metric(.urlClicks)),
                Column(names: ["Hashtag clicks"], role: .metric(.hashtagClicks)),
                Column(names: ["Permalink clicks"], role: .metric(.permalinkClicks)),
            ],
            required: [.postID, .metric(.impressions)], mapsUnknownNamesByPosition: false)
    }

    private static let contentLateJapanese = ExportLayout(
        variant: .contentLateJapanese,
        columns: [
            Column(names: ["ポストID"], role: .postID),
            Column(names: ["日付"], role: .date),
            Column(names: ["ポスト本文"], role: .text),
            Column(names: ["ポストのリンク"], role: .permalink),
            Column(names: ["インプレッション数"], role: .metric(.impressions)),
            Column(names: ["いいね"], role: .metric(.likes)),
            Column(names: ["エンゲージメント"], role: .metric(.engagements)),
            Column(names: ["ブックマーク"], role: .metric(.bookmarks)),
            Column(names: ["共有された回数\\"], role: .metric(.shares)),
            Column(names: ["新しいフォロー"], role: .metric(.follows)),
            Column(names: ["返信"], role: .metric(.replies)),
            Column(names: ["リポスト"], role: .metric(.reposts)),
            Column(names: ["プロフィールへのアクセス数"], role: .metric(.userProfileClicks)),
            Column(names: ["詳細のクリック数"], role: .metric(.detailExpands)),
            Column(names: ["URLのクリック数"], role: .metric(.urlClicks)),
            Column(names: ["ハッシュタグのクリック数"], role: .metric(.hashtagClicks)),
            Column(names: ["パーマリンクのクリック数"], role: .metric(.permalinkClicks)),
        ],
        required: [.postID, .metric(.impressions)], mapsUnknownNamesByPosition: true)

    private static let accountOverview = ExportLayout(
        variant: .accountOverview,
        columns: [
            Column(names: ["Date"], role: .date),
            Column(names: ["Impressions"], role: .metric(.impressions)),
            Column(names: ["Likes"], role: .metric(.likes)),
            Column(names: ["Engagements"], role: .metric(.engagements)),
            Column(names: ["Bookmarks"], role: .metric(.bookmarks)),
            Column(names: ["Shares"], role: .metric(.shares)),
            Column(names: ["New follows"], role: .metric(.follows)),
            Column(names: ["Unfollows"], role: .metric(.unfollows)),
            Column(names: ["Replies"], role: .metric(.replies)),
            Column(names: ["Reposts"], role: .metric(.reposts)),
            Column(names: ["Profile visits"], role: .metric(.userProfileClicks)),
            Column(names: ["Create Post"], role: .metric(.postsPublished)),
            Column(names: ["Video views"], role: .metric(.videoViews)),
            Column(names: ["Media views"], role: .metric(.mediaViews)),
        ],
        required: [.date, .metric(.impressions)], mapsUnknownNamesByPosition: false)
}
