/// An inclusive range of local calendar days, e.g. the period a report covers.
public struct DateRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// First day (inclusive).
    public var start: CalendarDay
    /// Last day (inclusive).
    public var end: CalendarDay

    public init(start: CalendarDay, end: CalendarDay) {
        self.start = min(start, end); self.end = max(start, end)
    }

    /// Number of days, at least 1.
    public var dayCount: Int { end.daysSinceEpoch - start.daysSinceEpoch + 1 }

    /// True when `day` is inside.
    public func contains(_ day: CalendarDay) -> Bool { start <= day && day <= end }

    /// The range of equal length that ends the day before this one starts.
    public var previous: DateRange {
        DateRange(start: start.adding(days: -dayCount), end: start.adding(days: -1))
    }

    /// Every day, in order.
    public var days: [CalendarDay] { (0..<dayCount).map { start.adding(days: $0) } }

    /// `2025-02-03..2025-02-09`.
    public var description: String { "\(start)..\(end)" }
}
