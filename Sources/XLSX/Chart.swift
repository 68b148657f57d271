import CXlsxWriter

/// A native Excel chart made by `Workbook.addChart(_:)`: add series that point at sheet ranges,
/// style it, then place it with `Worksheet.insertChart`.
///
/// Confidence intervals on a line chart: three series (low, rate, high), each drawn as markers
/// only, joined by high-low lines:
///
/// ```swift
/// let chart = try book.addChart(.line)
/// for (name, col) in [("low", 2), ("rate", 1), ("high", 3)] {
///     try chart.addSeries(name: name,
///                         categories: SheetRange(sheet: "Daily", firstRow: 1, firstCol: 0, lastRow: 30, lastCol: 0),
///                         values: SheetRange(sheet: "Daily", firstRow: 1, firstCol: col, lastRow: 30, lastCol: col),
///                         style: name == "rate" ? .markersOnly(.circle) : .hidden)
/// }
/// try chart.setHighLowLines()
/// try chart.setXAxisNumberFormat("yyyy-mm-dd")   // date categories need one
/// ```
///
/// libxlsxwriter numbers the axes itself, deterministically: equal workbooks are byte-identical.
public final class Chart {
    /// The chart types offered.
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        /// Lines over categories (the x axis is a category or date axis).
        case line
        /// Vertical bars.
        case column
        /// Horizontal bars.
        case bar
        /// Horizontal bars whose series are stacked end to end: with an unfilled first series
        /// as the offset, floating bars (intervals) that every spreadsheet program draws.
        case stackedBar
        /// Markers at numeric (x, y) points, no lines (a series with a `lineWidth` or `color`
        /// gets one).
        case scatter
        /// Straight lines through numeric (x, y) points, no markers unless a style asks. Two-point
        /// series drawn this way are interval bars that LibreOffice renders too (it ignores
        /// high-low lines).
        case scatterLines

        public var description: String {
            switch self {
            case .line: "line"
            case .column: "column"
            case .bar: "bar"
            case .stackedBar: "stacked bar"
            case .scatter: "scatter"
            case .scatterLines: "scatter-with-lines"
            }
        }

