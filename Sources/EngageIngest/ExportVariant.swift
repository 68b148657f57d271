/// The kinds of export engage recognises, told apart by their header line.
///
/// See `FORMATS.md` §1: X's legacy analytics pages wrote per-post and daily "tweet activity"
/// files; the current analytics pages write content exports (per post, two generations) and
/// the account overview (daily totals). ``displayName`` is what reports and `engage validate`
/// show, e.g. `legacy per-post export (en, likes)`.
public enum ExportVariant: String, CaseIterable, Sendable, Hashable, Codable {
    /// Legacy per-post export, English header with `likes` (2016 on).
    case legacyPerPost = "legacy-per-post"
    /// Legacy per-post export, English header from 2015 with `favorites`.
    case legacyPerPostFavorites = "legacy-per-post-favorites"
    /// Legacy per-post export with the Japanese header (`ツイートID`, …).
    case legacyPerPostJapanese = "legacy-per-post-ja"
    /// Legacy daily export, English header (`Date`, `Tweets published`, …).
    case legacyDaily = "legacy-daily"
    /// Legacy daily export with the Japanese header (`日付`, …).
    case legacyDailyJapanese = "legacy-daily-ja"
    /// Content export, early 2025 (`Link`, `Share`, dates like `Mon Feb 03 2025`).
    case contentEarly = "content-early"
    /// Content export, late 2025 on (`Post Link`, `Shares`, dates like `Sun, Nov 9, 2025`).
    case contentLate = "content-late"
    /// Content export, late 2025 on, Japanese header (`ポストID`, …, `共有された回数\`).
    case contentLateJapanese = "content-late-ja"
    /// Account overview: daily totals (`Date`, `Impressions`, …, `Unfollows`, `Create Post`).
    case accountOverview = "account-overview"
    /// A saved Engagement API response (totals, 28hr or historical).
    case engagementAPI = "engagement-api-json"
    /// A saved X API v2 response (post lookup or user timeline with metrics).
    case xAPIv2 = "x-api-v2-json"
    /// The normalised file `engage fetch` writes.
    case fetchedData = "engage-fetch-json"

    /// Human name, e.g. `legacy per-post export (en, likes)`.
    public var displayName: String {
        switch self {
        case .legacyPerPost: "legacy per-post export (en, likes)"
        case .legacyPerPostFavorites: "legacy per-post export (en, 2015 favorites)"
        case .legacyPerPostJapanese: "legacy per-post export (ja)"
        case .legacyDaily: "legacy daily export (en)"
        case .legacyDailyJapanese: "legacy daily export (ja)"
        case .contentEarly: "content export (early 2025)"
        case .contentLate: "content export (late 2025, en)"
        case .contentLateJapanese: "content export (late 2025, ja)"
        case .accountOverview: "account overview (daily totals)"
        case .engagementAPI: "Engagement API response (JSON)"
        case .xAPIv2: "X API v2 response (JSON)"
        case .fetchedData: "engage fetch data (JSON)"
        }
    }

    /// True for variants with one row per day rather than per post.
    public var isDaily: Bool {
        switch self {
        case .legacyDaily, .legacyDailyJapanese, .accountOverview: true
        default: false
        }
    }
}
