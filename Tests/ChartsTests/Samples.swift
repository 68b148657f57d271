import Charts
import Foundation

/// Synthetic chart inputs shared by the tests (no real accounts or posts).
enum Samples {
    static let days: [String] = (0..<28).map { i in
        let month = i < 26 ? "Feb" : "Mar"
        let day = i < 26 ? i + 3 : i - 25
        return "\(month) \(day < 10 ? "0" : "")\(day)"
    }

    static var lineChart: LineChart {
        let impressions: [Double?] = (0..<28).map { (i: Int) -> Double? in
            if i == 9 { return nil }
            let wave: Double = 6_500 * sin(Double(i) / 3.0)
            return 12_000 + wave + Double((i * 7919) % 5000)
        }
        let engagements: [Double?] = (0..<28).map { (i: Int) -> Double? in
            if i == 9 { return nil }
            let wave: Double = 150 * cos(Double(i) / 4.0)
            return 380 + wave + Double((i * 104_729) % 120)
        }
        var chart = LineChart(title: "Impressions and engagements per day",
                              subtitle: "@example_account · Feb 3 – Mar 2, 2026 · times in Europe/Berlin",
                              categories: days)
        chart.series = [
            .init(name: "Impressions", values: impressions),
            .init(name: "Engagements", values: engagements, axis: .secondary),
        ]
        chart.primaryAxis = .init(title: "Impressions")
        chart.secondaryAxis = .init(title: "Engagements")
        return chart
    }

    static var rateChart: LineChart {
        var chart = LineChart(title: "Engagement rate per day", subtitle: "Feb 3 – Mar 2, 2026",
                              categories: days)
        chart.series = [
            .init(name: "Campaign A", values: (0..<28).map { 0.021 + 0.008 * sin(Double($0) / 2) }),
            .init(name: "Control", values: (0..<28).map { 0.018 + 0.004 * cos(Double($0) / 3) }, dashed: true),
        ]
        chart.primaryAxis = .init(title: "Engagement rate", format: .percent)
        return chart
    }

    static var horizontalBars: BarChart {
        var chart = BarChart(title: "Top posts by engagements", subtitle: "Feb 3 – Mar 2, 2026")
        chart.bars = [
            .init(label: "Launch thread: everything we shipped this quarter and what comes next for the team", value: 4210),
            .init(label: "Behind the scenes video", value: 2980),
            .init(label: "Poll: which feature next?", value: 2311),
            .init(label: "Customer story — a very long title that will certainly not fit in the label column", value: 1580),
            .init(label: "Weekend tip", value: 920),
            .init(label: "No data yet", value: nil),
        ]
        chart.valueFormat = .compact
        return chart
    }

    static var verticalBars: BarChart {
        var chart = BarChart(title: "Engagements by weekday", subtitle: "Feb 3 – Mar 2, 2026",
                             orientation: .vertical)
        chart.bars = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
            .enumerated().map { i, d in .init(label: d, value: Double([1200, 1850, 2400, 2100, 1700, 900, 760][i])) }
        return chart
    }

    static var intervals: IntervalChart {
        var chart = IntervalChart(title: "Engagement rate by campaign",
                                  subtitle: "95% intervals (delta method) · Feb 3 – Mar 2, 2026")
        chart.items = [
            .init(label: "Control", estimate: 0.0210, low: 0.0188, high: 0.0232, isReference: true),
            .init(label: "Spring sale", estimate: 0.0265, low: 0.0231, high: 0.0299),
            .init(label: "Video teasers", estimate: 0.0198, low: 0.0150, high: 0.0246),
            .init(label: "Founder Q&A threads with a long descriptive name", estimate: 0.0341, low: 0.0262, high: 0.0420),
            .init(label: "Too few posts", estimate: 0.0300, low: nil, high: nil),
        ]
        return chart
    }

    static var verticalIntervals: IntervalChart {
        var chart = intervals
        chart.orientation = .vertical
        return chart
    }

    static var heatmap: Heatmap {
        let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let hours = (0..<24).map { $0 < 10 ? "0\($0)" : "\($0)" }
        var cells: [[Heatmap.Cell]] = []
        for r in 0..<7 {
            cells.append((0..<24).map { h in
                if h < 6 && r > 4 { return Heatmap.Cell(value: nil) }
                let bump: Double = 0.02 * exp(-pow(Double(h) - 13, 2) / 18)
                let base: Double = 0.012 + bump + 0.004 * Double(r % 3)
                return Heatmap.Cell(value: base, isThin: h < 7 || h > 22,
                                    isMarked: (r == 2 && h == 13) || (r == 1 && h == 12) || (r == 3 && h == 14))
            })
        }
        var chart = Heatmap(title: "Engagement rate by weekday and hour",
                            subtitle: "Local time (Europe/Berlin) · Feb 3 – Mar 2, 2026",
                            rowLabels: weekdays, columnLabels: hours, cells: cells)
        chart.legendTitle = "Engagement rate"
        return chart
    }
}
