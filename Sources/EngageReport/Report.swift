import Charts
import Dispatch
import EngageAnalysis
import EngageModel
import Foundation

/// Everything a renderer needs, computed once from the inputs: the period, its posts, the
/// analyses and the issues. Renderers only read it, so the workbook, charts, PDF and summary
/// always agree with each other.
public struct Report: Sendable {
    /// The part known before the statistics: period, posts, totals, campaign membership.
    public var draft: ReportDraft
    /// Every day of `range`, with the posts published that day.
    public var daily: [DailySeries.PostDay]
    /// Account-level days (account overview exports), within `range`.
    public var accountDaily: [DailyRow]
    /// Top-post lists (impressions, engagements, rate, …).
    public var topPosts: [TopPosts.List]
    /// Campaign comparison, when campaigns were given.
    public var campaigns: CampaignSection?
    /// Best hour to post, from the posts of the period.
    public var bestHours: BestHoursResult
    /// When the audience engages, from hourly API series, when present.
    public var audience: AudienceActivity?
    /// The ``ReportOptions/trendWeeks`` weeks ending with the period's last week, from every post
    /// and account row the inputs (or the store) hold; `nil` when turned off.
    public var trend: WeeklyTrend?
    /// Every issue met while reading and analysing, in input order.
    public var issues: [DataIssue]
    /// Plain-language findings for page 1 and the email body.
    public var findings: [String]

    /// The options it was built with.
    public var options: ReportOptions {
        get { draft.options }
        set { draft.options = newValue }
    }
    /// Account handle without `@`.
    public var handle: String { draft.handle }
    /// Base file name shared by every output.
    public var baseName: String { draft.baseName }
    /// The reported days, local to `options.clock`.
    public var range: DateRange { draft.range }
    /// The previous period of equal length, when the inputs reach back far enough to compare.
    public var previousRange: DateRange? { draft.previousRange }
    /// Every input read, with its hash and row counts.
    public var inputs: [InputFile] { draft.inputs }
    /// Posts published in `range`, oldest first.
    public var posts: [Post] { draft.posts }
    /// Totals and engagement rate over `posts`.
    public var kpis: KPISummary { draft.kpis }
    /// Period-over-period changes of the posts' totals, empty without a previous period of posts.
    public var changes: [KPIChange] { draft.changes }
    /// The account's own totals from daily or account overview rows; `nil` without such inputs.
    public var account: AccountSummary? { draft.account }
    /// Period-over-period changes of the account totals.
    public var accountChanges: [KPIChange] { draft.accountChanges }
    /// Days of the period no input covers.
    public var uncoveredDays: [CalendarDay] { draft.uncoveredDays }
    /// Why the sections built from posts are empty; `nil` when the period has posts.
    public var postsAbsentReason: String? { draft.postsAbsentReason }
    /// Post metrics that carry a value in at least one post of the period, in ``Metric`` order.
    public var postMetrics: [Metric] { draft.postMetrics }
    /// Post metrics present in the inputs' columns but empty in every post (left out of the Posts sheet).
    public var omittedMetrics: [Metric] { draft.omittedMetrics }
    /// Creation date written into document metadata (pinned for byte-identical outputs).
    public var documentDate: Date { draft.documentDate }

    /// Campaign assignment and its statistics.
    public struct CampaignSection: Sendable {
        /// Which post went where.
        public var assignment: CampaignAssignment
        /// Per-campaign estimates and comparisons against the control.
        public var analysis: CampaignAnalysis
    }
}

/// Results of the two analysis tasks, each written by one task before the join.
private final class ParallelResults: @unchecked Sendable {
    var campaigns: Result<Report.CampaignSection?, ReportError>?
    var bestHours: BestHoursResult?
}

