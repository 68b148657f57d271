import EngageAnalysis
import EngageModel
import Foundation

/// The report's figures as one JSON document, for pipelines that post numbers elsewhere:
/// printed by `engage report --json` and written as `report.json` with `--formats …,json`.
///
/// The field names are stable (a test pins them); a figure that is undefined or absent is `null`,
/// never left out, so a reader can rely on every key being there. Keys are sorted, so the same
/// inputs give the same bytes. Documented in the README ("The report as JSON").
public struct ReportDocument: Encodable {
    /// Schema version; raised only when a field changes meaning or is removed.
    public static let schemaVersion = 1

    let report: Report
    let files: [String]

    /// - Parameter files: the names of the files the run writes, relative to the output folder.
    public init(report: Report, files: [String]) {
        self.report = report
        self.files = files
    }

    /// Pretty, key-sorted JSON ending in a newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    private enum Key: String, CodingKey {
        case schema, generator, period, handle, posts, account, previous, uncoveredDays = "uncovered_days"
        case dataIssues = "data_issues", findings, files, trend
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(Self.schemaVersion, forKey: .schema)
        try c.encode(report.options.generator, forKey: .generator)
        try c.encode(Period(range: report.range, tz: report.timeZoneName), forKey: .period)
        try c.encode(report.handle, forKey: .handle)
        try c.encode(Posts(report.kpis), forKey: .posts)
        try c.encode(report.account.map(Account.init), forKey: .account)
        let previous = report.previousRange.map { range in
            Previous(period: Period(range: range, tz: report.timeZoneName), posts: report.draft.previousKPIs.map(Posts.init),
                     account: report.draft.previousAccount.map(Account.init))
        }
        try c.encode(previous, forKey: .previous)
        try c.encode(report.uncoveredDays.count, forKey: .uncoveredDays)
        try c.encode(report.trend.map { $0.weeks.map(TrendWeek.init) }, forKey: .trend)
        try c.encode(Issues(report.issues), forKey: .dataIssues)
        try c.encode(report.findings, forKey: .findings)
        try c.encode(files, forKey: .files)
    }

    /// `{start, end, tz, days}`.
    struct Period: Encodable {
        let range: DateRange
        let tz: String
        private enum Key: String, CodingKey { case start, end, tz, days }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(range.start.description, forKey: .start)
            try c.encode(range.end.description, forKey: .end)
            try c.encode(tz, forKey: .tz)
            try c.encode(range.dayCount, forKey: .days)
        }
    }

    /// The counts every totals object carries, `null` when absent.
    static let countedMetrics: [Metric] = [.likes, .reposts, .replies, .quotes, .bookmarks, .shares, .userProfileClicks,
                                           .urlClicks, .follows, .videoViews, .mediaViews]

    /// The posts published in a period: count, totals and the engagement rate with its 95% interval.
    struct Posts: Encodable {
        let kpis: KPISummary
        init(_ kpis: KPISummary) { self.kpis = kpis }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(kpis.posts, forKey: AnyKey("count"))
            try c.encode(kpis.totals[.impressions], forKey: AnyKey("impressions"))
            try c.encode(kpis.totals[.engagements], forKey: AnyKey("engagements"))
            try c.encode(kpis.engagementRate.rate, forKey: AnyKey("rate"))
            try c.encode(kpis.engagementRate.interval?.low, forKey: AnyKey("rate_ci_low"))
            try c.encode(kpis.engagementRate.interval?.high, forKey: AnyKey("rate_ci_high"))
            for metric in ReportDocument.countedMetrics { try c.encode(kpis.totals[metric], forKey: AnyKey(metric.key)) }
        }
    }

    /// The account's own totals from daily or account overview rows.
    struct Account: Encodable {
        let summary: AccountSummary
        init(_ summary: AccountSummary) { self.summary = summary }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            let totals = summary.totals
            try c.encode(summary.days, forKey: AnyKey("days"))
            try c.encode(totals[.impressions], forKey: AnyKey("impressions"))
            try c.encode(totals[.engagements], forKey: AnyKey("engagements"))
            try c.encode(summary.engagementRate, forKey: AnyKey("rate"))
            for metric in ReportDocument.countedMetrics where metric != .follows { try c.encode(totals[metric], forKey: AnyKey(metric.key)) }
            try c.encode(totals[.postsPublished], forKey: AnyKey("posts_published"))
            try c.encode(summary.newFollows, forKey: AnyKey("new_follows"))
            try c.encode(summary.unfollows, forKey: AnyKey("unfollows"))
            try c.encode(summary.netFollows, forKey: AnyKey("net_follows"))
        }
    }

    /// The previous period of equal length: `{period, posts, account}`, each `null` where not compared.
    struct Previous: Encodable {
        let period: Period
        let posts: Posts?
        let account: Account?
        private enum Key: String, CodingKey { case period, posts, account }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(period, forKey: .period)
            try c.encode(posts, forKey: .posts)
            try c.encode(account, forKey: .account)
        }
    }

    /// One week of the trend: `{week_start, posts, impressions, engagements, engagement_rate,
    /// ci_low, ci_high, new_follows, unfollows, net_follows}`, `null` where the inputs have no data.
    struct TrendWeek: Encodable {
        let week: WeeklyTrend.Week
        init(_ week: WeeklyTrend.Week) { self.week = week }
        private enum Key: String, CodingKey {
            case weekStart = "week_start", posts, impressions, engagements, engagementRate = "engagement_rate"
            case ciLow = "ci_low", ciHigh = "ci_high", newFollows = "new_follows", unfollows, netFollows = "net_follows"
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(week.start.description, forKey: .weekStart)
            try c.encode(week.posts, forKey: .posts)
            try c.encode(week.impressions, forKey: .impressions)
            try c.encode(week.engagements, forKey: .engagements)
            try c.encode(week.rate?.rate, forKey: .engagementRate)
            try c.encode(week.rate?.interval?.low, forKey: .ciLow)
            try c.encode(week.rate?.interval?.high, forKey: .ciHigh)
            try c.encode(week.newFollows, forKey: .newFollows)
            try c.encode(week.unfollows, forKey: .unfollows)
            try c.encode(week.netFollows, forKey: .netFollows)
        }
    }

    /// `{count, by_kind: {skipped_row, warning, merged, outside_period}}`.
    struct Issues: Encodable {
        let issues: [DataIssue]
        init(_ issues: [DataIssue]) { self.issues = issues }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(issues.count, forKey: AnyKey("count"))
            var kinds: [String: Int] = [:]
            for kind in [DataIssue.Kind.skippedRow, .warning, .merged, .outsidePeriod] {
                kinds[kind.rawValue.replacingOccurrences(of: " ", with: "_")] = issues.filter { $0.kind == kind }.count
            }
            try c.encode(kinds, forKey: AnyKey("by_kind"))
        }
    }

    /// A key spelled at run time (metric keys).
    struct AnyKey: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
