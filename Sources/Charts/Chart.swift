import Foundation

/// A chart: a value you configure, then draw into a rectangle of a ``Canvas``.
public protocol Chart: Sendable {
    /// Colours and fonts the chart uses.
    var theme: ChartTheme { get }
    /// Draws the chart inside `rect` (its own background, title, axes and legend included).
    func draw(in canvas: Canvas, rect: CGRect)
}

extension Chart {
    /// Renders the chart alone to a PNG file.
    /// - Parameters:
    ///   - path: Where to write the PNG (replaced if present).
    ///   - width: Width in points. Default 800.
    ///   - height: Height in points. Default 450.
    ///   - scale: Pixels per point: 1, or 2 for retina. Default 2.
    /// - Throws: ``ChartsError`` naming `path`.
    public func renderPNG(path: String, width: Double = 800, height: Double = 450, scale: Double = 2) throws {
        let image = try PNGImage(width: width, height: height, scale: scale, background: theme.background)
        draw(in: image.canvas, rect: image.canvas.bounds)
        try image.write(to: path)
    }
}

/// One entry of a chart legend.
struct LegendEntry {
    enum Marker { case line(dashed: Bool), box, dot, outline, hatch }
    var label: String
    var color: RGBColor
    var marker: Marker
}

/// Layout pieces every chart shares: title block and legend row.
enum ChartLayout {
    /// Fills the background and draws title and subtitle at the top of `rect`.
    /// - Returns: The area left below the titles.
    static func drawFrame(title: String, subtitle: String?, theme: ChartTheme, canvas: Canvas,
                          rect: CGRect) -> CGRect {
        canvas.fill(rect, color: theme.background)
        let padding = max(0, theme.chartPadding.isFinite ? theme.chartPadding : 0)
        var area = rect.inset(top: padding, left: padding, bottom: padding * 0.75, right: padding)
        if !title.isEmpty {
            let style = theme.text(size: theme.titleSize, weight: .bold)
            let h = canvas.drawWrappedText(title, in: area, style: style, maxLines: 2)
            area = area.inset(top: h + 4)
        }
        if let subtitle, !subtitle.isEmpty {
            let style = theme.text(size: theme.subtitleSize, color: theme.secondaryTextColor)
            let h = canvas.drawWrappedText(subtitle, in: area, style: style, maxLines: 2)
            area = area.inset(top: h + 4)
        }
        return area.inset(top: 6)
    }

    /// Writes the theme's "No data" text in the middle of `rect`.
    static func drawNoData(theme: ChartTheme, canvas: Canvas, rect: CGRect) {
        canvas.drawText(theme.noDataText, in: rect, style: theme.text(size: theme.subtitleSize, color: theme.secondaryTextColor),
                        alignment: .center)
    }

    /// Draws legend entries left to right, wrapping onto more rows, at the top of `rect`.
    /// - Returns: The height used.
    static func drawLegend(_ entries: [LegendEntry], theme: ChartTheme, canvas: Canvas, rect: CGRect) -> Double {
        guard !entries.isEmpty else { return 0 }
        let style = theme.text(size: theme.labelSize, color: theme.textColor)
        let m = canvas.measure("", style: style)
        let rowHeight = m.lineHeight + 4
        let markerWidth = 18.0
        var x = rect.minX, y = rect.minY
        for entry in entries {
            let maxLabel = max(10, rect.width - markerWidth - 4)
            let w = markerWidth + 5 + canvas.width(of: entry.label, style: style, maxWidth: maxLabel)
            if x > rect.minX && x + w > rect.maxX { x = rect.minX; y += rowHeight }
            let mid = y + rowHeight / 2
            drawMarker(entry, at: CGRect(x: x, y: mid - 5, width: markerWidth, height: 10), canvas: canvas, theme: theme)
            canvas.drawText(entry.label, at: CGPoint(x: x + markerWidth + 5, y: mid + (m.ascent - m.descent) / 2), style: style,
                            maxWidth: maxLabel)
            x += w + 16
        }
        return y + rowHeight - rect.minY
    }

    static func drawMarker(_ entry: LegendEntry, at box: CGRect, canvas: Canvas, theme: ChartTheme) {
        switch entry.marker {
        case let .line(dashed):
            canvas.line(from: CGPoint(x: box.minX, y: box.midY), to: CGPoint(x: box.maxX, y: box.midY),
                        color: entry.color, lineWidth: 2.5, dash: dashed ? [5, 3] : [])
        case .box:
            canvas.fill(box.insetBy(dx: 3, dy: 0), color: entry.color)
        case .dot:
            canvas.circle(center: CGPoint(x: box.midX, y: box.midY), radius: 4, fill: entry.color)
        case .outline:
            let square = CGRect(x: box.midX - 5, y: box.minY, width: 10, height: 10)
            canvas.stroke(square, color: entry.color, lineWidth: 2)
        case .hatch:
            let square = CGRect(x: box.midX - 5, y: box.minY, width: 10, height: 10)
            canvas.fill(square, color: theme.missingColor.mixed(with: .white, fraction: 0.3))
            canvas.hatch(square, color: theme.axisColor, spacing: 3)
        }
    }

    /// Indexes of category labels to show so that labels of `labelWidth` never overlap in `span`
    /// points spread over `count` categories: every k-th label starting at the first.
    static func thinnedIndexes(count: Int, span: Double, labelWidth: Double, gap: Double = 10) -> [Int] {
        guard count > 0 else { return [] }
        guard count > 1 else { return [0] }
        let spacing = span / Double(count - 1)
        let stride = max(1, Int(((labelWidth + gap) / max(spacing, 0.001)).rounded(.up)))
        return Array(Swift.stride(from: 0, to: count, by: stride))
    }
}
