import EngageAnalysis
import EngageModel
import Foundation
import Testing

/// Account totals, follower growth and day coverage on a handful of hand-made rows; every expected
/// value is a plain sum written out here.
@Suite struct AccountSummaryTests {
    static func row(_ day: String, impressions: Int64?, engagements: Int64?, follows: Int64? = nil, unfollows: Int64? = nil,
                    file: String = "overview.csv") -> DailyRow {
        var m = MetricValues()
        m[.impressions] = impressions
        m[.engagements] = engagements
        m[.follows] = follows
        m[.unfollows] = unfollows
        return DailyRow(day: CalendarDay(iso: day)!, metrics: m, origin: SourceLocation(file: file, line: 2))
    }

    let rows = [
        row("2025-11-01", impressions: 1_000, engagements: 30, follows: 5, unfollows: 2),
        row("2025-11-02", impressions: 3_000, engagements: 60, follows: 1, unfollows: 4),
        row("2025-11-04", impressions: 500, engagements: nil, follows: 2, unfollows: 0),  // no engagements: left out of the rate
        row("2025-10-31", impressions: 700, engagements: 7, follows: 9, unfollows: 9),
    ]
    let november = DateRange(start: CalendarDay(iso: "2025-11-01")!, end: CalendarDay(iso: "2025-11-05")!)

    @Test func totalsRateAndFollowerGrowthOverThePeriod() {
        let summary = AccountSummary(rows: rows, range: november)
        #expect(summary.days == 3)
        #expect(summary.totals[.impressions] == 4_500)
        #expect(summary.totals[.engagements] == 90)
        #expect(summary.engagementRate == 90.0 / 4_000.0, "only days carrying both counts enter the rate")
        #expect(summary.newFollows == 8)
        #expect(summary.unfollows == 6)
        #expect(summary.netFollows == 2)
    }

    @Test func noUnfollowsMeansNoNetChange() {
        let legacy = [Self.row("2025-08-01", impressions: 100, engagements: 2, follows: 3)]
        let summary = AccountSummary(rows: legacy, range: DateRange(start: CalendarDay(iso: "2025-08-01")!, end: CalendarDay(iso: "2025-08-01")!))
        #expect(summary.newFollows == 3)
        #expect(summary.netFollows == nil)
        #expect(!summary.hasFollowerGrowth)
        let empty = AccountSummary(rows: [], range: november)
        #expect(empty.days == 0 && empty.engagementRate == nil && empty.totals.presentMetrics.isEmpty)
    }

    @Test func previousPeriodComparesNetFollowsAndRate() {
        let current = AccountSummary(rows: rows, range: november)
        let previous = AccountSummary(rows: rows, range: DateRange(start: CalendarDay(iso: "2025-10-27")!, end: CalendarDay(iso: "2025-10-31")!))
        let changes = Dictionary(uniqueKeysWithValues: periodComparison(current: current, previous: previous).map { ($0.key, $0) })
        #expect(changes["net_follows"]?.current == 2 && changes["net_follows"]?.previous == 0)
        #expect(changes["impressions"]?.absoluteChange == 3_800)
        #expect(changes["engagement_rate"]?.previous == 7.0 / 700.0)
    }

    @Test func coverageCountsPostSpansAndAccountDays() {
        let day = { (iso: String, hour: Double) in Date(timeIntervalSince1970: Double(CalendarDay(iso: iso)!.daysSinceEpoch) * 86_400 + hour * 3_600) }
        let spans = [PostSpan(file: "a.csv", first: day("2025-11-10", 9), last: day("2025-11-12", 23.5))]
        let coverage = DayCoverage(spans: spans, daily: rows, clock: .utc)
        #expect(coverage.span?.description == "2025-10-31..2025-11-12")
        let uncovered = coverage.uncoveredDays(in: DateRange(start: CalendarDay(iso: "2025-11-01")!, end: CalendarDay(iso: "2025-11-12")!))
        #expect(uncovered.map(\.description) == ["2025-11-03", "2025-11-05", "2025-11-06", "2025-11-07", "2025-11-08", "2025-11-09"])
        // 23:30 UTC on Nov 12 is Nov 13 in Tokyo: the span reaches one day further there.
        let tokyo = DayCoverage(spans: spans, daily: [], clock: LocalClock(identifier: "Asia/Tokyo")!)
        #expect(tokyo.span?.description == "2025-11-10..2025-11-13")
    }
}
