import Foundation

/// A rows × columns grid of values coloured on a low–mid–high scale, e.g. weekdays × hours.
///
/// Cells without a value are plain grey; cells flagged thin (too few observations to trust) are
/// washed out and hatched; marked cells (e.g. the top three) get a dark outline. A colour bar
/// with the minimum and maximum and a key for the three cell kinds sit under the grid.
///
/// ```swift
/// var map = Heatmap(title: "Engagement rate by hour", rowLabels: ["Mon", "Tue"],
///                   columnLabels: ["00", "01"], cells: [[.init(value: 0.01), .init(value: nil)],
///                                                       [.init(value: 0.03, isMarked: true), .init(value: 0.02, isThin: true)]])
/// ```
public struct Heatmap: Chart {
    /// One cell.
    public struct Cell: Hashable, Sendable {
        /// The value; nil draws an empty grey cell.
        public var value: Double?
        /// Too few observations: drawn washed out and hatched. Default false.
        public var isThin: Bool
        /// Highlighted (e.g. top 3): drawn with a dark outline. Default false.
        public var isMarked: Bool

        /// A cell; defaults as stated on the properties.
        public init(value: Double?, isThin: Bool = false, isMarked: Bool = false) {
            self.value = value
            self.isThin = isThin
            self.isMarked = isMarked
        }
    }

    /// Bold title.
    public var title: String
    /// Line under the title. Default nil.
    public var subtitle: String?
    /// Labels down the left side, one per row.
    public var rowLabels: [String]
    /// Labels along the top, one per column (thinned when they would overlap).
    public var columnLabels: [String]
    /// `cells[row][column]`; missing rows or columns are drawn as empty cells.
    public var cells: [[Cell]]
    /// Format of the colour bar's labels. Default `.percent`.
    public var valueFormat: ValueFormat
    /// Value coloured with the mid colour. Default nil: halfway between the smallest and largest value.
    public var midValue: Double?
    /// Title of the colour bar. Default "".
    public var legendTitle: String
    /// Key text for thin cells. Default "few observations".
    public var thinLabel: String
    /// Key text for cells without a value. Default "no data".
    public var missingLabel: String
    /// Key text for marked cells. Default "highlighted".
    public var markLabel: String
    /// Colours and fonts; ``ChartTheme/heatLow``, ``ChartTheme/heatMid`` and ``ChartTheme/heatHigh``
    /// make the scale. Default ``ChartTheme/standard``.
    public var theme: ChartTheme

    /// A heat map; defaults as stated on the properties.
    public init(title: String, subtitle: String? = nil, rowLabels: [String], columnLabels: [String],
                cells: [[Cell]], valueFormat: ValueFormat = .percent, theme: ChartTheme = .standard) {
        self.title = title
        self.subtitle = subtitle
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.valueFormat = valueFormat
        self.midValue = nil
        self.legendTitle = ""
        self.thinLabel = "few observations"
        self.missingLabel = "no data"
        self.markLabel = "highlighted"
        self.theme = theme
    }

    /// The scale colour for `value` between `low` and `high` (mid colour at `mid`).
    public func color(for value: Double, low: Double, mid: Double, high: Double) -> RGBColor {
        guard value.isFinite else { return theme.missingColor }
        if value <= mid {
            return theme.heatLow.mixed(with: theme.heatMid, fraction: mid > low ? (value - low) / (mid - low) : 1)
        }
        return theme.heatMid.mixed(with: theme.heatHigh, fraction: high > mid ? (value - mid) / (high - mid) : 1)
    }

