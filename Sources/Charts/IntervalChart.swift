import Foundation

/// Point estimates with low–high whiskers (confidence intervals), one row per category, against
/// a reference category drawn differently and marked by a dashed line at its value.
///
/// ```swift
/// var chart = IntervalChart(title: "Engagement rate by campaign")
/// chart.items = [
///     .init(label: "Control", estimate: 0.021, low: 0.019, high: 0.023, isReference: true),
///     .init(label: "Spring sale", estimate: 0.027, low: 0.023, high: 0.030),
/// ]
/// ```
public struct IntervalChart: Chart {
    /// One category.
    public struct Item: Hashable, Sendable {
        /// Category name (truncated with "…" when too long).
        public var label: String
        /// Point estimate; nil draws nothing but the label and "–".
        public var estimate: Double?
        /// Lower end of the interval; the whisker is drawn only when both ends are given.
        public var low: Double?
        /// Upper end of the interval.
        public var high: Double?
        /// The reference (e.g. control): hollow marker and a reference line. Default false.
        public var isReference: Bool

        /// An item; defaults as stated on the properties.
        public init(label: String, estimate: Double?, low: Double? = nil, high: Double? = nil, isReference: Bool = false) {
            self.label = label
            self.estimate = estimate
            self.low = low
            self.high = high
            self.isReference = isReference
        }
    }

    /// Where categories go.
    public enum Orientation: Hashable, Sendable {
        /// One row per category, values along a horizontal axis, a vertical reference line.
        case horizontal
        /// One column per category, values up a vertical axis, a horizontal reference line.
        case vertical
    }

    /// Bold title.
    public var title: String
    /// Line under the title. Default nil.
    public var subtitle: String?
    /// Rows from top to bottom. Default empty.
    public var items: [Item]
    /// Axis and label format. Default `.percent`.
    public var valueFormat: ValueFormat
    /// Start the value axis at zero. Default false (intervals read better zoomed in).
    public var includesZero: Bool
    /// Rows or columns. Default `.horizontal`.
    public var orientation: Orientation
    /// Write "estimate (low–high)" at the right of each row (horizontal only). Default true.
    public var showsValueText: Bool
    /// Colours and fonts. Default ``ChartTheme/standard``.
    public var theme: ChartTheme

    /// An interval chart; defaults as stated on the properties.
    public init(title: String, subtitle: String? = nil, items: [Item] = [], valueFormat: ValueFormat = .percent,
                theme: ChartTheme = .standard) {
        self.title = title
        self.subtitle = subtitle
        self.items = items
        self.valueFormat = valueFormat
        self.includesZero = false
        self.orientation = .horizontal
        self.showsValueText = true
        self.theme = theme
    }

