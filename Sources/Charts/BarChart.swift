import Foundation

/// Bars for categories, horizontal (labels on the left, good for long names) or vertical.
///
/// ```swift
/// var chart = BarChart(title: "Top posts by engagements")
/// chart.bars = [.init(label: "Launch thread", value: 4210), .init(label: "Poll", value: 2311)]
/// try chart.renderPNG(path: "top.png")
/// ```
public struct BarChart: Chart {
    /// Direction the bars grow in.
    public enum Orientation: Hashable, Sendable {
        /// Bars grow to the right; categories are rows, labelled on the left.
        case horizontal
        /// Bars grow upwards; categories are columns, labelled below.
        case vertical
    }

    /// One bar.
    public struct Bar: Hashable, Sendable {
        /// Category label (truncated with "…" when too long).
        public var label: String
        /// The value; nil draws no bar and the label "–".
        public var value: Double?
        /// Bar colour. Default nil: the chart's ``BarChart/barColor``.
        public var color: RGBColor?
        /// Text at the end of the bar. Default nil: the value in the chart's format.
        public var valueLabel: String?

        /// A bar; defaults as stated on the properties.
        public init(label: String, value: Double?, color: RGBColor? = nil, valueLabel: String? = nil) {
            self.label = label
            self.value = value
            self.color = color
            self.valueLabel = valueLabel
        }
    }

    /// Bold title. 
    public var title: String
    /// Line under the title. Default nil.
    public var subtitle: String?
    /// Horizontal or vertical. Default `.horizontal`.
    public var orientation: Orientation
    /// The bars in drawing order (top to bottom, or left to right). Default empty.
    public var bars: [Bar]
    /// Format of value labels and axis ticks. Default `.compact`.
    public var valueFormat: ValueFormat
    /// Colour of bars that do not set their own. Default nil: the theme's first palette colour.
    public var barColor: RGBColor?
    /// Write each bar's value at its end. Default true.
    public var showsValueLabels: Bool
    /// Colours and fonts. Default ``ChartTheme/standard``.
    public var theme: ChartTheme

    /// A bar chart; defaults as stated on the properties.
    public init(title: String, subtitle: String? = nil, orientation: Orientation = .horizontal,
                bars: [Bar] = [], valueFormat: ValueFormat = .compact, theme: ChartTheme = .standard) {
        self.title = title
        self.subtitle = subtitle
        self.orientation = orientation
        self.bars = bars
        self.valueFormat = valueFormat
        self.barColor = nil
        self.showsValueLabels = true
        self.theme = theme
    }

    public func draw(in canvas: Canvas, rect: CGRect) {
        let area = ChartLayout.drawFrame(title: title, subtitle: subtitle, theme: theme, canvas: canvas, rect: rect)
        guard !bars.isEmpty else { ChartLayout.drawNoData(theme: theme, canvas: canvas, rect: area); return }
        guard area.isDrawable else { return }
        let values = bars.compactMap(\.value).filter(\.isFinite)
        let scale = AxisScale(dataMin: values.min() ?? 0, dataMax: values.max() ?? 0, maxTicks: 6, includeZero: true)
        switch orientation {
        case .horizontal: drawHorizontal(canvas: canvas, area: area, scale: scale)
        case .vertical: drawVertical(canvas: canvas, area: area, scale: scale)
        }
    }

    private func label(for bar: Bar, step: Double) -> String {
        // One precision for every label (a tenth of the tick step), so labels compare at a glance.
        bar.valueLabel ?? bar.value.flatMap { $0.isFinite ? valueFormat.string($0, step: step / 10) : nil } ?? "–"
    }