/// Why a report cannot be built from the inputs.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// No post falls in the requested period (with ``ReportOptions/failOnEmpty``), or neither a
    /// post nor an account day does (with ``ReportOptions/failOnNoData``, the default of
    /// `--period` runs).
    case emptyPeriod(DateRange)
    /// Neither a post nor an account day falls in the requested period; the inputs cover
    /// `covered` (nil when they hold no dated rows).
    case nothingInPeriod(DateRange, covered: DateRange?)
    /// The inputs hold no posts and no account days at all.
    case noData
    /// A campaign definition cannot be applied (bad regular expression, …).
    case campaigns(String)
    /// The output name pattern is malformed.
    case namePattern(String)

    public var description: String {
        switch self {
        case .emptyPeriod(let range): "no posts were published in \(range)"
        case let .nothingInPeriod(range, covered):
            "no posts and no account days in \(range.start) – \(range.end)"
                + (covered.map { " (the inputs cover \($0.start) – \($0.end))" } ?? "")
                + ": nothing written (--allow-empty writes an empty report)"
        case .noData: "the inputs contain no posts and no account days"
        case .campaigns(let message): message
        case .namePattern(let message): "--name \(message)"
        }
    }
}

/// The part of a report known before the statistics run: the period, its posts with their
/// totals and campaign membership, and the names of the outputs. ``ReportWriter`` writes the
/// workbook's Posts sheet from it while ``finish()`` runs the campaign tests and the best-hour model.
public struct ReportDraft: Sendable {
    /// The options it was built with.
    public var options: ReportOptions
    /// Account handle without `@` (from the inputs' file names or API), or `account`.
    public var handle: String
    /// Base file name shared by every output (`engage-<handle>-<start>_<end>` by default), file-system safe.
    public var baseName: String
    /// The reported days, local to `options.clock`.
    public var range: DateRange
    /// The previous period of equal length, when the inputs reach back far enough to compare.
    public var previousRange: DateRange?
    /// Every input read, with its hash and row counts.
    public var inputs: [InputFile]
    /// Posts published in `range`, oldest first.
    public var posts: [Post]
    /// Totals and engagement rate over `posts`.
    public var kpis: KPISummary
    /// The same over the posts of the previous period, when the posts reach back to it.
    public var previousKPIs: KPISummary?
    /// Period-over-period changes of the posts' totals, empty without a previous period of posts.
    public var changes: [KPIChange]
    /// The account's own totals from daily or account overview rows; `nil` without such inputs.
    public var account: AccountSummary?
    /// The same over the previous period, when the account rows reach back to it.
    public var previousAccount: AccountSummary?
    /// Period-over-period changes of the account totals, empty without a previous account period.
    public var accountChanges: [KPIChange]
    /// Which days the inputs cover.
    public var coverage: DayCoverage
    /// Days of the period no input covers: gaps, shown blank and never as zeros.
    public var uncoveredDays: [CalendarDay]
    /// One issue per file and record kind for the records outside an explicit period.
    public var outsidePeriod: [DataIssue]
    /// Post metrics that carry a value in at least one post of the period, in ``Metric`` order.
    public var postMetrics: [Metric]
    /// Post metrics present in the inputs' columns but empty in every post.
    public var omittedMetrics: [Metric]
    /// Creation date written into document metadata (pinned for byte-identical outputs).
    public var documentDate: Date
    /// Which campaign each post counts in; nil without campaigns or when no post matched one.
    public var assignment: CampaignAssignment?
    /// What ``finish()`` still needs from the dataset.
    private let dataset: Dataset

    /// The period as people write it: `2025-10-01 – 2025-10-31`.
    public var periodText: String { "\(range.start) – \(range.end)" }

    /// Why the sections built from posts (top posts, best hours, campaigns) are empty; `nil` when
    /// the period has posts.
    public var postsAbsentReason: String? {
        guard posts.isEmpty else { return nil }
        let postsCovered = coverage.postRanges.contains { $0.end >= range.start && $0.start <= range.end }
        return postsCovered || (account?.days ?? 0) == 0
            ? "No posts were published in \(periodText)."
            : "No per-post export covers \(periodText), so the sections built from posts (top posts, best hours, campaigns) are empty; the account totals come from the daily exports."
    }


