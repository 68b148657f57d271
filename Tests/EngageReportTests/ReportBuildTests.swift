import EngageAnalysis
import EngageIngest
import EngageModel
import Foundation
import Testing
@testable import EngageReport

/// The report model built from the samples: period, previous period, sections and names.
@Suite struct ReportBuildTests {
    @Test func samplesCoverEveryPostWithCampaignsAndBestHours() throws {
        let report = try ReportFixtures.sampleReport()
        #expect(report.handle == "northwind_roasters")
        #expect(report.baseName == "engage-northwind_roasters-\(report.range.start)_\(report.range.end)")
        #expect(report.posts.count == report.kpis.posts)
        #expect(report.posts.count > 100)
        #expect(zip(report.posts, report.posts.dropFirst()).allSatisfy { $0.postedAt <= $1.postedAt })
        #expect(report.campaigns?.analysis.campaigns.map(\.name) == ["fall-blend", "pumpkin-drop", "oat-milk-week"])
        #expect(report.bestHours.cells.count == 168)
        #expect(report.postMetrics.contains(.impressions))
        #expect(report.findings.count >= 3)
        #expect(report.findings[0].contains("posts earned"), "the posts cover more of the period than the overview")
        #expect(report.findings[1].hasPrefix("Account totals over 54 days"))
        #expect(report.timeZoneName == "America/New_York")
    }

    @Test func aRangeWithHistoryComparesWithThePreviousPeriod() throws {
        let october = DateRange(start: CalendarDay(year: 2025, month: 10, day: 1)!, end: CalendarDay(year: 2025, month: 10, day: 31)!)
        let report = try ReportFixtures.sampleReport(range: october)
        #expect(report.range == october)
        #expect(report.previousRange == october.previous)
        #expect(report.changes.contains { $0.key == "engagement_rate" })
        #expect(report.daily.count == 31)
        #expect(report.accountDaily.allSatisfy { october.contains($0.day) })
        #expect(report.findings.contains { $0.contains("posts earned") && $0.contains("previous period") })
    }

    @Test func anEmptyPeriodIsAReportThatSaysSoUnlessRefused() throws {
        let empty = DateRange(start: CalendarDay(year: 2020, month: 1, day: 1)!, end: CalendarDay(year: 2020, month: 1, day: 7)!)
        let report = try ReportFixtures.sampleReport(range: empty)
        #expect(report.posts.isEmpty)
        #expect(report.findings[0] == "No posts were published in 2020-01-01 – 2020-01-07.")
        var options = ReportOptions()
        options.range = empty
        options.failOnEmpty = true
        #expect(throws: ReportError.emptyPeriod(empty)) {
            try Report.build(dataset: Dataset(posts: [], daily: [], inputs: [], issues: [], handle: nil), options: options)
        }
    }

    @Test func bestHoursOfAWeekUseSixteenWeeksOfPosts() throws {
        let dataset = try loadDataset(paths: ReportFixtures.samplePaths)
        var options = ReportOptions()
        options.clock = LocalClock(identifier: "America/New_York")!
        let week = DateRange(start: CalendarDay(year: 2025, month: 11, day: 10)!, end: CalendarDay(year: 2025, month: 11, day: 16)!)
        options.range = week
        let report = try Report.build(dataset: dataset, options: options)
        let window = try #require(report.bestHours.window)
        #expect(window.to <= week.end && window.from >= week.end.adding(days: 1 - 7 * 16) && window.from < week.start)
        #expect(report.bestHours.posts > 4 * report.posts.count, "\(report.bestHours.posts) posts for best hours, \(report.posts.count) in the week")
        options.hoursWindowWeeks = 0
        let weekOnly = try Report.build(dataset: dataset, options: options)
        #expect(weekOnly.bestHours.posts == weekOnly.posts.count)
        #expect(weekOnly.bestHours.status == .notEnoughData || weekOnly.bestHours.recommendations.allSatisfy { $0.confidence != .likelyBetter })
    }

    /// The samples end on Sunday 2025-11-23 in New York (the overview export's last day), so the
    /// document date is the midnight that ends it there, 2025-11-24 00:00 EST = 05:00 UTC;
    /// `SOURCE_DATE_EPOCH` (documentDate) pins it.
    @Test func documentDateIsTheEndOfThePeriodUnlessPinned() throws {
        let report = try ReportFixtures.sampleReport()
        #expect(report.range.end.description == "2025-11-23")
        #expect(report.documentDate == Date(timeIntervalSince1970: 1_763_960_400))
        let pinned = Date(timeIntervalSince1970: 1_700_000_000)
        var options = report.options
        options.documentDate = pinned
        let repinned = try Report.build(dataset: try loadDataset(paths: ReportFixtures.samplePaths), options: options)
        #expect(repinned.documentDate == pinned)
    }
}
