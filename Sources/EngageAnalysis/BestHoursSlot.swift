import Foundation
import EngageModel

/// A local time slot: a weekday and an hour, either of which may be left out to pool over it
/// (hour of day pools weekdays; weekday pools hours).
public struct BestHoursSlot: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The local weekday, or `nil` when the slot pools all weekdays.
    public var weekday: BestHoursWeekday?
    /// The local hour 0–23, or `nil` when the slot pools all hours.
    public var hour: Int?

    /// Creates a slot.
    public init(weekday: BestHoursWeekday?, hour: Int?) { self.weekday = weekday; self.hour = hour }

    /// The weekday × hour slot in which `date` falls on `clock` (the zone's rules at that instant,
    /// daylight-saving time included).
    public init(of date: Date, on clock: LocalClock) {
        let t = clock.local(date)
        self.init(weekday: BestHoursWeekday(rawValue: t.isoWeekday), hour: t.hour)
    }

    /// `Tue 19h`, `19h`, `Tue`.
    public var description: String {
        switch (weekday, hour) {
        case let (w?, h?): "\(w.shortName) \(h)h"
        case let (nil, h?): "\(h)h"
        case let (w?, nil): w.shortName
        case (nil, nil): "all"
        }
    }
}

/// The grid a set of slots belongs to.
public enum BestHoursGrid: String, Sendable, Hashable, Codable, CaseIterable {
    /// 7 × 24 = 168 weekday × hour slots.
    case weekdayHour = "weekday_hour"
    /// 24 hours of the day, all weekdays pooled.
    case hour
    /// 7 weekdays, all hours pooled.
    case weekday

    /// The slots of this grid in display order.
    public func slots(weekStart: BestHoursWeekStart) -> [BestHoursSlot] {
        let days = BestHoursWeekday.ordered(startingOn: weekStart)
        switch self {
        case .weekdayHour: return days.flatMap { d in (0..<24).map { BestHoursSlot(weekday: d, hour: $0) } }
        case .hour: return (0..<24).map { BestHoursSlot(weekday: nil, hour: $0) }
        case .weekday: return days.map { BestHoursSlot(weekday: $0, hour: nil) }
        }
    }

    /// The slot of this grid that a weekday × hour slot falls in.
    func project(_ s: BestHoursSlot) -> BestHoursSlot {
        switch self {
        case .weekdayHour: s
        case .hour: BestHoursSlot(weekday: nil, hour: s.hour)
        case .weekday: BestHoursSlot(weekday: s.weekday, hour: nil)
        }
    }

    /// `weekday × hour`, `hour of day`, `weekday`.
    public var phrase: String {
        switch self {
        case .weekdayHour: "weekday × hour"
        case .hour: "hour of day"
        case .weekday: "weekday"
        }
    }
}
