import EngageModel

/// The account's own totals over a period, from legacy daily or account overview rows: what the
/// account received on those days, engagement with older posts included. They count different
/// things from ``KPISummary``, which adds up the lifetime counts of the posts published in a period.
public struct AccountSummary: Sendable, Equatable {
    /// The period summarized.
    public var range: DateRange
    /// Days of `range` that have a row (the rest are not covered by any daily input).
    public var days: Int
    /// Sum of each metric over the rows that carry it; a metric no row carries stays absent.
    public var totals: MetricValues
    /// Engagements ÷ impressions over the rows carrying both; `nil` without impressions.
    public var engagementRate: Double?

    /// Summarizes the rows of `rows` that fall in `range`.
    public init(rows: [DailyRow], range: DateRange) {
        self.range = range
        var totals = MetricValues()
        var days = 0
        var impressions: Int64 = 0, engagements: Int64 = 0
        for row in rows where range.contains(row.day) {
            days += 1
            totals.add(row.metrics)
            if let i = row.metrics[.impressions], let e = row.metrics[.engagements] {
                impressions &+= i; engagements &+= e
            }
        }
        self.days = days
        self.totals = totals
        engagementRate = impressions > 0 ? Double(engagements) / Double(impressions) : nil
    }

    /// New followers over the period (account overview "New follows"; legacy daily "follows").
    public var newFollows: Int64? { totals[.follows] }
    /// Unfollows over the period (account overview exports only).
    public var unfollows: Int64? { totals[.unfollows] }
    /// New follows − unfollows; `nil` unless the rows carry both (account overview exports).
    public var netFollows: Int64? {
        guard let newFollows, let unfollows else { return nil }
        return newFollows - unfollows
    }

    /// True when the rows carry unfollows, i.e. follower growth can be shown.
    public var hasFollowerGrowth: Bool { netFollows != nil }
}

/// Account totals in two periods: every metric present in either, the engagement rate and the
/// net follower change (a metric missing from one period counts as `nil` there, not 0).
public func periodComparison(current: AccountSummary, previous: AccountSummary) -> [KPIChange] {
    var changes: [KPIChange] = []
    for metric in Metric.allCases where current.totals.has(metric) || previous.totals.has(metric) {
        changes.append(KPIChange(key: metric.key, title: metric.title,
                                 current: current.totals[metric].map(Double.init),
                                 previous: previous.totals[metric].map(Double.init)))
    }
    if current.hasFollowerGrowth || previous.hasFollowerGrowth {
        changes.append(KPIChange(key: "net_follows", title: "Net follows",
                                 current: current.netFollows.map(Double.init), previous: previous.netFollows.map(Double.init)))
    }
    changes.append(KPIChange(key: "engagement_rate", title: "Engagement rate",
                             current: current.engagementRate, previous: previous.engagementRate))
    return changes
}
