import CXlsxWriter

extension Worksheet {
    /// Sets the width (in characters of the default font) and default format of columns
    /// `first...last`. Each column is set once: libxlsxwriter writes every range as given, and
    /// Excel reads overlapping ranges (`B:G` then `G:G`) as a damaged file.
    /// - Throws: `XLSXError.invalidArgument` for a width outside 0...255 or a range that overlaps
    ///   one set before.
    public func setColumn(first: Int, last: Int, width: Double, format: Format? = nil) throws(XLSXError) {
        let sheet = try openHandle()
        guard (0..<Grid.columnCount).contains(first), (0..<Grid.columnCount).contains(last), first <= last else {
            throw .cellOutOfRange(sheet: name, row: 0, column: first < 0 || first >= Grid.columnCount ? first : last)
        }
        guard width >= 0, width <= 255 else { throw .invalidArgument("column width \(width) is not in 0...255") }
        if let earlier = columnRanges.first(where: { $0.overlaps(first...last) }) {
            throw .invalidArgument("columns \(Self.columnsName(first...last)) of sheet '\(name)' overlap "
                                   + "\(Self.columnsName(earlier)), set before; give each column its width once")
        }
        columnRanges.append(first...last)
        let columnFormat = try workbook.formatHandle(format)
        try check(worksheet_set_column(sheet, lxw_col_t(first), lxw_col_t(last), width, columnFormat),
                  "setting columns \(CellRange.columnName(first)):\(CellRange.columnName(last)) of sheet '\(name)'")
    }

    /// Sets the height of `row` in points (default row height is 15) and its default format.
    /// In constant-memory mode call it before writing the row's cells.
    /// - Throws: `XLSXError.invalidArgument` for a height outside 0...409.
    public func setRow(_ row: Int, height: Double, format: Format? = nil) throws(XLSXError) {
        let sheet = try prepare(row: row, col: 0)
        guard height >= 0, height <= 409 else { throw .invalidArgument("row height \(height) is not in 0...409") }
        let rowFormat = try workbook.formatHandle(format)
        try check(worksheet_set_row(sheet, lxw_row_t(row), height, rowFormat),
                  "setting row \(row + 1) of sheet '\(name)'")
    }

    /// Freezes the rows above `row` and the columns left of `col`: `freezePanes(row: 1, col: 0)`
    /// keeps a header row in view.
    public func freezePanes(row: Int, col: Int) throws(XLSXError) {
        let sheet = try openHandle()
        guard (0..<Grid.rowCount).contains(row), (0..<Grid.columnCount).contains(col) else {
            throw .cellOutOfRange(sheet: name, row: row, column: col)
        }
        worksheet_freeze_panes(sheet, lxw_row_t(row), lxw_col_t(col))
    }

