import Charts
import EngageAnalysis
import EngageModel
import Foundation

/// The report's charts as values, built once and drawn both into PNG files and into PDF pages.
struct ReportCharts {
    let report: Report

    /// A named chart with the size it is drawn at as a PNG.
    struct Entry {
        let suffix: String
        let chart: any Chart
        let width: Double
        let height: Double
    }

    /// Every chart the report has, in file order: daily, top posts, followers (with account
    /// overview exports), campaigns (when given), best hours.
    var entries: [Entry] {
        var list = [Entry(suffix: "daily", chart: daily, width: 900, height: 420),
                     Entry(suffix: "top-posts", chart: topPosts, width: 900, height: 460)]
        if let followers { list.append(Entry(suffix: "followers", chart: followers, width: 900, height: 380)) }
        if let campaigns { list.append(Entry(suffix: "campaigns", chart: campaigns, width: 900, height: 120 + 56 * Double(report.campaigns?.analysis.campaigns.count ?? 1))) }
        list.append(Entry(suffix: "best-hours", chart: bestHours, width: 1000, height: 430))
        return list
    }

    private var whenAndWhere: String { "\(report.periodText) (\(report.timeZoneName))" }

    /// The standard theme in the report's font.
    var theme: ChartTheme {
        var theme = ChartTheme.standard
        theme.fontFamily = report.options.fontFamily
        return theme
    }

    /// Impressions by day (top panel) and the engagement rate in % (bottom panel, its own axis):
    /// the account's own totals when daily or account overview rows cover the period at least as
    /// well as the per-post exports, else the posts published each day. Days no input covers break the lines.
    var daily: StackedChart {
        let days = report.range.days
        let account = Dictionary(report.accountDaily.map { ($0.day, $0.metrics) }, uniquingKeysWith: { _, b in b })
        let useAccount = report.headlineFromAccount && report.accountDaily.contains { $0.metrics.has(.impressions) }
        let impressions: [Double?], rates: [Double?]
        if useAccount {
            impressions = days.map { account[$0]?[.impressions].map(Double.init) }
            rates = days.map { day in
                guard let m = account[day], let i = m[.impressions], i > 0, let e = m[.engagements] else { return nil }
                return Double(e) / Double(i)
            }
        } else {
            impressions = report.daily.map { $0.isCovered ? Double($0.impressions) : nil }
            rates = report.daily.map { $0.isCovered ? $0.engagementRate : nil }
        }
        let categories = days.map(Self.shortDay)
        func panel(_ name: String, _ values: [Double?], _ color: UInt32, axis: LineChart.Axis) -> LineChart {
            var chart = LineChart(title: "", categories: categories, series: [.init(name: name, values: values, color: RGBColor(hex: color))],
                                  primaryAxis: axis, theme: theme)
            chart.theme.chartPadding = 0
            chart.showsLegend = false
            chart.showsPoints = days.count <= 45
            chart.minimumLeftAxisWidth = 44  // the same in both panels, so that each day sits at one x
            return chart
        }
        var subtitle = (useAccount ? "Account totals, " : "Posts published each day, ") + whenAndWhere
        let gaps = impressions.filter { $0 == nil }.count
        if gaps > 0 { subtitle += "; \(gaps) day\(gaps == 1 ? "" : "s") without data left as gaps" }
        return StackedChart(
            title: "Daily impressions and engagement rate", subtitle: subtitle,
            panels: [panel("Impressions", impressions, 0x2F6DB5, axis: .init(title: "Impressions")),
                     panel("Engagement rate", rates, 0xE07B39, axis: .init(title: "Engagement rate (%)", format: .percent(decimals: 1)))],
            weights: [3, 2], theme: theme)
    }