    /// The time zone name shown to readers (`UTC` rather than Foundation's `GMT`).
    public var timeZoneName: String { options.clock.zoneName }

    /// Selects the period and its posts and assigns them to campaigns.
    ///
    /// The period is `options.range`, else every day the inputs cover: posts and account days
    /// alike. With an explicit period, the records outside it are counted (``outsidePeriod``).
    /// Each previous period (posts, account) is compared only when its data reaches its start.
    public init(dataset: Dataset, options: ReportOptions) throws(ReportError) {
        let clock = options.clock
        let coverage = DayCoverage(spans: dataset.postSpans, daily: dataset.daily, clock: clock)
        guard let range = options.range ?? coverage.span else { throw .noData }

        let posts = Report.chronological(dataset.posts, in: range, clock: clock)
        let account = dataset.daily.isEmpty ? nil : AccountSummary(rows: dataset.daily, range: range)
        if posts.isEmpty && (account?.days ?? 0) == 0 && options.failOnEmpty { throw .emptyPeriod(range) }
        if posts.isEmpty && (account?.days ?? 0) == 0 && options.failOnNoData {
            throw .nothingInPeriod(range, covered: coverage.span)
        }

        let kpis = KPISummary(posts: posts, range: range)
        var changes: [KPIChange] = []
        var previousKPIs: KPISummary?
        if PeriodSelection.dataCovers(range.previous, posts: dataset.posts, clock: clock) {
            let previousPosts = PeriodSelection.posts(dataset.posts, in: range.previous, clock: clock)
            if !previousPosts.isEmpty {
                let previous = KPISummary(posts: previousPosts, range: range.previous)
                previousKPIs = previous
                changes = periodComparison(current: kpis, previous: previous)
            }
        }
        var previousAccount: AccountSummary?
        var accountChanges: [KPIChange] = []
        if let account, let first = dataset.daily.first?.day, first <= range.previous.start {
            let previous = AccountSummary(rows: dataset.daily, range: range.previous)
            if previous.days > 0 {
                previousAccount = previous
                accountChanges = periodComparison(current: account, previous: previous)
            }
        }
        let handle = dataset.handle.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 } ?? "account"
        let present = kpis.totals.presentMetrics
        self.options = options
        self.handle = handle
        baseName = try FileNamePattern.expand(options.name, values: [
            "handle": handle, "start": range.start.description, "end": range.end.description,
            "period": "\(range.start)_\(range.end)", "template": options.templateName,
        ])
        self.range = range
        self.previousRange = previousKPIs != nil || previousAccount != nil ? range.previous : nil
        inputs = dataset.inputs
        self.posts = posts
        self.kpis = kpis
        self.previousKPIs = previousKPIs
        self.changes = changes
        self.account = account
        self.previousAccount = previousAccount
        self.accountChanges = accountChanges
        self.coverage = coverage
        uncoveredDays = coverage.uncoveredDays(in: range)
        // A store's history outside the period is kept there, not left out: no issue for it.
        outsidePeriod = options.range == nil || dataset.isHistory ? [] : Report.outsidePeriod(dataset, range: range, clock: clock)
        postMetrics = present
        omittedMetrics = dataset.postMetrics.filter { !present.contains($0) }
        documentDate = options.documentDate ?? clock.startOfDay(range.end.adding(days: 1))
        assignment = try Report.campaignAssignment(posts: posts, options: options)
        self.dataset = dataset
    }

    /// The posts of the best-hour analysis: those of the ``ReportOptions/hoursWindowWeeks`` weeks up
    /// to the period's end found in the inputs, or the period's own when it is longer.
    var bestHoursPosts: [Post] {
        let weeks = options.hoursWindowWeeks
        let start = range.end.adding(days: 1 - 7 * weeks)
        guard weeks > 0, start < range.start else { return posts }
        return PeriodSelection.posts(dataset.posts, in: DateRange(start: start, end: range.end), clock: options.clock)
    }

    /// Runs the statistics and returns the finished report.
    ///
    /// The campaign statistics (with their bootstrap) and the best-hour model are independent:
    /// each gets a core. Hourly counts from API responses become the audience-activity signal.
    public func finish() throws(ReportError) -> Report {
        let clock = options.clock
        let objective: BestHoursObjective = options.metric == .engagements ? .engagementRate : .perImpression(options.metric)
        let hoursPosts = bestHoursPosts
        let results = ParallelResults()
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                results.campaigns = Result { () throws(ReportError) in
                    guard let assignment else { return nil }
                    return try Report.campaignSection(assignment, options: options)
                }
            } else {
                results.bestHours = BestHours.analyze(hoursPosts, on: clock, options: BestHoursOptions(objective: objective, weekStart: options.weekStart,
                                                                                                         adjustForPostKind: options.adjustForPostKind))
            }
        }
        let campaigns = try results.campaigns!.get()
        let audience = dataset.hourly.isEmpty ? nil : AudienceActivity(
            HourlySeries(points: dataset.hourly.map { .init(utcHour: $0.hourStartUTC, metric: $0.metric, value: $0.value) }), on: clock)
        var report = Report(
            draft: self,
            daily: DailySeries.fromPosts(posts, range: range, clock: clock, covered: coverage.coversPosts),
            accountDaily: DailySeries.fromDailyRows(dataset.daily, range: range),
            topPosts: TopPosts.lists(for: posts, count: options.topCount,
                                     minimumImpressions: options.minimumImpressionsForRate),
            campaigns: campaigns, bestHours: results.bestHours!, audience: audience,
            trend: options.trendWeeks > 0 ? WeeklyTrend(posts: dataset.posts, daily: dataset.daily, coverage: coverage, through: range.end,
                                                        weeks: options.trendWeeks, weekStart: options.weekStart, clock: clock) : nil,
            issues: dataset.issues + outsidePeriod + (assignment?.issues ?? []), findings: [])
        report.findings = Findings.sentences(for: report)
        report.issues += UndrawableText.issues(in: report.topPosts, family: options.fontFamily)
        return report
    }
}

