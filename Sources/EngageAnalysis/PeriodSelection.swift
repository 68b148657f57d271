import EngageModel

/// Choosing the posts of a period by their local posting day.
public enum PeriodSelection {
    /// The posts whose local calendar day of `postedAt` (by `clock`) lies in `range`, in input order.
    public static func posts(_ posts: [Post], in range: DateRange, clock: LocalClock) -> [Post] {
        posts.filter { range.contains(clock.local($0.postedAt).day) }
    }

    /// The local days from the earliest to the latest post; `nil` without posts.
    /// A report without `--from/--to` covers this range.
    public static func coveredRange(of posts: [Post], clock: LocalClock) -> DateRange? {
        var first: CalendarDay?, last: CalendarDay?
        for p in posts {
            let day = clock.local(p.postedAt).day
            if first.map({ day < $0 }) ?? true { first = day }
            if last.map({ day > $0 }) ?? true { last = day }
        }
        guard let first, let last else { return nil }
        return DateRange(start: first, end: last)
    }

    /// True when the data reaches back to the start of `range` (some post on or before its first
    /// local day), i.e. a previous period of equal length is actually covered by the inputs and a
    /// period-over-period comparison is meaningful.
    public static func dataCovers(_ range: DateRange, posts: [Post], clock: LocalClock) -> Bool {
        posts.contains { clock.local($0.postedAt).day <= range.start }
    }
}