    /// Adds filter buttons to the header row `firstRow` over `firstCol...lastCol`; the filtered
    /// data runs to `lastRow`. One autofilter per sheet.
    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws(XLSXError) {
        let sheet = try openHandle()
        let range = try checked(CellRange(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol))
        try check(worksheet_autofilter(sheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstCol),
                                       lxw_row_t(range.lastRow), lxw_col_t(range.lastCol)),
                  "adding an autofilter on \(name)!\(range)")
    }

    /// Merges `range` into one cell showing `text` (always as text, never a formula).
    public func mergeRange(_ range: CellRange, text: String, format: Format? = nil) throws(XLSXError) {
        let range = try checked(range)
        let sheet = try prepare(row: range.firstRow, col: range.firstCol)
        let cellFormat = try workbook.formatHandle(format)
        let value = fitted(text, row: range.firstRow, col: range.firstCol)
        try check(worksheet_merge_range(sheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstCol),
                                        lxw_row_t(range.lastRow), lxw_col_t(range.lastCol), value, cellFormat),
                  "merging \(name)!\(range)")
        // The merge writes every row of the range.
        _ = try prepare(row: range.lastRow, col: range.firstCol)
    }

    /// Colours `range` on a three-colour scale: lowest value `minColor`, 50th percentile
    /// `midColor`, highest `maxColor` (a heatmap). Empty cells stay uncoloured.
    public func conditionalFormat3ColorScale(_ range: CellRange, minColor: Color, midColor: Color,
                                             maxColor: Color) throws(XLSXError) {
        let sheet = try openHandle()
        let range = try checked(range)
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        rule.min_color = minColor.lxwValue
        rule.mid_color = midColor.lxwValue
        rule.max_color = maxColor.lxwValue
        try check(worksheet_conditional_format_range(sheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstCol),
                                                     lxw_row_t(range.lastRow), lxw_col_t(range.lastCol), &rule),
                  "adding a colour scale on \(name)!\(range)")
    }

    /// Places the PNG or JPEG at `path` with its top-left corner in cell (`row`, `col`), scaled by
    /// `scale` in both directions (default 1).
    public func insertImage(_ path: String, row: Int, col: Int, scale: Double = 1) throws(XLSXError) {
        let sheet = try openHandle()
        guard (0..<Grid.rowCount).contains(row), (0..<Grid.columnCount).contains(col) else {
            throw .cellOutOfRange(sheet: name, row: row, column: col)
        }
        guard scale > 0, scale.isFinite else { throw .invalidArgument("image scale \(scale) is not above 0") }
        var options = lxw_image_options()
        options.x_scale = scale
        options.y_scale = scale
        try check(worksheet_insert_image_opt(sheet, lxw_row_t(row), lxw_col_t(col), path, &options),
                  "inserting image '\(path)' at \(cellName(row, col))")
    }

    /// Places `chart` with its top-left corner in cell (`row`, `col`). A chart can be placed once.
    /// - Parameters:
    ///   - xScale: Horizontal scale of the chart's 480-pixel default width. Default `nil`: from
    ///     `Chart.setSize(width:height:)`, else 1.
    ///   - yScale: Vertical scale of the 288-pixel default height. Default `nil`: as `xScale`'s rule.
    public func insertChart(_ chart: Chart, row: Int, col: Int, xScale: Double? = nil,
                            yScale: Double? = nil) throws(XLSXError) {
        let sheet = try openHandle()
        guard chart.workbook === workbook else { throw .foreignObject("chart") }
        guard (0..<Grid.rowCount).contains(row), (0..<Grid.columnCount).contains(col) else {
            throw .cellOutOfRange(sheet: name, row: row, column: col)
        }
        guard chart.seriesCount > 0 else {
            throw .invalidArgument("a \(chart.kind) chart needs at least one series before it is inserted")
        }
        var options = lxw_chart_options()
        options.x_scale = xScale ?? chart.xScale
        options.y_scale = yScale ?? chart.yScale
        guard options.x_scale > 0, options.y_scale > 0, options.x_scale.isFinite, options.y_scale.isFinite else {
            throw .invalidArgument("chart scale must be above 0")
        }
        try check(worksheet_insert_chart_opt(sheet, lxw_row_t(row), lxw_col_t(col), chart.handle, &options),
                  "inserting a \(chart.kind) chart at \(cellName(row, col))")
    }

    /// Hides the grid lines on screen and in print.
    public func hideGridlines() throws(XLSXError) {
        worksheet_gridlines(try openHandle(), UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    /// Colours the sheet's tab.
    public func setTabColor(_ color: Color) throws(XLSXError) {
        worksheet_set_tab_color(try openHandle(), color.lxwValue)
    }

    /// `B:G`, Excel's name for a run of whole columns.
    static func columnsName(_ columns: ClosedRange<Int>) -> String {
        "\(CellRange.columnName(columns.lowerBound)):\(CellRange.columnName(columns.upperBound))"
    }

    /// `range` after checking it lies on Excel's grid.
    func checked(_ range: CellRange) throws(XLSXError) -> CellRange {
        for (row, col) in [(range.firstRow, range.firstCol), (range.lastRow, range.lastCol)] {
            guard (0..<Grid.rowCount).contains(row), (0..<Grid.columnCount).contains(col) else {
                throw .cellOutOfRange(sheet: name, row: row, column: col)
            }
        }
        return range
    }
}