    public func draw(in canvas: Canvas, rect: CGRect) {
        let area = ChartLayout.drawFrame(title: title, subtitle: subtitle, theme: theme, canvas: canvas, rect: rect)
        guard !items.isEmpty else { ChartLayout.drawNoData(theme: theme, canvas: canvas, rect: area); return }
        guard area.isDrawable else { return }
        if orientation == .vertical { drawVertical(in: canvas, area: area); return }
        let all = items.flatMap { [$0.estimate, $0.low, $0.high].compactMap { $0 } }.filter(\.isFinite)
        let labelStyle = theme.text(size: theme.labelSize)
        let tickStyle = theme.text(size: theme.labelSize, color: theme.secondaryTextColor)
        let valueStyle = theme.text(size: theme.valueLabelSize, color: theme.secondaryTextColor)
        let m = canvas.measure("", style: tickStyle)
        let scale = AxisScale(dataMin: all.min() ?? 0, dataMax: all.max() ?? 0,
                              maxTicks: max(3, min(7, Int(area.width / 90))), includeZero: includesZero)
        let texts = items.map { item -> String in
            guard let e = item.estimate, e.isFinite else { return "–" }
            var s = valueFormat.string(e, step: scale.step / 10)
            if let lo = item.low, let hi = item.high, lo.isFinite, hi.isFinite {
                s += " (" + valueFormat.string(lo, step: scale.step / 10) + "–" + valueFormat.string(hi, step: scale.step / 10) + ")"
            }
            return s
        }
        let labelColumn = min(area.width * 0.3, (items.map { canvas.width(of: $0.label, style: labelStyle.bold) }.max() ?? 0) + 4)
        let textColumn = showsValueText ? min(area.width * 0.3, (texts.map { canvas.width(of: $0, style: valueStyle) }.max() ?? 0) + 12) : 0
        let plot = area.inset(bottom: m.lineHeight + 8).inset(left: labelColumn + 12, right: textColumn + 8)
        guard plot.isDrawable else { return }

        for tick in scale.ticks {
            let x = scale.position(of: tick, from: plot.minX, to: plot.maxX)
            canvas.line(from: CGPoint(x: x, y: plot.minY), to: CGPoint(x: x, y: plot.maxY), color: theme.gridColor, lineWidth: 0.7)
            canvas.drawText(valueFormat.string(tick, step: scale.step), at: CGPoint(x: x, y: plot.maxY + 6 + m.ascent),
                            style: tickStyle, alignment: .center)
        }
        canvas.line(from: CGPoint(x: plot.minX, y: plot.maxY), to: CGPoint(x: plot.maxX, y: plot.maxY), color: theme.axisColor)

        if let reference = items.first(where: \.isReference), let value = reference.estimate, value.isFinite {
            let x = scale.position(of: value, from: plot.minX, to: plot.maxX)
            canvas.line(from: CGPoint(x: x, y: plot.minY), to: CGPoint(x: x, y: plot.maxY),
                        color: theme.referenceColor, lineWidth: 1, dash: [4, 3])
        }

        let slot = plot.height / Double(items.count)
        let accent = theme.color(at: 0)
        for (i, item) in items.enumerated() {
            let mid = plot.minY + slot * (Double(i) + 0.5)
            let color = item.isReference ? theme.referenceColor : accent
            let style = item.isReference ? labelStyle.bold : labelStyle
            canvas.drawText(item.label, in: CGRect(x: area.minX, y: mid - slot / 2, width: labelColumn, height: slot),
                            style: style, alignment: .right)
            if showsValueText {
                canvas.drawText(texts[i], in: CGRect(x: plot.maxX + 12, y: mid - slot / 2, width: textColumn, height: slot),
                                style: item.isReference ? valueStyle.bold : valueStyle)
            }
            if let lo = item.low, let hi = item.high, lo.isFinite, hi.isFinite {
                let x0 = scale.position(of: lo, from: plot.minX, to: plot.maxX)
                let x1 = scale.position(of: hi, from: plot.minX, to: plot.maxX)
                let cap = min(6, slot * 0.18)
                canvas.line(from: CGPoint(x: x0, y: mid), to: CGPoint(x: x1, y: mid), color: color, lineWidth: 2)
                canvas.line(from: CGPoint(x: x0, y: mid - cap), to: CGPoint(x: x0, y: mid + cap), color: color, lineWidth: 2)
                canvas.line(from: CGPoint(x: x1, y: mid - cap), to: CGPoint(x: x1, y: mid + cap), color: color, lineWidth: 2)
            }
            if let e = item.estimate, e.isFinite {
                let p = CGPoint(x: scale.position(of: e, from: plot.minX, to: plot.maxX), y: mid)
                drawMarker(at: p, radius: min(5.5, slot * 0.2), reference: item.isReference, color: color, canvas: canvas)
            }
        }
    }

