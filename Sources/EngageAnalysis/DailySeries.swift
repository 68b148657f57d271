import EngageModel

/// Day-by-day series for charts and the Daily sheet.
///
/// Two sources count different things and are kept apart: ``fromPosts(_:range:clock:)`` adds up
/// the posts published each local day (their lifetime counts), while ``fromDailyRows(_:range:)``
/// passes on what a daily export says happened on each day (to all posts).
public enum DailySeries {
    /// One local day of posts.
    public struct PostDay: Sendable, Equatable {
        /// Local calendar day.
        public var day: CalendarDay
        /// Posts published that day.
        public var posts: Int
        /// Their impressions (absent counts as 0).
        public var impressions: Int64
        /// Their engagements (absent counts as 0).
        public var engagements: Int64
        /// Engagements ÷ impressions over that day's posts carrying both; `nil` without impressions.
        public var engagementRate: Double?
        /// False when no per-post input spans the day: its counts are unknown, not zero.
        public var isCovered: Bool = true
    }

    /// Every day of `range` in order, days without posts included (zero posts, rate `nil`).
    /// Posts outside `range` are ignored. Days for which `covered` is false are marked as gaps.
    public static func fromPosts(_ posts: [Post], range: DateRange, clock: LocalClock,
                                 covered: (CalendarDay) -> Bool = { _ in true }) -> [PostDay] {
        var days = range.days.map { PostDay(day: $0, posts: 0, impressions: 0, engagements: 0, engagementRate: nil, isCovered: covered($0)) }
        var rateSums = [(x: Int64, y: Int64)](repeating: (0, 0), count: days.count)
        for post in posts {
            let index = clock.local(post.postedAt).day.daysSinceEpoch - range.start.daysSinceEpoch
            guard days.indices.contains(index) else { continue }
            days[index].posts += 1
            days[index].impressions &+= post.metrics.count(.impressions)
            days[index].engagements &+= post.metrics.count(.engagements)
            if let o = post.rateObservation(for: .engagements) {
                rateSums[index].x &+= o.impressions; rateSums[index].y &+= o.events
            }
        }
        for i in days.indices where rateSums[i].x > 0 {
            days[i].engagementRate = Double(rateSums[i].y) / Double(rateSums[i].x)
        }
        return days
    }

    /// The daily export's rows inside `range` (all rows when `nil`), oldest first. Days the export
    /// does not cover are absent: no row is not the same as a zero.
    public static func fromDailyRows(_ rows: [DailyRow], range: DateRange? = nil) -> [DailyRow] {
        rows.filter { range?.contains($0.day) ?? true }.sorted { $0.day < $1.day }
    }
}
