import EngageAnalysis
import EngageModel
import Foundation
import Testing

/// The weekly trend on hand-made posts and rows: week boundaries, gaps against covered weeks
/// without posts, the rate and its interval per week, follower sums. Expected values are sums
/// and the delta-method interval worked out beside each test (Python, math module).
@Suite struct WeeklyTrendTests {
    static func post(_ id: UInt64, _ iso: String, _ impressions: Int64, _ engagements: Int64, file: String) -> Post {
        var m = MetricValues()
        m[.impressions] = impressions
        m[.engagements] = engagements
        let date = ISO8601DateFormatter().date(from: iso)!
        return Post(id: id, text: "post \(id)", postedAt: date, timeSource: .timeColumn, metrics: m,
                    origin: SourceLocation(file: file, line: Int(id)))
    }

    static func row(_ day: String, follows: Int64, unfollows: Int64) -> DailyRow {
        var m = MetricValues()
        m[.follows] = follows
        m[.unfollows] = unfollows
        return DailyRow(day: CalendarDay(iso: day)!, metrics: m, origin: SourceLocation(file: "overview.csv", line: 2))
    }

    // a.csv spans 2025-10-17 – 10-30 (the week of 10-20 covered, without posts); nothing covers the
    // week of 11-03; b.csv spans 11-10 – 11-21.
    static let posts = [
        post(1, "2025-10-17T12:00:00Z", 50, 1, file: "a.csv"),
        post(2, "2025-10-28T12:00:00Z", 1_000, 20, file: "a.csv"),
        post(3, "2025-10-30T12:00:00Z", 500, 5, file: "a.csv"),
        post(4, "2025-11-10T12:00:00Z", 200, 10, file: "b.csv"),
        post(5, "2025-11-18T12:00:00Z", 300, 30, file: "b.csv"),
        post(6, "2025-11-21T12:00:00Z", 700, 7, file: "b.csv"),
    ]
    static let rows = [row("2025-11-17", follows: 5, unfollows: 2), row("2025-11-19", follows: 3, unfollows: 1)]

    static func trend(through last: String = "2025-11-23", weeks: Int = 5, weekStart: BestHoursWeekStart = .monday,
                      clock: LocalClock = .utc, posts: [Post] = posts) -> WeeklyTrend {
        WeeklyTrend(posts: posts, daily: rows, coverage: DayCoverage(spans: PostSpan.spans(of: posts), daily: rows, clock: clock),
                    through: CalendarDay(iso: last)!, weeks: weeks, weekStart: weekStart, clock: clock)
    }

    @Test func weeksEndWithThePeriodsLastWeekAndGapsAreNotZeros() {
        let weeks = Self.trend().weeks
        #expect(weeks.map(\.start.description) == ["2025-10-20", "2025-10-27", "2025-11-03", "2025-11-10", "2025-11-17"])
        #expect(weeks.map(\.posts) == [0, 2, nil, 1, 2])
        #expect(weeks.map(\.impressions) == [0, 1_500, nil, 200, 1_000])
        #expect(weeks.map(\.engagements) == [0, 25, nil, 10, 37])
        #expect(weeks[0].rate?.rate == nil && weeks[2].rate == nil)
        // A period ending mid-week still ends the trend with its own week.
        #expect(Self.trend(through: "2025-11-19").weeks.last?.start.description == "2025-11-17")
    }

    @Test func rateAndIntervalPerWeekWithThePostAsTheUnit() throws {
        let weeks = Self.trend().weeks
        // 25/1500 ± 1.959964·√(Σ(y − R·x)² / ((n − 1)·n·x̄²)) = 0.0166667, 0.0079557 … 0.0253776
        let october = try #require(weeks[1].rate)
        #expect(abs(october.rate! - 25.0 / 1_500) < 1e-15)
        #expect(abs(october.interval!.low - 0.007955715555555555) < 1e-9)
        #expect(abs(october.interval!.high - 0.025377617777777778) < 1e-9)
        // One post: a rate, no interval.
        #expect(weeks[3].rate?.rate == 0.05 && weeks[3].rate?.interval == nil)
        // 37/1000; the interval is not clipped at 0: −0.0370866 … 0.1110866
        #expect(abs(weeks[4].rate!.interval!.low - -0.0370866392) < 1e-9)
        #expect(abs(weeks[4].rate!.interval!.high - 0.1110866392) < 1e-9)
    }

    @Test func followerGrowthOnlyWhereAccountRowsExist() {
        let weeks = Self.trend().weeks
        #expect(weeks.map(\.newFollows) == [nil, nil, nil, nil, 8])
        #expect(weeks.map(\.unfollows) == [nil, nil, nil, nil, 3])
        #expect(weeks.map(\.netFollows) == [nil, nil, nil, nil, 5])
        #expect(Self.trend().weeksWithData == 4)
    }

    @Test func weeksAreLocalAndFollowTheWeekStart() {
        // Sunday 2025-11-16 23:30 in New York is Monday 04:30 UTC: a week earlier in New York.
        let late = [Self.post(9, "2025-11-17T04:30:00Z", 100, 4, file: "c.csv")]
        let newYork = LocalClock(identifier: "America/New_York")!
        #expect(Self.trend(weeks: 2, clock: .utc, posts: late).weeks.map(\.posts) == [nil, 1])
        #expect(Self.trend(weeks: 2, clock: newYork, posts: late).weeks.map(\.posts) == [1, nil])
        // Sunday weeks: 2025-11-23 is a Sunday, so the last week starts that day.
        let sunday = Self.trend(weeks: 2, weekStart: .sunday)
        #expect(sunday.weeks.map(\.start.description) == ["2025-11-16", "2025-11-23"])
        #expect(sunday.weeks.map(\.posts) == [2, nil])
    }

    @Test func noWeeksWhenTurnedOffAndSentencesSayWhatTheWeeksHold() {
        #expect(Self.trend(weeks: 0).weeks.isEmpty)
        #expect(Self.trend(weeks: 0).sentences().isEmpty)
        let sentences = Self.trend().sentences()
        #expect(sentences.count == 2)
        #expect(sentences[0].hasPrefix("Last 5 weeks (2025-10-20 – 2025-11-23, 3 with posts, 1 no per-post export covers): engagement rate 1.67%–5.00% a week, this week 3.70%"), "\(sentences[0])")
        #expect(sentences[1] == "Follower growth over the 5 weeks: +5 (8 new follows, 3 unfollows, 1 week with account rows).")
    }
}