    private func drawVertical(in canvas: Canvas, area: CGRect) {
        let all = items.flatMap { [$0.estimate, $0.low, $0.high].compactMap { $0 } }.filter(\.isFinite)
        let tickStyle = theme.text(size: theme.labelSize, color: theme.secondaryTextColor)
        let labelStyle = theme.text(size: theme.labelSize)
        let m = canvas.measure("", style: tickStyle)
        let scale = AxisScale(dataMin: all.min() ?? 0, dataMax: all.max() ?? 0,
                              maxTicks: max(3, min(7, Int(area.height / 40))), includeZero: includesZero)
        let tickLabels = scale.ticks.map { valueFormat.string($0, step: scale.step) }
        let axisWidth = (tickLabels.map { canvas.width(of: $0, style: tickStyle) }.max() ?? 0) + 8
        let plot = area.inset(top: m.lineHeight / 2, left: axisWidth, bottom: m.lineHeight * 2 + 10)
        guard plot.isDrawable else { return }
        for (i, tick) in scale.ticks.enumerated() {
            let y = scale.position(of: tick, from: plot.maxY, to: plot.minY)
            canvas.line(from: CGPoint(x: plot.minX, y: y), to: CGPoint(x: plot.maxX, y: y), color: theme.gridColor, lineWidth: 0.7)
            canvas.drawText(tickLabels[i], at: CGPoint(x: plot.minX - 6, y: y + (m.ascent - m.descent) / 2),
                            style: tickStyle, alignment: .right)
        }
        canvas.line(from: CGPoint(x: plot.minX, y: plot.maxY), to: CGPoint(x: plot.maxX, y: plot.maxY), color: theme.axisColor)
        if let reference = items.first(where: \.isReference), let value = reference.estimate, value.isFinite {
            let y = scale.position(of: value, from: plot.maxY, to: plot.minY)
            canvas.line(from: CGPoint(x: plot.minX, y: y), to: CGPoint(x: plot.maxX, y: y),
                        color: theme.referenceColor, lineWidth: 1, dash: [4, 3])
        }
        let slot = plot.width / Double(items.count)
        for (i, item) in items.enumerated() {
            let mid = plot.minX + slot * (Double(i) + 0.5)
            let color = item.isReference ? theme.referenceColor : theme.color(at: 0)
            canvas.drawWrappedText(item.label, in: CGRect(x: mid - slot / 2 + 2, y: plot.maxY + 6, width: slot - 4,
                                                          height: m.lineHeight * 2 + 4),
                                   style: item.isReference ? labelStyle.bold : labelStyle, alignment: .center,
                                   maxLines: 2)
            if let lo = item.low, let hi = item.high, lo.isFinite, hi.isFinite {
                let y0 = scale.position(of: lo, from: plot.maxY, to: plot.minY)
                let y1 = scale.position(of: hi, from: plot.maxY, to: plot.minY)
                let cap = min(6, slot * 0.18)
                canvas.line(from: CGPoint(x: mid, y: y0), to: CGPoint(x: mid, y: y1), color: color, lineWidth: 2)
                canvas.line(from: CGPoint(x: mid - cap, y: y0), to: CGPoint(x: mid + cap, y: y0), color: color, lineWidth: 2)
                canvas.line(from: CGPoint(x: mid - cap, y: y1), to: CGPoint(x: mid + cap, y: y1), color: color, lineWidth: 2)
            }
            if let e = item.estimate, e.isFinite {
                let p = CGPoint(x: mid, y: scale.position(of: e, from: plot.maxY, to: plot.minY))
                drawMarker(at: p, radius: min(5.5, slot * 0.2), reference: item.isReference, color: color, canvas: canvas)
            }
        }
    }

    private func drawMarker(at p: CGPoint, radius r: Double, reference: Bool, color: RGBColor, canvas: Canvas) {
        if reference {
            let diamond = [CGPoint(x: p.x, y: p.y - r * 1.3), CGPoint(x: p.x + r * 1.3, y: p.y),
                           CGPoint(x: p.x, y: p.y + r * 1.3), CGPoint(x: p.x - r * 1.3, y: p.y)]
            canvas.fillPolygon(diamond, color: theme.background)
            canvas.polyline(diamond + [diamond[0]], color: color, lineWidth: 2)
        } else {
            canvas.circle(center: p, radius: r, fill: color, stroke: theme.background, lineWidth: 1.2)
        }
    }
}