    /// New follows, unfollows and the net change per day, from account overview exports; `nil`
    /// without unfollows in the inputs.
    var followers: LineChart? {
        guard report.account?.hasFollowerGrowth == true else { return nil }
        let account = Dictionary(report.accountDaily.map { ($0.day, $0.metrics) }, uniquingKeysWith: { _, b in b })
        let days = report.range.days
        let net: [Double?] = days.map { day in
            guard let m = account[day], let new = m[.follows], let lost = m[.unfollows] else { return nil }
            return Double(new - lost)
        }
        var chart = LineChart(
            title: "Follower growth by day",
            subtitle: "New follows, unfollows and the net change (account overview), \(whenAndWhere)",
            categories: days.map(Self.shortDay),
            series: [
                .init(name: "New follows", values: days.map { account[$0]?[.follows].map(Double.init) }, color: RGBColor(hex: 0x1A7F37)),
                .init(name: "Unfollows", values: days.map { account[$0]?[.unfollows].map(Double.init) }, color: RGBColor(hex: 0xB42318)),
                .init(name: "Net follows", values: net, color: RGBColor(hex: 0x2F6DB5), dashed: true),
            ],
            primaryAxis: .init(title: "Accounts"), theme: theme)
        chart.showsPoints = days.count <= 45
        return chart
    }

    /// The weekly trend (PDF only): the engagement rate with its 95% interval as dashed lines
    /// (top panel) and impressions (bottom panel), one point per week; weeks without data break
    /// the lines. `nil` when the trend is off or holds fewer than two weeks of data.
    var trend: StackedChart? {
        guard let trend = report.shownTrend else { return nil }
        let categories = trend.weeks.map { Self.shortDay($0.start) }
        func panel(_ series: [LineChart.Series], axis: LineChart.Axis) -> LineChart {
            var chart = LineChart(title: "", categories: categories, series: series, primaryAxis: axis, theme: theme)
            chart.theme.chartPadding = 0
            chart.showsPoints = true
            chart.minimumLeftAxisWidth = 44  // the same in both panels, so that each week sits at one x
            return chart
        }
        let rate = panel([
            .init(name: "Engagement rate", values: trend.weeks.map { $0.rate?.rate }, color: RGBColor(hex: 0xE07B39)),
            .init(name: "95% interval, low", values: trend.weeks.map { $0.rate?.interval?.low }, color: RGBColor(hex: 0xF2B48C), dashed: true),
            .init(name: "95% interval, high", values: trend.weeks.map { $0.rate?.interval?.high }, color: RGBColor(hex: 0xF2B48C), dashed: true),
        ], axis: .init(title: "Engagement rate (%)", format: .percent(decimals: 1), includesZero: false))
        var impressions = panel([.init(name: "Impressions", values: trend.weeks.map { $0.impressions.map(Double.init) },
                                       color: RGBColor(hex: 0x2F6DB5))], axis: .init(title: "Impressions"))
        impressions.showsLegend = false
        let gaps = trend.weeks.filter { $0.kpis == nil }.count
        var subtitle = "Posts published each week (weeks from \(report.options.weekStart.rawValue.capitalized)), \(report.timeZoneName); "
            + "the dashed lines are the rate's 95% interval, the post as the unit"
        if gaps > 0 { subtitle += "; \(gaps) week\(gaps == 1 ? "" : "s") without data left as gaps" }
        return StackedChart(title: "Last \(trend.weeks.count) weeks: engagement rate and impressions", subtitle: subtitle,
                            panels: [rate, impressions], weights: [3, 2], theme: theme)
    }

    /// The top posts by engagements as horizontal bars labelled with their date and text.
    var topPosts: BarChart {
        let entries = report.topPosts.first { $0.ranking == .engagements }?.entries ?? []
        let bars = entries.map { entry in
            BarChart.Bar(label: "\(Self.shortDay(report.options.clock.local(entry.post.postedAt).day))  \(Findings.excerpt(entry.post.text, limit: 60))",
                         value: entry.value)
        }
        var chart = BarChart(title: "Top \(bars.count) posts by engagements", subtitle: whenAndWhere, bars: bars, theme: theme)
        chart.barColor = RGBColor(hex: 0x2F6DB5)
        return chart
    }