    private func drawHorizontal(canvas: Canvas, area: CGRect, scale: AxisScale) {
        let labelStyle = theme.text(size: theme.labelSize)
        let valueStyle = theme.text(size: theme.valueLabelSize, color: theme.secondaryTextColor)
        let labelColumn = min(area.width * 0.4, (bars.map { canvas.width(of: $0.label, style: labelStyle) }.max() ?? 0) + 4)
        let valueTexts = bars.map { label(for: $0, step: scale.step) }
        let valueRoom = showsValueLabels ? (valueTexts.map { canvas.width(of: $0, style: valueStyle) }.max() ?? 0) + 8 : 0
        let plot = area.inset(left: labelColumn + 8, right: valueRoom)
        guard plot.isDrawable else { return }
        let slot = plot.height / Double(bars.count)
        let thickness = min(28, slot * 0.68)
        let zeroX = scale.position(of: 0, from: plot.minX, to: plot.maxX)
        let m = canvas.measure("", style: labelStyle)
        for (i, bar) in bars.enumerated() {
            let mid = plot.minY + slot * (Double(i) + 0.5)
            canvas.drawText(bar.label, in: CGRect(x: area.minX, y: mid - slot / 2, width: labelColumn, height: slot),
                            style: labelStyle, alignment: .right)
            var end = zeroX
            if let v = bar.value, v.isFinite {
                end = scale.position(of: v, from: plot.minX, to: plot.maxX)
                let box = CGRect(x: min(zeroX, end), y: mid - thickness / 2, width: abs(end - zeroX), height: thickness)
                canvas.fill(box, color: bar.color ?? barColor ?? theme.color(at: 0))
            }
            if showsValueLabels {
                let negative = (bar.value ?? 0) < 0
                let x = negative ? min(end, zeroX) - 4 : max(end, zeroX) + 4
                canvas.drawText(valueTexts[i], at: CGPoint(x: x, y: mid + (m.ascent - m.descent) / 2),
                                style: valueStyle, alignment: negative ? .right : .left)
            }
        }
        canvas.line(from: CGPoint(x: zeroX, y: plot.minY), to: CGPoint(x: zeroX, y: plot.maxY), color: theme.axisColor)
    }

    private func drawVertical(canvas: Canvas, area: CGRect, scale: AxisScale) {
        let labelStyle = theme.text(size: theme.labelSize, color: theme.secondaryTextColor)
        let categoryStyle = theme.text(size: theme.labelSize)
        let valueStyle = theme.text(size: theme.valueLabelSize, color: theme.secondaryTextColor)
        let m = canvas.measure("", style: labelStyle)
        let tickLabels = scale.ticks.map { valueFormat.string($0, step: scale.step) }
        let axisWidth = (tickLabels.map { canvas.width(of: $0, style: labelStyle) }.max() ?? 0) + 8
        let slotGuess = (area.width - axisWidth) / Double(bars.count)
        let needsTwoLines = bars.contains { canvas.width(of: $0.label, style: categoryStyle) > slotGuess - 4 }
        let categoryHeight = m.lineHeight * (needsTwoLines ? 2 : 1) + 8
        let top = showsValueLabels ? m.lineHeight + 2 : 0
        let plot = area.inset(top: top, left: axisWidth, bottom: categoryHeight)
        guard plot.isDrawable else { return }
        for (i, tick) in scale.ticks.enumerated() {
            let y = scale.position(of: tick, from: plot.maxY, to: plot.minY)
            canvas.line(from: CGPoint(x: plot.minX, y: y), to: CGPoint(x: plot.maxX, y: y),
                        color: tick == 0 ? theme.axisColor : theme.gridColor, lineWidth: tick == 0 ? 1 : 0.7)
            canvas.drawText(tickLabels[i], at: CGPoint(x: plot.minX - 6, y: y + (m.ascent - m.descent) / 2),
                            style: labelStyle, alignment: .right)
        }
        let slot = plot.width / Double(bars.count)
        let thickness = min(60, slot * 0.7)
        let zeroY = scale.position(of: 0, from: plot.maxY, to: plot.minY)
        for (i, bar) in bars.enumerated() {
            let mid = plot.minX + slot * (Double(i) + 0.5)
            var end = zeroY
            if let v = bar.value, v.isFinite {
                end = scale.position(of: v, from: plot.maxY, to: plot.minY)
                canvas.fill(CGRect(x: mid - thickness / 2, y: min(end, zeroY), width: thickness, height: abs(end - zeroY)),
                            color: bar.color ?? barColor ?? theme.color(at: 0))
            }
            if showsValueLabels {
                let negative = (bar.value ?? 0) < 0
                let y = negative ? max(end, zeroY) + 3 + m.ascent : min(end, zeroY) - 4
                canvas.drawText(label(for: bar, step: scale.step), at: CGPoint(x: mid, y: y), style: valueStyle,
                                alignment: .center, maxWidth: slot - 2)
            }
            canvas.drawWrappedText(bar.label, in: CGRect(x: mid - slot / 2 + 2, y: plot.maxY + 6, width: slot - 4,
                                                         height: categoryHeight), style: categoryStyle,
                                   alignment: .center, maxLines: needsTwoLines ? 2 : 1)
        }
    }
}
