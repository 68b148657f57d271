import ArgumentParser
import EngageAnalysis
import EngageModel
import Foundation

/// `--tz`: the analyst's IANA time zone; every day, hour and weekday is bucketed in it.
struct TimeZoneOption: ParsableArguments {
    @Option(name: .customLong("tz"), help: ArgumentHelp("IANA time zone for days and hours, e.g. America/New_York.",
                                                         valueName: "ZONE"))
    var zone: String?

    func validate() throws {
        if let zone, LocalClock(identifier: zone) == nil { throw ValidationError(Self.unknownZoneMessage(zone)) }
    }

    /// The clock to use; UTC with a warning when no zone was given.
    func clock(warnIfMissing: Bool = true) throws -> LocalClock {
        guard let zone else {
            if warnIfMissing { Console.warning("no --tz given: days and hours are in UTC") }
            return .utc
        }
        guard let clock = LocalClock(identifier: zone) else { throw ValidationError(Self.unknownZoneMessage(zone)) }
        return clock
    }

    /// `--tz Europe/Berln: unknown time zone 'Europe/Berln' (did you mean Europe/Berlin?)`.
    static func unknownZoneMessage(_ zone: String) -> String {
        let suggestion = nearestZone(to: zone).map { "did you mean \($0)?" } ?? "expected an IANA name such as Europe/Berlin"
        return "--tz \(zone): unknown time zone '\(zone)' (\(suggestion))"
    }

    /// The known zone closest to `text` by edit distance, ignoring case, over whole names and
    /// their city part (`berlin` → `Europe/Berlin`); nil when none is close.
    static func nearestZone(to text: String) -> String? {
        let wanted = Array(text.lowercased().replacingOccurrences(of: " ", with: "_"))
        var best: (name: String, distance: Int)?
        for name in TimeZone.knownTimeZoneIdentifiers.sorted() {
            let lower = name.lowercased()
            let city = lower.split(separator: "/").last.map(String.init) ?? lower
            let distance = min(editDistance(wanted, Array(lower)), editDistance(wanted, Array(city)))
            if distance < (best?.distance ?? .max) { best = (name, distance) }
        }
        guard let best, best.distance <= max(2, wanted.count / 4) else { return nil }
        return best.name
    }

    /// Levenshtein distance between two character arrays.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
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

/// `--campaigns`, `--campaign-by` and `--control`: how posts are grouped into campaigns and which
/// one the others are compared against (`report` and `compare`).
struct CampaignOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Campaign definitions: YAML rules or a post_id,campaign CSV.", valueName: "FILE"))
    var campaigns: String?

    @Option(name: .customLong("campaign-by"), help: ArgumentHelp("Group posts into campaigns automatically: hashtag.", valueName: "RULE"))
    var campaignBy: String?

    @Option(help: ArgumentHelp("Campaign to compare the others against (default: the one with control: true, else the first).", valueName: "NAME"))
    var control: String?

    func validate() throws {
        if campaigns != nil && campaignBy != nil { throw ValidationError("use either --campaigns or --campaign-by, not both") }
        if let campaignBy, campaignBy != "hashtag" { throw ValidationError("--campaign-by \(campaignBy): the only rule is hashtag") }
    }

    /// Whether campaigns were asked for at all.
    var given: Bool { campaigns != nil || campaignBy != nil }

    /// The definitions of `--campaigns`, read; empty without it.
    func definitions() throws -> [CampaignDefinition] {
        try campaigns.map(InputLoading.campaigns) ?? []
    }
}

/// `--metric`: the events per impression to compare (`report`, `compare`, `hours`).
struct MetricOption: ParsableArguments {
    @Option(help: ArgumentHelp("Events per impression: engagement_rate, url_clicks, video_views, media_engagements, follows, likes, reposts, replies.", valueName: "M"))
    var metric = "engagement_rate"
}

/// `--week-start`: the first day of weekday tables and heatmaps (`report`, `hours`).
struct WeekStartOption: ParsableArguments {
    @Option(name: .customLong("week-start"), help: ArgumentHelp("First day of the week: monday (default) or sunday.", valueName: "DAY"))
    var weekStart: String?

    func validate() throws {
        if let weekStart, BestHoursWeekStart(rawValue: weekStart.lowercased()) == nil {
            throw ValidationError("--week-start \(weekStart): expected monday or sunday")
        }
    }

    /// The day given, if any.
    var day: BestHoursWeekStart? { weekStart.flatMap { BestHoursWeekStart(rawValue: $0.lowercased()) } }
}
