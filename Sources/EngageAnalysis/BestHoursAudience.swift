import Foundation
import EngageModel

/// Hourly counts in UTC, as the Engagement API's 28hr/historical endpoints return them when grouped
/// by `engagement.day` and `engagement.hour` (summed over posts or not: the same hour may appear
/// several times and is added up).
public struct HourlySeries: Sendable, Hashable {
    /// One count of one metric in one UTC hour.
    public struct Point: Sendable, Hashable {
        /// Start of the UTC hour (e.g. day `2015-09-14` and hour key `"17"` → 2015-09-14T17:00Z).
        public var utcHour: Date
        /// The engagement type.
        public var metric: Metric
        /// The count.
        public var value: Int64
        /// Creates a point.
        public init(utcHour: Date, metric: Metric, value: Int64) {
            self.utcHour = utcHour; self.metric = metric; self.value = value
        }
    }

    /// The points, in any order.
    public var points: [Point]

    /// Creates a series.
    public init(points: [Point] = []) { self.points = points }
}

/// When the audience engages: shares of engagements and impressions by local hour and weekday.
///
/// Each local hour (and weekday) bucket's total is divided by the number of clock hours of the
/// series' span that fall in it (first to last hour present), so that a window covering some hours
/// twice, as a 28-hour window does, does not favour them; the per-hour averages are then normalised
/// to shares summing to 1. A share is `nil` when the series has none of that metric.
public struct AudienceActivity: Sendable, Hashable, Codable {
    /// One bucket's shares.
    public struct Share: Sendable, Hashable, Codable {
        /// Share of engagements (0–1), `nil` without engagement counts.
        public var engagements: Double?
        /// Share of impressions (0–1), `nil` without impression counts.
        public var impressions: Double?
    }
    /// Shares by local hour 0–23.
    public var byHour: [Share]
    /// Shares by weekday in ISO order (Monday first).
    public var byWeekday: [Share]
    /// The three consecutive hours (wrapping past midnight) with the largest engagement share,
    /// or impression share when there are no engagement counts: first hour and summed share.
    public var peakStartHour: Int?
    /// Summed share of the peak window.
    public var peakShare: Double?

    /// Computes the shares of `series` in the zone of `clock`; `nil` when the series is empty.
    public init?(_ series: HourlySeries, on clock: LocalClock) {
        guard let first = series.points.map(\.utcHour).min(), let last = series.points.map(\.utcHour).max() else {
            return nil
        }
        var hourCoverage = [Double](repeating: 0, count: 24), dayCoverage = [Double](repeating: 0, count: 7)
        var t = (first.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let end = (last.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        while t <= end {
            let slot = BestHoursSlot(of: Date(timeIntervalSince1970: t), on: clock)
            hourCoverage[slot.hour!] += 1
            dayCoverage[slot.weekday!.rawValue - 1] += 1
            t += 3600
        }
        func shares(_ metric: Metric) -> (hour: [Double?], day: [Double?]) {
            var h = [Double](repeating: 0, count: 24), d = [Double](repeating: 0, count: 7)
            var any = false
            for p in series.points where p.metric == metric {
                any = true
                let slot = BestHoursSlot(of: p.utcHour, on: clock)
                h[slot.hour!] += Double(p.value)
                d[slot.weekday!.rawValue - 1] += Double(p.value)
            }
            guard any else { return ([Double?](repeating: nil, count: 24), [Double?](repeating: nil, count: 7)) }
            func normalise(_ v: [Double], _ cover: [Double]) -> [Double?] {
                let avg = zip(v, cover).map { $1 > 0 ? $0 / $1 : 0 }
                let total = avg.reduce(0, +)
                return avg.map { total > 0 ? $0 / total : nil }
            }
            return (normalise(h, hourCoverage), normalise(d, dayCoverage))
        }
        let e = shares(.engagements), i = shares(.impressions)
        byHour = (0..<24).map { Share(engagements: e.hour[$0], impressions: i.hour[$0]) }
        byWeekday = (0..<7).map { Share(engagements: e.day[$0], impressions: i.day[$0]) }
        let lead = e.hour.contains { $0 != nil } ? e.hour : i.hour
        var best: (Int, Double)?
        for h in 0..<24 {
            let s = (0..<3).reduce(0.0) { $0 + (lead[(h + $1) % 24] ?? 0) }
            if best == nil || s > best!.1 { best = (h, s) }
        }
        if let best, best.1 > 0 { peakStartHour = best.0; peakShare = best.1 } else { peakStartHour = nil; peakShare = nil }
    }
}