extension Report {
    /// Builds the report for `dataset` under `options`: ``ReportDraft`` and its ``ReportDraft/finish()``.
    public static func build(dataset: Dataset, options: ReportOptions) throws(ReportError) -> Report {
        try ReportDraft(dataset: dataset, options: options).finish()
    }

    /// The posts of `range`, oldest first. Sorts (time, id, index) keys rather than the posts
    /// themselves, and shares the input array when it is already the answer (no copy of a
    /// million posts).
    static func chronological(_ all: [Post], in range: DateRange, clock: LocalClock) -> [Post] {
        // The usual case, checked without keys: every post is in the period and in order already.
        let allInOrder = all.indices.allSatisfy { k in
            range.contains(clock.local(all[k].postedAt).day)
                && (k == 0 || (all[k - 1].postedAt, all[k - 1].id) <= (all[k].postedAt, all[k].id))
        }
        if allInOrder { return all }
        var keys: [(time: Date, id: UInt64, index: Int)] = []
        keys.reserveCapacity(all.count)
        for (index, post) in all.enumerated() where range.contains(clock.local(post.postedAt).day) {
            keys.append((post.postedAt, post.id, index))
        }
        if !zip(keys, keys.dropFirst()).allSatisfy({ ($0.time, $0.id) <= ($1.time, $1.id) }) {
            keys.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        }
        return keys.map { all[$0.index] }
    }

    /// Which campaign each post counts in, when campaigns were asked for and some post matched.
    static func campaignAssignment(posts: [Post], options: ReportOptions) throws(ReportError) -> CampaignAssignment? {
        guard !options.campaigns.isEmpty || options.campaignsByHashtag else { return nil }
        do {
            let assignment = options.campaignsByHashtag
                ? campaignsByHashtag(posts: posts)
                : try assignCampaigns(posts: posts, definitions: options.campaigns, clock: options.clock)
            return assignment.campaigns.isEmpty ? nil : assignment
        } catch {
            throw .campaigns(error.description)
        }
    }

