import Foundation

/// Converts UTC instants to local wall-clock fields in one IANA time zone, DST included.
///
/// Analysis receives a `LocalClock` as a value instead of reading the system zone.
/// Conversion is integer arithmetic around one offset lookup, so a million posts stay cheap.
public struct LocalClock: Sendable {
    /// The zone, e.g. `America/New_York`.
    public let timeZone: TimeZone

    /// Creates a clock for a zone identifier; `nil` when the identifier is unknown.
    public init?(identifier: String) {
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.timeZone = tz
    }

    /// Creates a clock for `timeZone`.
    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// The zone's name for people: the IANA identifier, with Foundation's `GMT` for UTC shown as `UTC`.
    public var zoneName: String {
        let id = timeZone.identifier
        return id == "GMT" ? "UTC" : id
    }

    /// UTC.
    public static let utc = LocalClock(timeZone: TimeZone(identifier: "UTC")!)

    /// Wall-clock fields of an instant in this zone.
    public func local(_ date: Date) -> LocalTime {
        let offset = timeZone.secondsFromGMT(for: date)
        let seconds = Int((date.timeIntervalSince1970).rounded(.down)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secOfDay = seconds - days * 86_400
        return LocalTime(day: CalendarDay(daysSinceEpoch: days), hour: secOfDay / 3600,
                         minute: (secOfDay % 3600) / 60, utcOffsetSeconds: offset)
    }

    /// The UTC instant of local midnight starting `day` (the first instant of that day when
    /// midnight does not exist because of a DST change).
    public func startOfDay(_ day: CalendarDay) -> Date {
        let naive = Double(day.daysSinceEpoch) * 86_400
        var guess = naive - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: naive)))
        let second = naive - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess)))
        guess = second
        if local(Date(timeIntervalSince1970: guess)).day < day { guess += 3600 }
        return Date(timeIntervalSince1970: guess)
    }
}

/// Local wall-clock fields of one instant.
public struct LocalTime: Sendable, Hashable {
    /// Local calendar day.
    public var day: CalendarDay
    /// Hour 0–23.
    public var hour: Int
    /// Minute 0–59.
    public var minute: Int
    /// Offset from UTC in seconds at that instant.
    public var utcOffsetSeconds: Int

    /// ISO weekday, Monday = 1 … Sunday = 7.
    public var isoWeekday: Int { day.isoWeekday }

    /// `2024-03-10 03:30`.
    public var text: String {
        "\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}
