import Foundation

/// Lines over categories (usually days), with an optional second value axis on the right.
///
/// ```swift
/// var chart = LineChart(title: "Daily impressions and engagements",
///                       subtitle: "Feb 3 – Mar 2, 2026",
///                       categories: ["Feb 03", "Feb 04", "Feb 05"])
/// chart.series = [
///     .init(name: "Impressions", values: [1200, 3400, 2100]),
///     .init(name: "Engagements", values: [40, 95, nil], axis: .secondary),
/// ]
/// chart.secondaryAxis = .init(title: "Engagements", format: .compact)
/// try chart.renderPNG(path: "daily.png")
/// ```
public struct LineChart: Chart {
    /// Which value axis a series is measured on.
    public enum AxisSide: Hashable, Sendable {
        /// The left axis.
        case primary
        /// The right axis (used only when ``LineChart/secondaryAxis`` is set).
        case secondary
    }

    /// One line.
    public struct Series: Hashable, Sendable {
        /// Legend name.
        public var name: String
        /// One value per category; nil leaves a gap in the line.
        public var values: [Double?]
        /// Line colour. Default nil: the theme palette colour for the series' position.
        public var color: RGBColor?
        /// Axis the series is measured on. Default `.primary`.
        public var axis: AxisSide
        /// Draw the line dashed. Default false.
        public var dashed: Bool

        /// A series; defaults as stated on the properties.
        public init(name: String, values: [Double?], color: RGBColor? = nil, axis: AxisSide = .primary,
                    dashed: Bool = false) {
            self.name = name
            self.values = values
            self.color = color
            self.axis = axis
            self.dashed = dashed
        }
    }

    /// How a value axis is labelled and scaled.
    public struct Axis: Hashable, Sendable {
        /// Short title drawn above the axis, e.g. "Impressions". Default nil.
        public var title: String?
        /// Tick label format. Default `.compact`.
        public var format: ValueFormat
        /// Start the axis at zero. Default true.
        public var includesZero: Bool

        /// An axis; defaults as stated on the properties.
        public init(title: String? = nil, format: ValueFormat = .compact, includesZero: Bool = true) {
            self.title = title
            self.format = format
            self.includesZero = includesZero
        }
    }

    /// Bold title: what the chart shows.
    public var title: String
    /// Smaller line under the title: when and for what. Default nil.
    public var subtitle: String?
    /// Category labels along the x axis, e.g. "Feb 03" (thinned automatically so they never overlap).
    public var categories: [String]
    /// The lines. Default empty.
    public var series: [Series]
    /// The left value axis. Default compact numbers from zero.
    public var primaryAxis: Axis
    /// The right value axis for `.secondary` series. Default nil (everything on the left).
    public var secondaryAxis: Axis?
    /// Show the legend. Default true when there is more than one series.
    public var showsLegend: Bool?
    /// Draw a dot on every value. Default nil: only when there are 40 categories or fewer.
    public var showsPoints: Bool?
    /// Least width kept for the left axis's labels, in points. Default 0: as wide as the widest
    /// label. Give charts stacked above each other the same value so that their x positions line up.
    public var minimumLeftAxisWidth: Double = 0
    /// Colours and fonts. Default ``ChartTheme/standard``.
    public var theme: ChartTheme

    /// A line chart; defaults as stated on the properties.
    public init(title: String, subtitle: String? = nil, categories: [String], series: [Series] = [],
                primaryAxis: Axis = Axis(), secondaryAxis: Axis? = nil, theme: ChartTheme = .standard) {
        self.title = title
        self.subtitle = subtitle
        self.categories = categories
        self.series = series
        self.primaryAxis = primaryAxis
        self.secondaryAxis = secondaryAxis
        self.theme = theme
    }