    /// The statistics of an assignment: per-campaign estimates and comparisons against the control.
    static func campaignSection(_ assignment: CampaignAssignment, options: ReportOptions) throws(ReportError) -> CampaignSection {
        do {
            let analysisOptions = CampaignAnalysisOptions(metric: options.metric, controlName: options.controlCampaign)
            return CampaignSection(assignment: assignment, analysis: try analyzeCampaigns(assignment, options: analysisOptions))
        } catch {
            throw .campaigns(error.description)
        }
    }

    /// One ``DataIssue/Kind/outsidePeriod`` issue per file and record kind (posts, daily rows) and
    /// side of the period, e.g. "31 daily rows of FILE fall before the period (…)".
    static func outsidePeriod(_ dataset: Dataset, range: DateRange, clock: LocalClock) -> [DataIssue] {
        struct Key: Hashable { let file: String; let isPost: Bool; let before: Bool }
        var counts: [Key: Int] = [:]
        var order: [Key] = []
        func count(_ key: Key) {
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        for post in dataset.posts {
            let day = clock.local(post.postedAt).day
            if !range.contains(day) { count(Key(file: post.origin.file, isPost: true, before: day < range.start)) }
        }
        for row in dataset.daily where !range.contains(row.day) {
            count(Key(file: row.origin.file, isPost: false, before: row.day < range.start))
        }
        // Input order, then posts before daily rows, then before before after.
        let inputOrder = Dictionary(dataset.inputs.map(\.path).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        order.sort { a, b in
            let (x, y) = (inputOrder[a.file] ?? Int.max, inputOrder[b.file] ?? Int.max)
            if x != y { return x < y }
            if a.isPost != b.isPost { return a.isPost }
            return a.before && !b.before
        }
        return order.map { key in
            let n = counts[key]!
            let what = key.isPost ? (n == 1 ? "post" : "posts") : (n == 1 ? "daily row" : "daily rows")
            return DataIssue(.outsidePeriod, at: SourceLocation(file: key.file, line: nil),
                             reason: "\(Findings.grouped(Int64(n))) \(what) of \(key.file) \(n == 1 ? "falls" : "fall") \(key.before ? "before" : "after") the period (\(range.start) – \(range.end)) and \(n == 1 ? "is" : "are") not counted in it")
        }
    }

    /// True when the headline (PDF tiles, daily chart, first finding) shows the account totals:
    /// daily or overview rows cover at least as many days of the period as the per-post exports.
    public var headlineFromAccount: Bool {
        guard let days = draft.account?.days, days > 0 else { return false }
        return days >= range.days.filter(draft.coverage.coversPosts).count
    }

    /// The line that keeps the two kinds of totals apart.
    public static let totalsNote = "Account totals (daily and account overview exports) count everything the account received on those days, engagement with older posts included; post totals add up the lifetime counts of the posts published in the period. They count different things and are not expected to match."

    /// The trend for the PDF page and the Trend sheet: shown when at least two of its weeks hold
    /// data, since one week alone is not a trend.
    public var shownTrend: WeeklyTrend? {
        guard let trend, trend.weeksWithData >= 2 else { return nil }
        return trend
    }

    /// Why the trend has no page or sheet although it is on: the inputs hold one week at most.
    public var trendAbsentReason: String? {
        guard let trend, shownTrend == nil else { return nil }
        return "Trend: the inputs hold \(trend.weeksWithData == 0 ? "no week" : "one week") of the last \(trend.weeks.count); a history store (--store) keeps the weeks of earlier reports."
    }

    /// Issues of kind skipped row.
    public var skippedRows: [DataIssue] { issues.filter { $0.kind == .skippedRow } }

    /// The period as people write it: `2025-10-01 – 2025-10-31`.
    public var periodText: String { draft.periodText }

    /// The time zone name shown to readers (`UTC` rather than Foundation's `GMT`).
    public var timeZoneName: String { draft.timeZoneName }
}
