import EngageModel

/// The last N weeks up to a report's period, one row per week: the posts published that week
/// with their totals and engagement rate (the same ``KPISummary`` and ``RateEstimate`` as the
/// period's KPIs, the post as the unit), and the follower growth of the account rows.
///
/// A week no per-post input covers has no post figures (`nil`), and a week without account rows
/// no follower figures: gaps, never zeros. A week an input covers but without posts has 0 posts.
///
/// ```swift
/// let trend = WeeklyTrend(posts: dataset.posts, daily: dataset.daily, coverage: coverage,
///                         through: range.end, weeks: 12, weekStart: .monday, clock: clock)
/// trend.weeks.last?.kpis?.engagementRate.interval   // the period's own week
/// ```
public struct WeeklyTrend: Sendable, Equatable {
    /// One week, `start` to `start + 6`.
    public struct Week: Sendable, Equatable {
        /// The week's first day (Monday, or Sunday with a Sunday week start).
        public var start: CalendarDay
        /// The posts published that week; `nil` when no per-post input covers any of its days.
        public var kpis: KPISummary?
        /// The account rows of that week; `nil` when it has none.
        public var account: AccountSummary?

        /// The week's last day.
        public var end: CalendarDay { start.adding(days: 6) }
        /// Posts published; `nil` for a gap.
        public var posts: Int? { kpis?.posts }
        /// Impressions of the week's posts; 0 for a covered week without posts, `nil` for a gap.
        public var impressions: Int64? { kpis.flatMap { $0.totals[.impressions] ?? ($0.posts == 0 ? 0 : nil) } }
        /// Engagements of the week's posts; 0 for a covered week without posts, `nil` for a gap.
        public var engagements: Int64? { kpis.flatMap { $0.totals[.engagements] ?? ($0.posts == 0 ? 0 : nil) } }
        /// Engagement rate with its 95% interval (post as the unit); `nil` for a gap.
        public var rate: RateEstimate? { kpis?.engagementRate }
        /// New follows from the account rows.
        public var newFollows: Int64? { account?.newFollows }
        /// Unfollows from the account rows (account overview exports only).
        public var unfollows: Int64? { account?.unfollows }
        /// New follows − unfollows.
        public var netFollows: Int64? { account?.netFollows }
        /// True when the week has post or account figures.
        public var hasData: Bool { kpis != nil || account != nil }
    }

    /// Oldest first; the last is the week holding the period's last day.
    public var weeks: [Week]

    /// The `weeks` weeks ending with the one that holds `last`, from `posts` and `daily` as
    /// `coverage` says they are covered, in `clock`'s days.
    public init(posts: [Post], daily: [DailyRow], coverage: DayCoverage, through last: CalendarDay, weeks count: Int,
                weekStart: BestHoursWeekStart, clock: LocalClock) {
        guard count > 0 else { weeks = []; return }
        let firstWeekday = weekStart == .monday ? 1 : 7
        let lastStart = last.adding(days: -((last.isoWeekday - firstWeekday + 7) % 7))
        let first = lastStart.adding(days: -7 * (count - 1))
        func index(_ day: CalendarDay) -> Int? {
            let offset = day.daysSinceEpoch - first.daysSinceEpoch
            return offset >= 0 && offset < 7 * count ? offset / 7 : nil
        }
        // Posts outside the weeks' instants are passed over without a local-time lookup (a report
        // of a million posts reads most of them here).
        let opens = clock.startOfDay(first), closes = clock.startOfDay(first.adding(days: 7 * count))
        var postsByWeek = Array(repeating: [Post](), count: count)
        for post in posts where post.postedAt >= opens && post.postedAt < closes {
            if let i = index(clock.local(post.postedAt).day) { postsByWeek[i].append(post) }
        }
        var hasRows = Array(repeating: false, count: count)
        for row in daily {
            if let i = index(row.day) { hasRows[i] = true }
        }
        weeks = (0..<count).map { i in
            let range = DateRange(start: first.adding(days: 7 * i), end: first.adding(days: 7 * i + 6))
            let covered = !postsByWeek[i].isEmpty || range.days.contains(where: coverage.coversPosts)
            return Week(start: range.start,
                        kpis: covered ? KPISummary(posts: postsByWeek[i], range: range) : nil,
                        account: hasRows[i] ? AccountSummary(rows: daily, range: range) : nil)
        }
    }

    /// Weeks with post or account figures.
    public var weeksWithData: Int { weeks.filter(\.hasData).count }
}
