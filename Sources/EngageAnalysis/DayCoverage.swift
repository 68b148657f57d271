import EngageModel

/// Which local days the inputs speak for. A per-post input covers every day from its first post to
/// its last (a day there without posts had none); a daily or account overview input covers the
/// days it has rows for. A day no input covers is a gap: unknown, never zero.
public struct DayCoverage: Sendable, Equatable {
    /// The local days each per-post input spans, in input order.
    public var postRanges: [DateRange]
    /// The days that have an account row.
    public var accountDays: Set<CalendarDay>

    /// The coverage of per-post inputs spanning `spans` and of the account rows `daily`, in `clock`'s days.
    public init(spans: [PostSpan], daily: [DailyRow], clock: LocalClock) {
        postRanges = spans.map { DateRange(start: clock.local($0.first).day, end: clock.local($0.last).day) }
        accountDays = Set(daily.map(\.day))
    }

    /// True when some per-post input spans `day`.
    public func coversPosts(_ day: CalendarDay) -> Bool { postRanges.contains { $0.contains(day) } }

    /// True when an account row exists for `day`.
    public func coversAccount(_ day: CalendarDay) -> Bool { accountDays.contains(day) }

    /// True when any input covers `day`.
    public func covers(_ day: CalendarDay) -> Bool { coversAccount(day) || coversPosts(day) }

    /// From the first day any input covers to the last; `nil` without inputs. A report without
    /// `--from/--to/--period` covers this range, posts and account days alike.
    public var span: DateRange? {
        let starts = postRanges.map(\.start) + accountDays, ends = postRanges.map(\.end) + accountDays
        guard let first = starts.min(), let last = ends.max() else { return nil }
        return DateRange(start: first, end: last)
    }

    /// The days of `range` no input covers, in order.
    public func uncoveredDays(in range: DateRange) -> [CalendarDay] { range.days.filter { !covers($0) } }
}