    public func draw(in canvas: Canvas, rect: CGRect) {
        var area = ChartLayout.drawFrame(title: title, subtitle: subtitle, theme: theme, canvas: canvas, rect: rect)
        guard series.contains(where: { $0.values.contains { $0?.isFinite == true } }) else {
            ChartLayout.drawNoData(theme: theme, canvas: canvas, rect: area)
            return
        }
        let twoAxes = secondaryAxis != nil && series.contains { $0.axis == .secondary }
        let isRight: (Series) -> Bool = { twoAxes && $0.axis == .secondary }

        if showsLegend ?? (series.count > 1) {
            let entries = series.enumerated().map { i, s in
                LegendEntry(label: s.name + (isRight(s) && twoAxes ? " (right axis)" : ""),
                            color: s.color ?? theme.color(at: i), marker: .line(dashed: s.dashed))
            }
            let h = ChartLayout.drawLegend(entries, theme: theme, canvas: canvas, rect: area)
            area = area.inset(top: h + 8)
        }

        let labelStyle = theme.text(size: theme.labelSize, color: theme.secondaryTextColor)
        let lm = canvas.measure("0", style: labelStyle)
        let hasAxisTitles = primaryAxis.title != nil || (twoAxes && secondaryAxis?.title != nil)
        if hasAxisTitles { area = area.inset(top: lm.lineHeight + 4) }
        let bottomSpace = lm.lineHeight + 8
        let plotHeight = max(10, area.height - bottomSpace)
        let maxTicks = max(2, min(7, Int(plotHeight / (lm.lineHeight * 2.2)) + 1))

        func values(_ right: Bool) -> [Double] {
            series.filter { isRight($0) == right }.flatMap { $0.values.compactMap { $0 }.filter(\.isFinite) }
        }
        let leftValues = values(false)
        let leftScale = AxisScale(dataMin: leftValues.min() ?? 0, dataMax: leftValues.max() ?? 0,
                                  maxTicks: maxTicks, includeZero: primaryAxis.includesZero)
        let tickCount = leftScale.ticks.count
        var rightScale: AxisScale?
        if twoAxes, let axis = secondaryAxis {
            rightScale = Self.alignedScale(values(true), intervals: tickCount - 1, includeZero: axis.includesZero)
        }

        let leftLabels = leftScale.ticks.map { primaryAxis.format.string($0, step: leftScale.step) }
        let rightLabels = rightScale.map { s in s.ticks.map { secondaryAxis!.format.string($0, step: s.step) } } ?? []
        let leftWidth = max(minimumLeftAxisWidth, (leftLabels.map { canvas.width(of: $0, style: labelStyle) }.max() ?? 0) + 8)
        let rightWidth = rightLabels.isEmpty ? 0 : (rightLabels.map { canvas.width(of: $0, style: labelStyle) }.max() ?? 0) + 8

        // Category labels may stick out half their width beyond the first and last points.
        let catWidths = categories.map { canvas.width(of: $0, style: labelStyle) }
        let edge = min(60, ((catWidths.first ?? 0) / 2))
        let plot = CGRect(x: area.minX + max(leftWidth, edge), y: area.minY,
                          width: max(10, area.width - max(leftWidth, edge) - max(rightWidth, min(60, (catWidths.last ?? 0) / 2))),
                          height: plotHeight)

        // Axis titles above the axes.
        let titleStyle = theme.text(size: theme.labelSize, weight: .bold, color: theme.secondaryTextColor)
        if let t = primaryAxis.title {
            canvas.drawText(t, at: CGPoint(x: area.minX, y: plot.minY - lm.lineHeight + 2), style: titleStyle,
                            maxWidth: plot.width / 2)
        }
        if twoAxes, let t = secondaryAxis?.title {
            canvas.drawText(t, at: CGPoint(x: area.maxX, y: plot.minY - lm.lineHeight + 2), style: titleStyle,
                            alignment: .right, maxWidth: plot.width / 2)
        }

        // Grid and tick labels.
        let textOffset = (lm.ascent - lm.descent) / 2
        for (i, tick) in leftScale.ticks.enumerated() {
            let y = leftScale.position(of: tick, from: plot.maxY, to: plot.minY)
            canvas.line(from: CGPoint(x: plot.minX, y: y), to: CGPoint(x: plot.maxX, y: y),
                        color: tick == 0 ? theme.axisColor : theme.gridColor, lineWidth: tick == 0 ? 1 : 0.7)
            canvas.drawText(leftLabels[i], at: CGPoint(x: plot.minX - 6, y: y + textOffset), style: labelStyle, alignment: .right)
        }
        if let rightScale {
            for (i, tick) in rightScale.ticks.enumerated() {
                let y = rightScale.position(of: tick, from: plot.maxY, to: plot.minY)
                canvas.drawText(rightLabels[i], at: CGPoint(x: plot.maxX + 6, y: y + textOffset), style: labelStyle)
            }
        }
        canvas.line(from: CGPoint(x: plot.minX, y: plot.maxY), to: CGPoint(x: plot.maxX, y: plot.maxY),
                    color: theme.axisColor, lineWidth: 1)

        // Category positions and thinned labels.
        let n = categories.count
        let maxCount = max(n, series.map(\.values.count).max() ?? 0)
        func x(_ i: Int) -> Double {
            maxCount <= 1 ? plot.midX : plot.minX + Double(i) / Double(maxCount - 1) * plot.width
        }
        let shown = ChartLayout.thinnedIndexes(count: n, span: plot.width, labelWidth: catWidths.max() ?? 0)
        for i in shown {
            let px = x(i)
            canvas.line(from: CGPoint(x: px, y: plot.maxY), to: CGPoint(x: px, y: plot.maxY + 4), color: theme.axisColor)
            let half = catWidths[i] / 2
            let cx = min(max(px, rect.minX + half + 2), rect.maxX - half - 2)
            canvas.drawText(categories[i], at: CGPoint(x: cx, y: plot.maxY + 6 + lm.ascent), style: labelStyle, alignment: .center)
        }

        // Lines, in order, broken at gaps.
        let dots = showsPoints ?? (maxCount <= 40)
        canvas.withClip(plot.insetBy(dx: -6, dy: -6)) {
            for (index, s) in series.enumerated() {
                let scale = isRight(s) ? (rightScale ?? leftScale) : leftScale
                let color = s.color ?? theme.color(at: index)
                var run: [CGPoint] = []
                func flush() {
                    if run.count == 1 && !dots { canvas.circle(center: run[0], radius: 2, fill: color) }
                    canvas.polyline(run, color: color, lineWidth: 2.2, dash: s.dashed ? [6, 3] : [])
                    run.removeAll()
                }
                for (i, value) in s.values.enumerated() {
                    guard let value, value.isFinite else { flush(); continue }
                    run.append(CGPoint(x: x(i), y: scale.position(of: value, from: plot.maxY, to: plot.minY)))
                }
                flush()
                if dots {
                    for (i, value) in s.values.enumerated() {
                        guard let value, value.isFinite else { continue }
                        let p = CGPoint(x: x(i), y: scale.position(of: value, from: plot.maxY, to: plot.minY))
                        canvas.circle(center: p, radius: 2.6, fill: color, stroke: theme.background, lineWidth: 1)
                    }
                }
            }
        }
    }

    /// A nice scale for the right axis with exactly `intervals` intervals, so its ticks line up
    /// with the left axis's grid lines.
    static func alignedScale(_ values: [Double], intervals: Int, includeZero: Bool) -> AxisScale {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if includeZero { low = min(low, 0); high = max(high, 0) }
        if high <= low { high = low + 1 }
        let k = Double(max(1, intervals))
        var step = AxisScale.niceStep(atLeast: (high - low) / k)
        while true {
            let lower = (low / step).rounded(.down) * step
            if lower + step * k >= high - step * 1e-9 { return AxisScale(lower: lower, upper: lower + step * k, step: step) }
            step = AxisScale.niceStep(atLeast: step * 1.0001)
        }
    }
}
