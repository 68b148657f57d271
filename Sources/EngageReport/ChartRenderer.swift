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

    /// Every chart the report has, in file order: daily, top posts, campaigns (when given), best hours.
    var entries: [Entry] {
        var list = [Entry(suffix: "daily", chart: daily, width: 900, height: 420),
                     Entry(suffix: "top-posts", chart: topPosts, width: 900, height: 460)]
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

    /// Impressions (left axis) and engagements (right axis) of the posts published each day.
    var daily: LineChart {
        var chart = LineChart(
            title: "Daily impressions and engagements",
            subtitle: "Posts published each day, \(whenAndWhere)",
            categories: report.daily.map { Self.shortDay($0.day) },
            series: [
                .init(name: "Impressions", values: report.daily.map { Double($0.impressions) }, color: RGBColor(hex: 0x2F6DB5)),
                .init(name: "Engagements", values: report.daily.map { Double($0.engagements) }, color: RGBColor(hex: 0xE07B39), axis: .secondary),
            ],
            primaryAxis: .init(title: "Impressions"), secondaryAxis: .init(title: "Engagements"), theme: theme)
        chart.showsPoints = report.daily.count <= 45
        return chart
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

    /// Each campaign's rate with its 95% interval; the control drawn as the reference.
    var campaigns: IntervalChart? {
        guard let analysis = report.campaigns?.analysis else { return nil }
        let rateName = analysis.metric == .engagements ? "Engagement rate" : "\(analysis.metric.title) per impression"
        let items = analysis.campaigns.map { c in
            IntervalChart.Item(label: c.name + (c.name == analysis.control ? " (control)" : ""), estimate: c.estimate.rate,
                               low: c.estimate.interval?.low, high: c.estimate.interval?.high, isReference: c.name == analysis.control)
        }
        return IntervalChart(title: "\(rateName) by campaign",
                             subtitle: "95% intervals with the post as the unit, \(whenAndWhere)", items: items, theme: theme)
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
    /// - Returns: the file names written: daily, top-posts, campaigns (with campaigns), best-hours.
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
