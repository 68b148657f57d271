import EngageModel

/// The headline numbers of one period: posts, the total of every metric present, and the
/// engagement rate as a ratio of sums with its post-level interval.
public struct KPISummary: Sendable, Equatable {
    /// The period summarized, when one was given.
    public var range: DateRange?
    /// Number of posts.
    public var posts: Int
    /// Sum of each metric over the posts that carry it; a metric no post carries stays absent.
    public var totals: MetricValues
    /// Engagements ÷ impressions over posts that carry both, with intervals (see ``RateEstimate``).
    public var engagementRate: RateEstimate

    /// Summarizes `posts` (already selected, e.g. with ``PeriodSelection/posts(_:in:clock:)``).
    public init(posts: [Post], range: DateRange? = nil) {
        self.range = range
        self.posts = posts.count
        var totals = MetricValues()
        for p in posts { totals.add(p.metrics) }
        self.totals = totals
        engagementRate = RateEstimate(posts.compactMap { $0.rateObservation(for: .engagements) })
    }

    /// The metrics with a total, in ``Metric`` order.
    public var metrics: [Metric] { totals.presentMetrics }
}

/// One KPI in two periods.
public struct KPIChange: Sendable, Equatable {
    /// Stable key: `posts`, a ``Metric/key`` such as `impressions`, or `engagement_rate`.
    public var key: String
    /// Human title, e.g. `Posts`, `URL clicks`, `Engagement rate`.
    public var title: String
    /// Value in the current period; `nil` when undefined there (e.g. a rate without impressions).
    public var current: Double?
    /// Value in the previous period.
    public var previous: Double?
    /// current − previous; `nil` unless both exist. For the rate, a difference of fractions.
    public var absoluteChange: Double?
    /// current ÷ previous − 1; `nil` when previous is 0 or either is missing.
    public var relativeChange: Double?

    /// Creates a change, computing the differences.
    public init(key: String, title: String, current: Double?, previous: Double?) {
        self.key = key; self.title = title; self.current = current; self.previous = previous
        if let current, let previous {
            absoluteChange = current - previous
            relativeChange = previous != 0 ? current / previous - 1 : nil
        }
    }
}

/// Period over period: posts, every metric present in either period (a metric missing from one
/// period counts as `nil` there, not 0), and the engagement rate.
public func periodComparison(current: KPISummary, previous: KPISummary) -> [KPIChange] {
    var changes = [KPIChange(key: "posts", title: "Posts", current: Double(current.posts), previous: Double(previous.posts))]
    for metric in Metric.allCases where current.totals.has(metric) || previous.totals.has(metric) {
        changes.append(KPIChange(key: metric.key, title: metric.title,
                                 current: current.totals[metric].map(Double.init),
                                 previous: previous.totals[metric].map(Double.init)))
    }
    changes.append(KPIChange(key: "engagement_rate", title: "Engagement rate",
                             current: current.engagementRate.rate, previous: previous.engagementRate.rate))
    return changes
}
