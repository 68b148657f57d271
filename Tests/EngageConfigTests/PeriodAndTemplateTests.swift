import EngageAnalysis
import EngageModel
import Foundation
import Testing
@testable import EngageConfig

/// Periods evaluated against a pinned "today", and the report templates.
@Suite struct PeriodExpressionTests {
    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }
    static let newYork = LocalClock(identifier: "America/New_York")!

    @Test(arguments: [
        // (expression, now, zone, week start, first, last)
        ("last-week", "2021-01-04T15:00:00Z", "UTC", "monday", "2020-12-28", "2021-01-03"),        // ISO week 53 of 2020
        ("last-week", "2026-11-24T12:00:00Z", "UTC", "monday", "2026-11-16", "2026-11-22"),
        ("last-week", "2026-11-24T12:00:00Z", "UTC", "sunday", "2026-11-15", "2026-11-21"),
        ("last-week", "2024-11-04T03:30:00Z", "America/New_York", "monday", "2024-10-21", "2024-10-27"), // still Sunday Nov 3 in NY (DST just ended): this week is not over
        ("last-7-days", "2024-03-11T12:00:00Z", "America/New_York", "monday", "2024-03-04", "2024-03-10"),
        ("last-month", "2024-03-31T12:00:00Z", "UTC", "monday", "2024-02-01", "2024-02-29"),
        ("last-month", "2025-01-15T12:00:00Z", "UTC", "monday", "2024-12-01", "2024-12-31"),
        ("month-to-date", "2025-11-01T12:00:00Z", "UTC", "monday", "2025-11-01", "2025-11-01"),
        ("2025-10-01..2025-10-31", "2026-01-01T00:00:00Z", "UTC", "monday", "2025-10-01", "2025-10-31"),
    ])
    func evaluates(expression: String, now: String, zone: String, weekStart: String, first: String, last: String) throws {
        let period = try PeriodExpression.parse(expression)
        let instant = try #require(ISO8601DateFormatter().date(from: now))
        let range = period.range(now: instant, clock: LocalClock(identifier: zone)!, weekStart: BestHoursWeekStart(rawValue: weekStart)!)
        #expect(range == DateRange(start: Self.day(first), end: Self.day(last)))
    }

    @Test func todayIsLocal() throws {
        // 02:00 UTC on the 1st is still the 31st in New York: month-to-date is then October.
        let instant = try #require(ISO8601DateFormatter().date(from: "2025-11-01T02:00:00Z"))
        let range = PeriodExpression.monthToDate.range(now: instant, clock: Self.newYork, weekStart: .monday)
        #expect(range == DateRange(start: Self.day("2025-10-01"), end: Self.day("2025-10-31")))
        #expect(try PeriodExpression.instant("2025-11-19", clock: Self.newYork) == ISO8601DateFormatter().date(from: "2025-11-19T17:00:00Z"))
    }

    @Test(arguments: ["last-fortnight", "2025-10-31..2025-10-01", "2025-13-01..2025-12-01", ""])
    func rejects(expression: String) {
        #expect(throws: ConfigError.self) { try PeriodExpression.parse(expression) }
    }
}

@Suite struct ReportTemplateTests {
    @Test(arguments: ["weekly", "monthly", "campaign-review"])
    func builtInsLoadAndMatchTheCopiesUsersEdit(name: String) throws {
        let template = try ReportTemplate.load(name)
        #expect(template.title != nil && template.sections != nil && template.outputs != nil)
        let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appending(path: "templates/\(name).yaml").path
        #expect(try ReportTemplate.load(file).sections == template.sections)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == String(decoding: ReportTemplate.builtIn[name]!, as: UTF8.self))
    }

    @Test func fontNamesThePrimaryFamily() throws {
        #expect(try ReportTemplate.load("weekly").font == "DejaVu Sans")
        #expect(try ReportTemplate.parse(yaml: "font: Noto Sans\n", path: "mine.yaml", name: "mine").font == "Noto Sans")
        #expect(try ReportTemplate.parse(yaml: "title: x\n", path: "mine.yaml", name: "mine").font == nil)
    }

    @Test func trendAndBestHoursWindowsInWeeks() throws {
        let weekly = try ReportTemplate.load("weekly"), monthly = try ReportTemplate.load("monthly")
        #expect(weekly.trendWeeks == 12 && weekly.hoursWindowWeeks == 16)
        #expect(monthly.trendWeeks == 26 && monthly.hoursWindowWeeks == 16)
        let off = try ReportTemplate.parse(yaml: "trend_weeks: 0\nhours_window: 0\n", path: "mine.yaml", name: "mine")
        #expect(off.trendWeeks == 0 && off.hoursWindowWeeks == 0)
        #expect(try ReportTemplate.load("campaign-review").trendWeeks == nil)
    }

    @Test func storeIsResolvedAgainstTheTemplatesFolderLikeABatchJobs() throws {
        let relative = try ReportTemplate.parse(yaml: "store: stores/acme.sqlite\n", path: "/srv/reports/acme-weekly.yaml", name: "acme-weekly")
        #expect(relative.store == "/srv/reports/stores/acme.sqlite")
        let absolute = try ReportTemplate.parse(yaml: "store: /var/lib/engage/acme.sqlite\n", path: "/srv/reports/acme-weekly.yaml", name: "acme-weekly")
        #expect(absolute.store == "/var/lib/engage/acme.sqlite")
        // The same folder rule as a batch file's `store:`.
        let job = try BatchFile.parse(yaml: "jobs:\n  - name: acme\n    store: stores/acme.sqlite\n", path: "/srv/reports/jobs.yaml")
        #expect(job.first?.store == relative.store)
        #expect(try ReportTemplate.load("weekly").store == nil)
        #expect(relative != absolute)
    }

    @Test func weeklyAndMonthlyPeriods() throws {
        #expect(try ReportTemplate.load("weekly").period == .lastWeek)
        #expect(try ReportTemplate.load("monthly").period == .lastMonth)
        #expect(try ReportTemplate.load("campaign-review").period == nil)
    }

    @Test(arguments: [
        ("title: x\nperiod: fortnightly\n", 2, "period"),
        ("title: x\n\nsections: [summary, charts]\n", 3, "sections"),
        ("title: x\npaper: a3\n", 2, "paper"),
        ("title: x\ntop_n: many\n", 2, "top_n"),
        ("title: x\ntz: Mars/Base\n", 2, "tz"),
        ("title: x\nweek_start: friday\n", 2, "week_start"),
        ("title: x\ntrend_weeks: -1\n", 2, "trend_weeks"),
        ("title: x\n\nhours_window: a quarter\n", 3, "hours_window"),
        ("title: x\nfont: \"  \"\n", 2, "font"),
        ("title: x\nlogo_size: 3\n", 2, "logo_size"),
        ("title: x\n\nstore: \"\"\n", 3, "store"),
        ("title: x\nstore: [a.sqlite, b.sqlite]\n", 2, "store"),
    ] as [(String, Int, String)])
    func errorsNameLineAndKey(yaml: String, line: Int, key: String) {
        #expect {
            try ReportTemplate.parse(yaml: yaml, path: "mine.yaml", name: "mine")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.file == "mine.yaml" && error.line == line && error.key == key
        }
    }
}
