import Foundation

/// Converts UTC instants to local wall-clock fields in one IANA time zone, DST included.
///
/// Analysis receives a `LocalClock` as a value instead of reading the system zone.
/// The zone's offset changes are read from Foundation once, when the clock is made, for the years
/// posts can have (2006 to 2045); converting an instant is then a binary search and integer
/// arithmetic, with no call into Foundation's time zone code (which takes a lock per call and
/// cost more than the rest of selecting a period's posts). Outside those years Foundation answers.
public struct LocalClock: Sendable {
    /// The zone, e.g. `America/New_York`.
    public let timeZone: TimeZone
    /// Offsets in force from each instant of `changes` on (seconds since 1970), ascending.
    private let offsets: OffsetTable

    /// Creates a clock for a zone identifier; `nil` when the identifier is unknown.
    public init?(identifier: String) {
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: tz)
    }

    /// Creates a clock for `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = OffsetTable(timeZone)
    }

    /// The zone's name for people: the IANA identifier, with Foundation's `GMT` for UTC shown as `UTC`.
    public var zoneName: String {
        let id = timeZone.identifier
        return id == "GMT" ? "UTC" : id
    }

    /// UTC.
    public static let utc = LocalClock(timeZone: TimeZone(identifier: "UTC")!)

    /// Seconds east of UTC in force at `date`.
    public func utcOffset(at date: Date) -> Int {
        offsets.offset(at: date.timeIntervalSince1970) ?? timeZone.secondsFromGMT(for: date)
    }

    /// Wall-clock fields of an instant in this zone.
    public func local(_ date: Date) -> LocalTime {
        let offset = utcOffset(at: date)
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
        var guess = naive - Double(utcOffset(at: Date(timeIntervalSince1970: naive)))
        let second = naive - Double(utcOffset(at: Date(timeIntervalSince1970: guess)))
        guess = second
        if local(Date(timeIntervalSince1970: guess)).day < day { guess += 3600 }
        return Date(timeIntervalSince1970: guess)
    }
}

/// A zone's UTC offsets between 2006 and 2045 as a list of changes, read once from Foundation.
private struct OffsetTable: Sendable {
    /// 2006-01-01T00:00Z: no post is older.
    static let start: Double = 1_136_073_600
    /// 2045-01-01T00:00Z.
    static let end: Double = 2_366_841_600

    /// Instants at which an offset starts (the first is `start`), ascending.
    private var changes: [Double] = []
    /// The offset starting at the matching entry of `changes`.
    private var values: [Int] = []

    init(_ zone: TimeZone) {
        var instant = Date(timeIntervalSince1970: Self.start)
        changes.append(Self.start)
        values.append(zone.secondsFromGMT(for: instant))
        while let next = zone.nextDaylightSavingTimeTransition(after: instant),
              next.timeIntervalSince1970 < Self.end, next > instant {
            instant = next
            let offset = zone.secondsFromGMT(for: next)
            if offset != values.last {
                changes.append(next.timeIntervalSince1970)
                values.append(offset)
            }
        }
    }

    /// The offset at `seconds` since 1970, or nil outside the table's years.
    func offset(at seconds: Double) -> Int? {
        guard seconds >= Self.start, seconds < Self.end else { return nil }
        // The last change at or before `seconds`.
        var low = 0, high = changes.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if changes[middle] <= seconds { low = middle } else { high = middle - 1 }
        }
        return values[low]
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
