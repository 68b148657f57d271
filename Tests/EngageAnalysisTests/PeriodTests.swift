import EngageAnalysis
import EngageModel
import Foundation
import Testing

/// KPIs, period over period, daily series and top posts. Expected values are recomputed in the
/// test from the synthetic posts by plain sums, independently of the code under test.
@Suite struct PeriodTests {
    let posts: [Post] = [
        makePost(10, impressions: 1_000, engagements: 50, day: "2024-03-01", extra: [.likes: 20, .urlClicks: 3]),
        makePost(11, impressions: 4_000, engagements: 40, day: "2024-03-01", extra: [.likes: 10]),
        makePost(12, impressions: 50, engagements: 10, day: "2024-03-03", extra: [.likes: 5]),
        makePost(13, impressions: 0, engagements: 0, day: "2024-03-04"),
        makePost(14, impressions: 2_000, engagements: 40, day: "2024-02-27", extra: [.likes: 4]),
        makePost(15, impressions: 2_000, engagements: 80, day: "2024-02-26", hour: 23),
    ]
    let march = DateRange(start: CalendarDay(iso: "2024-03-01")!, end: CalendarDay(iso: "2024-03-04")!)

    @Test func selectionUsesLocalDays() throws {
        #expect(PeriodSelection.posts(posts, in: march, clock: .utc).map(\.id) == [10, 11, 12, 13])
        // 2024-02-26 23:00 UTC is 2024-02-27 in Tokyo; 2024-03-01 12:00 UTC is still 03-01.
        let tokyo = try #require(LocalClock(identifier: "Asia/Tokyo"))
        #expect(PeriodSelection.posts(posts, in: march.previous, clock: tokyo).map(\.id) == [14, 15])
        #expect(PeriodSelection.coveredRange(of: posts, clock: .utc)?.description == "2024-02-26..2024-03-04")
        #expect(PeriodSelection.dataCovers(march.previous, posts: posts, clock: .utc))
        let earlier = DateRange(start: CalendarDay(iso: "2024-02-20")!, end: CalendarDay(iso: "2024-02-25")!)
        #expect(PeriodSelection.dataCovers(earlier, posts: posts, clock: .utc) == false)
        #expect(PeriodSelection.dataCovers(march, posts: posts, clock: .utc))
    }

    @Test func kpisAndPeriodOverPeriod() throws {
        let current = KPISummary(posts: PeriodSelection.posts(posts, in: march, clock: .utc), range: march)
        let previous = KPISummary(posts: PeriodSelection.posts(posts, in: march.previous, clock: .utc), range: march.previous)
        #expect(current.posts == 4)
        #expect(current.totals[.impressions] == Int64(1_000 + 4_000 + 50 + 0))
        #expect(current.totals[.likes] == 35 && current.totals[.urlClicks] == 3 && current.totals[.follows] == nil)
        #expect(current.engagementRate.rate == 100.0 / 5_050.0)
        #expect(current.engagementRate.interval != nil)
        let changes = periodComparison(current: current, previous: previous)
        #expect(changes.map(\.key) == ["posts", "impressions", "engagements", "likes", "url_clicks", "engagement_rate"])
        let byKey = Dictionary(uniqueKeysWithValues: changes.map { ($0.key, $0) })
        #expect(byKey["posts"]?.absoluteChange == 2 && byKey["posts"]?.relativeChange == 1)
        #expect(byKey["impressions"]?.relativeChange == 5_050.0 / 4_000.0 - 1)
        #expect(byKey["url_clicks"]?.previous == nil && byKey["url_clicks"]?.relativeChange == nil)
        let rate = try #require(byKey["engagement_rate"])
        #expect(rate.absoluteChange == 100.0 / 5_050.0 - 120.0 / 4_000.0)
        let zero = KPIChange(key: "x", title: "X", current: 5, previous: 0)
        #expect(zero.absoluteChange == 5 && zero.relativeChange == nil)
    }

    @Test func dailySeriesHasEveryDay() {
        let days = DailySeries.fromPosts(posts, range: march, clock: .utc)
        #expect(days.map(\.day.description) == ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"])
        #expect(days.map(\.posts) == [2, 0, 1, 1])
        #expect(days.map(\.impressions) == [5_000, 0, 50, 0])
        #expect(days.map(\.engagementRate) == [90.0 / 5_000.0, nil, 10.0 / 50.0, nil])
        let rows = ["2024-03-03", "2024-02-01", "2024-03-01"].map {
            DailyRow(day: CalendarDay(iso: $0)!, metrics: MetricValues(), origin: SourceLocation(file: "daily.csv", line: 2))
        }
        #expect(DailySeries.fromDailyRows(rows, range: march).map(\.day.description) == ["2024-03-01", "2024-03-03"])
        #expect(DailySeries.fromDailyRows(rows).count == 3)
    }

    @Test func topPostsRankDeterministically() throws {
        let tied = posts + [makePost(9, impressions: 4_000, engagements: 1, day: "2024-03-02")]
        let lists = TopPosts.lists(for: tied, count: 3)
        #expect(lists.map(\.ranking) == [.impressions, .engagements, .engagementRate, .urlClicks])
        #expect(lists[0].entries.map(\.post.id) == [9, 11, 14], "ties by smaller id")
        #expect(lists[1].entries.map(\.post.id) == [15, 10, 11])
        let rate = lists[2]
        #expect(rate.minimumImpressions == 100)
        #expect(rate.entries.map(\.post.id) == [10, 15, 14], "post 12 (50 impressions) is below the threshold")
        #expect(rate.entries.first?.value == 0.05)
        #expect(lists[3].entries.map(\.post.id) == [10])
        #expect(TopPosts.lists(for: []).isEmpty)
    }
}