    public func draw(in canvas: Canvas, rect: CGRect) {
        let area = ChartLayout.drawFrame(title: title, subtitle: subtitle, theme: theme, canvas: canvas, rect: rect)
        let rows = max(rowLabels.count, cells.count)
        let columns = max(columnLabels.count, cells.map(\.count).max() ?? 0)
        guard rows > 0, columns > 0 else { ChartLayout.drawNoData(theme: theme, canvas: canvas, rect: area); return }
        guard area.isDrawable else { return }
        let labelStyle = theme.text(size: theme.labelSize, color: theme.secondaryTextColor)
        let rowStyle = theme.text(size: theme.labelSize)
        let m = canvas.measure("", style: labelStyle)
        let rowLabelWidth = min(area.width * 0.25, (rowLabels.map { canvas.width(of: $0, style: rowStyle) }.max() ?? 0) + 8)
        let legendHeight = m.lineHeight * 2 + 22
        let grid = area.inset(top: m.lineHeight + 6, left: rowLabelWidth, bottom: legendHeight + 10)
        guard grid.isDrawable else { return }
        let cellWidth = grid.width / Double(columns)
        let cellHeight = min(grid.height / Double(rows), max(cellWidth * 1.25, 16))
        let gap = min(2, cellWidth * 0.1, cellHeight * 0.1)

        let values = cells.flatMap { $0.compactMap(\.value) }.filter(\.isFinite)
        let low = values.min() ?? 0, high = values.max() ?? 1
        let mid = midValue.flatMap { $0.isFinite ? min(max($0, low), high) : nil } ?? (low + high) / 2

        // Column labels on top, thinned so they never overlap.
        let widest = columnLabels.map { canvas.width(of: $0, style: labelStyle) }.max() ?? 0
        let stride = max(1, Int(((widest + 6) / cellWidth).rounded(.up)))
        for c in Swift.stride(from: 0, to: columnLabels.count, by: stride) {
            canvas.drawText(columnLabels[c], at: CGPoint(x: grid.minX + cellWidth * (Double(c) + 0.5), y: grid.minY - 6),
                            style: labelStyle, alignment: .center)
        }
        for r in 0..<rows {
            let y = grid.minY + Double(r) * cellHeight
            if r < rowLabels.count {
                canvas.drawText(rowLabels[r], in: CGRect(x: area.minX, y: y, width: rowLabelWidth - 8, height: cellHeight),
                                style: rowStyle, alignment: .right)
            }
            for c in 0..<columns {
                let cell = r < cells.count && c < cells[r].count ? cells[r][c] : Cell(value: nil)
                let box = CGRect(x: grid.minX + Double(c) * cellWidth + gap / 2, y: y + gap / 2,
                                 width: cellWidth - gap, height: cellHeight - gap)
                drawCell(cell, box: box, canvas: canvas, low: low, mid: mid, high: high)
            }
        }
        // Marks last so neighbouring cells never cover their outline.
        for r in 0..<min(rows, cells.count) {
            for c in 0..<min(columns, cells[r].count) where cells[r][c].isMarked {
                let box = CGRect(x: grid.minX + Double(c) * cellWidth, y: grid.minY + Double(r) * cellHeight,
                                 width: cellWidth, height: cellHeight)
                canvas.stroke(box.insetBy(dx: 0.5, dy: 0.5), color: theme.textColor, lineWidth: 2)
            }
        }

        // Colour bar with min and max, then the key.
        let legendTop = grid.minY + Double(rows) * cellHeight + 14
        var x = grid.minX
        if !legendTitle.isEmpty {
            x += canvas.drawText(legendTitle, at: CGPoint(x: x, y: legendTop + 6 + (m.ascent - m.descent) / 2),
                                 style: labelStyle, maxWidth: grid.width * 0.3) + 8
        }
        let barWidth = min(160, grid.width * 0.3)
        if !values.isEmpty {
            let bar = CGRect(x: x, y: legendTop, width: barWidth, height: 12)
            canvas.fillHorizontalGradient(bar, colors: [theme.heatLow, theme.heatMid, theme.heatHigh])
            let lowText = valueFormat.string(low, step: (high - low) / 10)
            let highText = valueFormat.string(high, step: (high - low) / 10)
            canvas.drawText(lowText, at: CGPoint(x: bar.minX, y: bar.maxY + 4 + m.ascent), style: labelStyle)
            canvas.drawText(highText, at: CGPoint(x: bar.maxX, y: bar.maxY + 4 + m.ascent), style: labelStyle, alignment: .right)
            x = bar.maxX + 24
        }
        let keys: [LegendEntry] = [
            LegendEntry(label: markLabel, color: theme.textColor, marker: .outline),
            LegendEntry(label: thinLabel, color: theme.axisColor, marker: .hatch),
            LegendEntry(label: missingLabel, color: theme.missingColor, marker: .box),
        ]
        _ = ChartLayout.drawLegend(keys, theme: theme, canvas: canvas,
                                   rect: CGRect(x: x, y: legendTop - 4, width: max(0, area.maxX - x), height: legendHeight))
    }

    private func drawCell(_ cell: Cell, box: CGRect, canvas: Canvas, low: Double, mid: Double, high: Double) {
        guard let value = cell.value, value.isFinite else {
            canvas.fill(box, color: theme.missingColor)
            return
        }
        let color = color(for: value, low: low, mid: mid, high: high)
        if cell.isThin {
            canvas.fill(box, color: color.mixed(with: theme.background, fraction: 0.6))
            canvas.hatch(box, color: theme.axisColor, spacing: 4, lineWidth: 0.7)
        } else {
            canvas.fill(box, color: color)
        }
    }
}
