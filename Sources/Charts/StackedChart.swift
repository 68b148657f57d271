import Foundation

/// Several charts stacked under one title, each in its own panel with its own value axis, sharing
/// the width (and so the x positions when the panels have the same categories). Two quantities of
/// different units — counts and a percentage — read better in two panels than on two overlapping
/// y axes of one plot.
///
/// ```swift
/// var impressions = LineChart(title: "", categories: days, series: [.init(name: "Impressions", values: counts)])
/// impressions.primaryAxis.title = "Impressions"
/// var rate = LineChart(title: "", categories: days, series: [.init(name: "Rate", values: rates)],
///                      primaryAxis: .init(title: "Engagement rate (%)", format: .percent(decimals: 1)))
/// let chart = StackedChart(title: "Daily impressions and engagement rate", panels: [impressions, rate])
/// try chart.renderPNG(path: "daily.png")
/// ```
public struct StackedChart: Chart {
    /// Bold title over every panel.
    public var title: String
    /// Smaller line under the title. Default nil.
    public var subtitle: String?
    /// The panels, top to bottom; each is drawn without padding of its own.
    public var panels: [any Chart]
    /// Relative heights of the panels. Default nil: equal heights.
    public var weights: [Double]?
    /// Colours and fonts of the title block. Default ``ChartTheme/standard``.
    public var theme: ChartTheme

    /// A stacked chart; defaults as stated on the properties.
    public init(title: String, subtitle: String? = nil, panels: [any Chart], weights: [Double]? = nil,
                theme: ChartTheme = .standard) {
        self.title = title
        self.subtitle = subtitle
        self.panels = panels
        self.weights = weights
        self.theme = theme
    }

    public func draw(in canvas: Canvas, rect: CGRect) {
        let area = ChartLayout.drawFrame(title: title, subtitle: subtitle, theme: theme, canvas: canvas, rect: rect)
        guard !panels.isEmpty else {
            ChartLayout.drawNoData(theme: theme, canvas: canvas, rect: area)
            return
        }
        let shares = (weights?.count == panels.count ? weights! : Array(repeating: 1, count: panels.count)).map { max(0, $0) }
        let total = max(shares.reduce(0, +), .leastNonzeroMagnitude)
        let gap = 10.0
        let height = max(0, area.height - gap * Double(panels.count - 1))
        var y = area.minY
        for (panel, share) in zip(panels, shares) {
            let h = height * share / total
            panel.draw(in: canvas, rect: CGRect(x: area.minX, y: y, width: area.width, height: h))
            y += h + gap
        }
    }
}