    /// Each campaign's weighted mean of post rates (what the lifts compare) with its 95% interval;
    /// the control drawn as the reference.
    var campaigns: IntervalChart? {
        guard let analysis = report.campaigns?.analysis else { return nil }
        let rateName = analysis.metric == .engagements ? "Engagement rate" : "\(analysis.metric.title) per impression"
        let items = analysis.campaigns.map { c in
            IntervalChart.Item(label: c.name + (c.name == analysis.control ? " (control)" : ""), estimate: c.weighted.mean,
                               low: c.weighted.interval?.low, high: c.weighted.interval?.high, isReference: c.name == analysis.control)
        }
        return IntervalChart(title: "\(rateName) per post by campaign (weighted)",
                             subtitle: "What the lifts compare: post rates weighted by effective impressions, 95% intervals, \(whenAndWhere)",
                             items: items, theme: theme)
    }

    /// Weekday × hour heatmap of the shrunk rates; thin slots hatched, recommended slots marked.
    var bestHours: Heatmap {
        let result = report.bestHours
        let days = BestHoursWeekday.ordered(startingOn: report.options.weekStart)
        let recommended = Set(result.recommendations.map(\.slot))
        let minimum = 5
        let cells = days.map { day in
            (0..<24).map { hour -> Heatmap.Cell in
                let cell = result.cell(weekday: day, hour: hour)
                let posts = cell?.posts ?? 0
                let marked = recommended.contains(BestHoursSlot(weekday: day, hour: hour))
                    || recommended.contains(BestHoursSlot(weekday: nil, hour: hour)) && posts > 0
                return Heatmap.Cell(value: posts > 0 ? cell?.rate : nil, isThin: posts > 0 && posts < minimum, isMarked: marked)
            }
        }
        var chart = Heatmap(title: "Best hours to post: \(result.objective.phrase) by weekday and hour",
                            subtitle: "Shrunk toward your baseline, times in \(report.timeZoneName); \(result.posts) posts",
                            rowLabels: days.map(\.shortName), columnLabels: (0..<24).map { "\($0)" }, cells: cells,
                            valueFormat: result.objective.key.hasSuffix("_per_post") ? .decimal(places: 1) : .percent)
        chart.theme = theme
        chart.midValue = result.baseline
        chart.legendTitle = "Estimated \(result.objective.phrase)"
        chart.thinLabel = "fewer than \(minimum) posts"
        chart.missingLabel = "no posts"
        chart.markLabel = "recommended"
        return chart
    }

    /// `Oct 7`.
    static func shortDay(_ day: CalendarDay) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[day.month - 1]) \(day.day)"
    }
}

/// Writes the report's charts as PNG files.
public struct ChartRenderer {
    let report: Report

    public init(report: Report) { self.report = report }

    /// Writes every chart into `directory` as `<baseName>-<chart>.png`.
    /// - Returns: the file names written: daily, top-posts, followers (with overview exports),
    ///   campaigns (with campaigns), best-hours.
    public func writePNGs(to directory: String) throws -> [String] {
        try jobs(directory: directory).map { job in
            try job.write()
            return job.name
        }
    }

    /// One job per chart, to be run on any thread (each draws into its own Cairo surface).
    public func jobs(directory: String) -> [(name: String, write: @Sendable () throws -> Void)] {
        let scale = report.options.chartScale
        return ReportCharts(report: report).entries.map { entry in
            let name = "\(report.baseName)-\(entry.suffix).png"
            let path = (directory as NSString).appendingPathComponent(name)
            let chart = entry.chart, width = entry.width, height = entry.height
            return (name, { try chart.renderPNG(path: path, width: width, height: height, scale: scale) })
        }
    }
}
