import EngageModel

/// A day of the week, numbered as ISO does (Monday = 1 … Sunday = 7).
public enum BestHoursWeekday: Int, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Three-letter English name used in JSON and reports: `Mon` … `Sun`.
    public var shortName: String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1]
    }

    /// Full English name, e.g. `Tuesday`.
    public var name: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1]
    }

    /// The seven days in display order for a week that starts on `weekStart`.
    public static func ordered(startingOn weekStart: BestHoursWeekStart) -> [BestHoursWeekday] {
        weekStart == .monday ? allCases : [.sunday] + allCases.dropLast()
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer(); try c.encode(shortName)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = Self.allCases.first(where: { $0.shortName == s }) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a weekday: \(s)")
        }
        self = d
    }
}

/// Which day a displayed week starts with. Default ``monday`` (METHODS.md).
public enum BestHoursWeekStart: String, Sendable, Hashable, Codable {
    /// Monday first (ISO).
    case monday
    /// Sunday first (US calendars).
    case sunday
}

/// What "best" means: the statistic each time slot is ranked by.
public enum BestHoursObjective: Sendable, Hashable {
    /// Events of `metric` per impression (default `.engagements`, i.e. the engagement rate),
    /// shrunk with the beta-binomial empirical-Bayes model.
    case perImpression(Metric)
    /// Expected events of `metric` per post, shrunk with a normal–normal empirical-Bayes model.
    case perPost(Metric)

    /// The engagement rate, the default objective.
    public static let engagementRate = BestHoursObjective.perImpression(.engagements)

    /// The metric counted.
    public var metric: Metric {
        switch self { case .perImpression(let m), .perPost(let m): m }
    }

    /// Stable key written to JSON as `"metric"`: the metric key (`engagements`, `url_clicks`) for a
    /// per-impression objective, `<key>_per_post` for a per-post one.
    public var key: String {
        switch self {
        case .perImpression(let m): m.key
        case .perPost(let m): m.key + "_per_post"
        }
    }

    /// Parses `engagements`, `url_clicks`, `engagements_per_post`, …; `nil` for an unknown metric or
    /// for `impressions` per impression.
    public init?(key: String) {
        if key.hasSuffix("_per_post") {
            guard let m = Metric(key: String(key.dropLast("_per_post".count))) else { return nil }
            self = .perPost(m)
        } else {
            var k = key
            if k == "engagement_rate" { k = "engagements" }
            guard let m = Metric(key: k), m != .impressions else { return nil }
            self = .perImpression(m)
        }
    }

    /// Words for reports: `engagement rate`, `URL clicks per impression`, `engagements per post`.
    public var phrase: String {
        switch self {
        case .perImpression(.engagements): "engagement rate"
        case .perImpression(let m): "\(m.title.lowercased()) per impression"
        case .perPost(let m): "\(m.title.lowercased()) per post"
        }
    }
}

/// Settings of the best-hour analysis; every default is the documented one.
public struct BestHoursOptions: Sendable, Hashable {
    /// What to rank slots by. Default: engagement rate (engagements per impression).
    public var objective: BestHoursObjective
    /// First day of the displayed week. Default Monday.
    public var weekStart: BestHoursWeekStart
    /// Below this many usable posts the analysis says "not enough data". Default 30.
    public var minimumPosts: Int
    /// The analysis also says "not enough data" when the usable posts span fewer local days than
    /// this (first to last, both counted): a week's weekday × hour slot is one day's posts. Default 28.
    public var minimumDays: Int = 28
    /// A slot needs at least this many posts to be recommended, and a grid (weekday × hour, hour,
    /// weekday) is used only when slots of this support hold at least half of the posts. Default 5.
    public var minimumPostsPerSlot: Int
    /// How many slots to recommend. Default 3.
    public var recommendationCount: Int
    /// Adjust each post for its kind (reply, media, link) before comparing slots. Default true:
    /// when replies (high rates) are sent mostly at some hours, unadjusted slots there were called
    /// "likely better" for the replies (docs/METHODS.md, "Calibration on heavy-tailed accounts").
    public var adjustForPostKind: Bool
    /// Probability of the credible intervals. Default 0.95.
    public var intervalLevel: Double
    /// Level of the selection test a "likely better" slot must pass (``BestHoursSelection``). Default 0.05.
    public var selectionAlpha: Double = 0.05

    /// Creates options; every argument has the documented default.
    public init(objective: BestHoursObjective = .engagementRate, weekStart: BestHoursWeekStart = .monday,
                minimumPosts: Int = 30, minimumPostsPerSlot: Int = 5, recommendationCount: Int = 3,
                adjustForPostKind: Bool = true, intervalLevel: Double = 0.95) {
        self.objective = objective; self.weekStart = weekStart; self.minimumPosts = minimumPosts
        self.minimumPostsPerSlot = minimumPostsPerSlot; self.recommendationCount = recommendationCount
        self.adjustForPostKind = adjustForPostKind; self.intervalLevel = intervalLevel
    }
}
