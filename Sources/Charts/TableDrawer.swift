import Foundation

/// Draws a simple table (header row, wrapped cells, zebra stripes) and tells the caller how much
/// room it used, so report pages can paginate.
///
/// ```swift
/// let table = TableDrawer(columns: [
///     .init(title: "Post", width: 300, maxLines: 2),
///     .init(title: "Engagements", width: 90, alignment: .right),
/// ])
/// var next = 0
/// while next < rows.count {
///     let result = table.draw(rows: rows, from: next, in: pdf.canvas, at: CGPoint(x: 40, y: 80), maxHeight: 700)
///     next = result.nextRow
///     if next < rows.count { pdf.newPage() }
/// }
/// ```
public struct TableDrawer: Sendable {
    /// One column.
    public struct Column: Hashable, Sendable {
        /// Header text (bold, wrapped to two lines at most).
        public var title: String
        /// Width in points.
        public var width: Double
        /// Alignment of cells and header. Default `.left`; use `.right` for numbers.
        public var alignment: TextAlignment
        /// Most lines a cell may wrap to; longer text ends in "…". Default 2.
        public var maxLines: Int

        /// A column; defaults as stated on the properties.
        public init(title: String, width: Double, alignment: TextAlignment = .left, maxLines: Int = 2) {
            self.title = title
            self.width = width
            self.alignment = alignment
            self.maxLines = max(1, maxLines)
        }
    }

    /// What a call to ``draw(rows:from:in:at:maxHeight:)`` did.
    public struct Result: Hashable, Sendable {
        /// Height used, header included, in points.
        public var height: Double
        /// The first row not drawn (`rows.count` when all are done).
        public var nextRow: Int
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// Cell text size in points. Default 8.5.
    public var fontSize: Double
    /// Space around cell text in points. Default 4.
    public var padding: Double
    /// Shade every other row. Default true.
    public var zebra: Bool
    /// Colours and font family. Default ``ChartTheme/standard``.
    public var theme: ChartTheme

    /// A table; defaults as stated on the properties.
    public init(columns: [Column], fontSize: Double = 8.5, padding: Double = 4, zebra: Bool = true,
                theme: ChartTheme = .standard) {
        self.columns = columns
        self.fontSize = fontSize
        self.padding = padding
        self.zebra = zebra
        self.theme = theme
    }

    /// Total width of the columns.
    public var width: Double { columns.reduce(0) { $0 + max(0, $1.width) } }

    /// Height of the header row.
    public func headerHeight(in canvas: Canvas) -> Double {
        rowHeight(columns.map(\.title), canvas: canvas, style: headerStyle, maxLines: { _ in 2 })
    }

    /// Height `row` takes when drawn.
    public func rowHeight(_ row: [String], in canvas: Canvas) -> Double {
        rowHeight(row, canvas: canvas, style: cellStyle, maxLines: { columns[$0].maxLines })
    }

    /// Draws the header, then rows from `start` while they fit in `maxHeight`.
    ///
    /// At least one row is drawn whenever any remain, even if it alone is taller than `maxHeight`
    /// would allow after the header, so pagination always moves forward. Missing cells are blank;
    /// extra cells are ignored.
    /// - Returns: The height used and the index of the next row to draw.
    public func draw(rows: [[String]], from start: Int = 0, in canvas: Canvas, at origin: CGPoint,
                     maxHeight: Double) -> Result {
        let start = max(0, start)
        let header = columns.map(\.title)
        let headerH = headerHeight(in: canvas)
        canvas.fill(CGRect(x: origin.x, y: origin.y, width: width, height: headerH), color: theme.headerFill)
        drawRow(header, x: origin.x, y: origin.y, height: headerH, canvas: canvas, style: headerStyle, maxLines: { _ in 2 })
        var y = origin.y + headerH
        var index = start
        while index < rows.count {
            let h = rowHeight(rows[index], in: canvas)
            if y + h > origin.y + maxHeight && index > start { break }
            if zebra && (index - start) % 2 == 1 {
                canvas.fill(CGRect(x: origin.x, y: y, width: width, height: h), color: theme.stripeColor)
            }
            drawRow(rows[index], x: origin.x, y: y, height: h, canvas: canvas, style: cellStyle, maxLines: { columns[$0].maxLines })
            y += h
            index += 1
        }
        canvas.line(from: CGPoint(x: origin.x, y: origin.y + headerH), to: CGPoint(x: origin.x + width, y: origin.y + headerH),
                    color: theme.axisColor, lineWidth: 0.8)
        canvas.line(from: CGPoint(x: origin.x, y: y), to: CGPoint(x: origin.x + width, y: y), color: theme.gridColor, lineWidth: 0.8)
        return Result(height: y - origin.y, nextRow: index)
    }

    private var cellStyle: TextStyle { theme.text(size: fontSize) }
    private var headerStyle: TextStyle { theme.text(size: fontSize, weight: .bold) }

    private func rowHeight(_ row: [String], canvas: Canvas, style: TextStyle, maxLines: (Int) -> Int) -> Double {
        let m = canvas.measure("", style: style)
        var height = m.ascent + m.descent
        for (i, column) in columns.enumerated() where i < row.count {
            height = max(height, canvas.wrappedHeight(row[i], width: max(1, column.width - 2 * padding), style: style,
                                                      maxLines: maxLines(i)))
        }
        return height + 2 * padding
    }

    private func drawRow(_ row: [String], x originX: Double, y: Double, height: Double, canvas: Canvas,
                         style: TextStyle, maxLines: (Int) -> Int) {
        var x = originX
        for (i, column) in columns.enumerated() {
            defer { x += max(0, column.width) }
            guard i < row.count, column.width > 2 * padding else { continue }
            let box = CGRect(x: x + padding, y: y + padding, width: column.width - 2 * padding,
                             height: height - 2 * padding + 1)
            canvas.drawWrappedText(row[i], in: box, style: style, alignment: column.alignment, maxLines: maxLines(i))
        }
    }
}