        var lxwType: UInt8 {
            switch self {
            case .line: UInt8(LXW_CHART_LINE.rawValue)
            case .column: UInt8(LXW_CHART_COLUMN.rawValue)
            case .bar: UInt8(LXW_CHART_BAR.rawValue)
            case .stackedBar: UInt8(LXW_CHART_BAR_STACKED.rawValue)
            case .scatter: UInt8(LXW_CHART_SCATTER.rawValue)
            case .scatterLines: UInt8(LXW_CHART_SCATTER_STRAIGHT.rawValue)
            }
        }
    }

    /// The chart's type.
    public let kind: Kind
    /// The workbook, kept alive as long as the chart is.
    let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_chart>
    /// Series added so far.
    public private(set) var seriesCount = 0
    /// Horizontal scale from `setSize`; 1 is 480 pixels.
    private(set) var xScale = 1.0
    /// Vertical scale from `setSize`; 1 is 288 pixels.
    private(set) var yScale = 1.0

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_chart>, kind: Kind) {
        self.workbook = workbook
        self.handle = handle
        self.kind = kind
    }

    /// Adds a series whose values (and categories, or x values on a scatter chart) come from
    /// sheet ranges, usually one column each.
    /// - Parameters:
    ///   - name: Legend text. Default `nil`: "Series N".
    ///   - categories: Category labels or x values. Default `nil`: 1, 2, 3…
    ///   - values: The plotted numbers.
    ///   - style: Colour, line and markers. Default: automatic.
    /// - Throws: `XLSXError.unknownSheet` when a range names a sheet the workbook lacks;
    ///   `XLSXError.invalidArgument` for a marker size outside 2...72 or a bad line width.
    public func addSeries(name: String? = nil, categories: SheetRange? = nil, values: SheetRange,
                          style: SeriesStyle = SeriesStyle()) throws(XLSXError) {
        _ = try workbook.openHandle()
        for range in [categories, values].compactMap({ $0 }) {
            guard workbook.hasSheet(named: range.sheet) else { throw .unknownSheet(range.sheet) }
            for (row, col) in [(range.range.firstRow, range.range.firstCol), (range.range.lastRow, range.range.lastCol)] {
                guard (0..<Grid.rowCount).contains(row), (0..<Grid.columnCount).contains(col) else {
                    throw .cellOutOfRange(sheet: range.sheet, row: row, column: col)
                }
            }
        }
        if let size = style.markerSize, !(2...72).contains(size) {
            throw .invalidArgument("marker size \(size) is not in 2...72")
        }
        if let width = style.lineWidth, !(width > 0 && width <= 1584) {
            throw .invalidArgument("line width \(width) is not above 0")
        }
        guard let series = chart_add_series(handle, nil, nil) else {
            throw .writeFailed(code: -1, message: "libxlsxwriter returned no series",
                               while: "adding a series to a \(kind) chart")
        }
        seriesCount += 1
        if let categories {
            chart_series_set_categories(series, categories.sheet,
                                        lxw_row_t(categories.range.firstRow), lxw_col_t(categories.range.firstCol),
                                        lxw_row_t(categories.range.lastRow), lxw_col_t(categories.range.lastCol))
        }
        chart_series_set_values(series, values.sheet,
                                lxw_row_t(values.range.firstRow), lxw_col_t(values.range.firstCol),
                                lxw_row_t(values.range.lastRow), lxw_col_t(values.range.lastCol))
        if let name { chart_series_set_name(series, name) }
        apply(style, to: series)
    }

    private func apply(_ style: SeriesStyle, to series: UnsafeMutablePointer<lxw_chart_series>) {
        let drawsLine = kind == .line || kind == .scatter || kind == .scatterLines
        if !drawsLine && !style.filled {
            var fill = lxw_chart_fill()
            fill.none = 1
            chart_series_set_fill(series, &fill)
        }
        if !style.showsLine && (drawsLine || !style.filled) {
            var line = lxw_chart_line()
            line.none = 1
            chart_series_set_line(series, &line)
        } else if style.color != nil || style.lineWidth != nil {
            var line = lxw_chart_line()
            if let color = style.color { line.color = color.lxwValue }
            if let width = style.lineWidth { line.width = Float(width) }
            chart_series_set_line(series, &line)
        }
        if !drawsLine && style.filled, let color = style.color {
            var fill = lxw_chart_fill()
            fill.color = color.lxwValue
            chart_series_set_fill(series, &fill)
        }
        if let marker = style.marker {
            chart_series_set_marker_type(series, marker.lxwValue)
            if let color = style.color, marker != .none {
                var fill = lxw_chart_fill()
                fill.color = color.lxwValue
                chart_series_set_marker_fill(series, &fill)
                var line = lxw_chart_line()
                line.color = color.lxwValue
                chart_series_set_marker_line(series, &line)
            }
        }
        if let size = style.markerSize { chart_series_set_marker_size(series, UInt8(size)) }
        if style.smooth && drawsLine { chart_series_set_smooth(series, 1) }
    }

    /// Sets the chart's title; `nil` removes it (also the automatic one-series title).
    public func setTitle(_ title: String?) throws(XLSXError) {
        _ = try workbook.openHandle()
        if let title { chart_title_set_name(handle, title) } else { chart_title_off(handle) }
    }

    // Axis naming: "x" is the category axis (x values on a scatter chart), "y" the value axis,
    // for every kind. On a bar chart the category axis is the vertical one.

    /// Sets the title of the x (category) axis.
    public func setXAxisTitle(_ title: String) throws(XLSXError) {
        chart_axis_set_name(try categoryAxis(), title)
    }

    /// Sets the title of the y (value) axis.
    public func setYAxisTitle(_ title: String) throws(XLSXError) {
        chart_axis_set_name(try valueAxis(), title)
    }

    /// Sets the x (category) axis's number format, e.g. `"yyyy-mm-dd"` for date categories
    /// (without it LibreOffice shows serial numbers).
    public func setXAxisNumberFormat(_ numberFormat: String) throws(XLSXError) {
        chart_axis_set_num_format(try categoryAxis(), numberFormat)
    }

    /// Lists the categories in reverse order: on a bar chart, the first category at the top.
    public func reverseXAxis() throws(XLSXError) {
        chart_axis_set_reverse(try categoryAxis())
    }

    /// Labels every category, where a spreadsheet would skip some to avoid crowding.
    public func labelEveryXAxisCategory() throws(XLSXError) {
        chart_axis_set_interval_unit(try categoryAxis(), 1)
    }

    /// Sets the y (value) axis's number format, e.g. `"0.0%"`.
    public func setYAxisNumberFormat(_ numberFormat: String) throws(XLSXError) {
        chart_axis_set_num_format(try valueAxis(), numberFormat)
    }

    /// Fixes the y (value) axis's ends; `nil` (or a non-finite value) leaves an end automatic.
    public func setYAxisRange(min: Double?, max: Double?) throws(XLSXError) {
        let yAxis = try valueAxis()
        if let min, min.isFinite { chart_axis_set_min(yAxis, min) }
        if let max, max.isFinite { chart_axis_set_max(yAxis, max) }
    }

    /// Places the legend, or removes it with `.none`.
    public func setLegend(_ position: LegendPosition) throws(XLSXError) {
        _ = try workbook.openHandle()
        let value: UInt32 = switch position {
        case .right: LXW_CHART_LEGEND_RIGHT.rawValue
        case .left: LXW_CHART_LEGEND_LEFT.rawValue
        case .top: LXW_CHART_LEGEND_TOP.rawValue
        case .bottom: LXW_CHART_LEGEND_BOTTOM.rawValue
        case .none: LXW_CHART_LEGEND_NONE.rawValue
        }
        chart_legend_set_position(handle, UInt8(value))
    }

    /// Draws a vertical line at each category from the lowest to the highest series value: with
    /// low / estimate / high series drawn as markers only, this shows confidence intervals.
    ///
    /// Excel draws them; LibreOffice 7.4 ignores high-low lines (and up-down bars) on line
    /// charts. For intervals that render everywhere use a `.scatterLines` chart with one
    /// two-point series per interval.
    /// - Parameters:
    ///   - color: Default `nil`: Excel's (black).
    ///   - width: Line width in points. Default `nil`: Excel's (0.75).
    /// - Throws: `XLSXError.invalidArgument` unless the chart is a line chart.
    public func setHighLowLines(color: Color? = nil, width: Double? = nil) throws(XLSXError) {
        _ = try workbook.openHandle()
        guard kind == .line else { throw .invalidArgument("high-low lines need a line chart, not a \(kind) chart") }
        if color == nil && width == nil {
            chart_set_high_low_lines(handle, nil)
        } else {
            var line = lxw_chart_line()
            if let color { line.color = color.lxwValue }
            if let width { line.width = Float(width) }
            chart_set_high_low_lines(handle, &line)
        }
    }

    /// Sets the chart's size in pixels (default 480 × 288), used by `insertChart` unless it is
    /// given scales.
    public func setSize(width: Int, height: Int) throws(XLSXError) {
        guard width > 0, height > 0 else { throw .invalidArgument("chart size \(width)×\(height) is not positive") }
        xScale = Double(width) / 480
        yScale = Double(height) / 288
    }

    /// libxlsxwriter's axes follow XlsxWriter: on a bar chart its "x" axis is the value axis.
    private func categoryAxis() throws(XLSXError) -> UnsafeMutablePointer<lxw_chart_axis> {
        try axis(kind == .bar || kind == .stackedBar ? LXW_CHART_AXIS_TYPE_Y : LXW_CHART_AXIS_TYPE_X)
    }

    private func valueAxis() throws(XLSXError) -> UnsafeMutablePointer<lxw_chart_axis> {
        try axis(kind == .bar || kind == .stackedBar ? LXW_CHART_AXIS_TYPE_X : LXW_CHART_AXIS_TYPE_Y)
    }

    private func axis(_ type: lxw_chart_axis_type) throws(XLSXError) -> UnsafeMutablePointer<lxw_chart_axis> {
        _ = try workbook.openHandle()
        guard let axis = chart_axis_get(handle, type) else {
            throw .invalidArgument("a \(kind) chart has no such axis")
        }
        return axis
    }
}
