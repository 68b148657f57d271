import ArgumentParser
import EngageModel
import Foundation

/// `--tz`: the analyst's IANA time zone; every day, hour and weekday is bucketed in it.
struct TimeZoneOption: ParsableArguments {
    @Option(name: .customLong("tz"), help: ArgumentHelp("IANA time zone for days and hours, e.g. America/New_York.",
                                                         valueName: "ZONE"))
    var zone: String?

    /// The clock to use; UTC with a warning when no zone was given.
    func clock(warnIfMissing: Bool = true) throws -> LocalClock {
        guard let zone else {
            if warnIfMissing { Console.warning("no --tz given: days and hours are in UTC") }
            return .utc
        }
        guard let clock = LocalClock(identifier: zone) else {
            throw ValidationError("unknown time zone \"\(zone)\" (expected an IANA name such as Europe/Berlin)")
        }
        return clock
    }
}

/// `--from` / `--to`: an inclusive range of local days.
struct DateRangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First day to report (YYYY-MM-DD, local).", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("Last day to report (YYYY-MM-DD, local, inclusive).", valueName: "DATE"))
    var to: String?

    func validate() throws {
        for (flag, value) in [("--from", from), ("--to", to)] {
            if let value, CalendarDay(iso: value) == nil {
                throw ValidationError("\(flag) \(value): not a date (expected YYYY-MM-DD)")
            }
        }
        if let f = from.flatMap({ CalendarDay(iso: $0) }), let t = to.flatMap({ CalendarDay(iso: $0) }), t < f {
            throw ValidationError("--to \(t) is before --from \(f)")
        }
    }

    var fromDay: CalendarDay? { from.flatMap { CalendarDay(iso: $0) } }
    var toDay: CalendarDay? { to.flatMap { CalendarDay(iso: $0) } }
}

/// Reproducible document dates: `SOURCE_DATE_EPOCH` when set, else `nil` (the data decides).
enum BuildEnvironment {
    static var sourceDateEpoch: Date? {
        guard let s = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let t = Int64(s) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(t))
    }
}
