import EngageAnalysis
import EngageModel
import Foundation

/// A reporting period as people say it: `last-week`, `last-7-days`, `last-month`,
/// `month-to-date` or an explicit `YYYY-MM-DD..YYYY-MM-DD`, evaluated against "today" in the
/// report's time zone (`--now` pins today for reproducible runs).
public enum PeriodExpression: Sendable, Equatable {
    /// The last complete week before today, starting on the week-start day.
    case lastWeek
    /// The seven days that end yesterday.
    case lastSevenDays
    /// The previous calendar month.
    case lastMonth
    /// From the first of this month to today, inclusive.
    case monthToDate
    /// Explicit first and last day.
    case range(DateRange)

    static let forms = "last-week, last-7-days, last-month, month-to-date or YYYY-MM-DD..YYYY-MM-DD"

    /// Parses `text`.
    /// - Throws: ``ConfigError`` listing the accepted forms (`file` is the flag or template key).
    public static func parse(_ text: String, source: String = "--period") throws(ConfigError) -> PeriodExpression {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "last-week": return .lastWeek
        case "last-7-days": return .lastSevenDays
        case "last-month": return .lastMonth
        case "month-to-date": return .monthToDate
        default:
            let parts = text.components(separatedBy: "..")
            guard parts.count == 2, let first = CalendarDay(iso: parts[0].trimmingCharacters(in: .whitespaces)),
                  let last = CalendarDay(iso: parts[1].trimmingCharacters(in: .whitespaces)) else {
                throw ConfigError(file: source, message: "\"\(text)\" is not a period (expected \(forms))")
            }
            guard first <= last else { throw ConfigError(file: source, message: "\"\(text)\" ends before it starts") }
            return .range(DateRange(start: first, end: last))
        }
    }

    /// The days of the period when today is the local day of `now` on `clock`.
    public func range(now: Date, clock: LocalClock, weekStart: BestHoursWeekStart) -> DateRange {
        let today = clock.local(now).day
        switch self {
        case .range(let range):
            return range
        case .lastSevenDays:
            return DateRange(start: today.adding(days: -7), end: today.adding(days: -1))
        case .lastWeek:
            let firstWeekday = weekStart == .monday ? 1 : 7  // ISO weekday of the week's first day
            let sinceStart = (today.isoWeekday - firstWeekday + 7) % 7
            let thisWeekStart = today.adding(days: -sinceStart)
            return DateRange(start: thisWeekStart.adding(days: -7), end: thisWeekStart.adding(days: -1))
        case .lastMonth:
            let year = today.month == 1 ? today.year - 1 : today.year
            let month = today.month == 1 ? 12 : today.month - 1
            return DateRange(start: CalendarDay(year: year, month: month, day: 1)!,
                             end: CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))!)
        case .monthToDate:
            return DateRange(start: CalendarDay(year: today.year, month: today.month, day: 1)!, end: today)
        }
    }

    /// Parses `--now`: `YYYY-MM-DD` (noon that day in `clock`'s zone) or an ISO 8601 instant.
    public static func instant(_ text: String, clock: LocalClock) throws(ConfigError) -> Date {
        if let day = CalendarDay(iso: text) { return clock.startOfDay(day).addingTimeInterval(12 * 3600) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        throw ConfigError(file: "--now", message: "\"\(text)\" is not a date (expected YYYY-MM-DD or 2025-11-24T08:00:00Z)")
    }
}
