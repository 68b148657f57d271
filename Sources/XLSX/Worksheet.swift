import CXlsxWriter
import Foundation

/// One sheet of a `Workbook`: cells, column widths, panes, filters, images and charts.
///
/// Rows and columns are zero-based (`row: 0, col: 0` is A1). Every call throws
/// `XLSXError.cellOutOfRange` outside Excel's grid and `XLSXError.workbookClosed` after
/// `Workbook.close()`. In constant-memory mode rows must come in ascending order
/// (`XLSXError.rowOutOfOrder`); cells within a row may come in any order.
///
/// ```swift
/// try sheet.write("=not a formula", row: 0, col: 0)        // stays text
/// try sheet.write(rate, row: 1, col: 3, format: percent)   // nil, NaN, ±Inf → empty cell
/// try sheet.writeURL("https://x.com/i/status/1", text: "open", row: 1, col: 4)
/// ```
public final class Worksheet {
    /// The sheet's name as shown on its tab.
    public let name: String
    /// Position among the workbook's sheets, from 0.
    public let index: Int
    /// The workbook, kept alive as long as the sheet is.
    public let workbook: Workbook
    private let handle: UnsafeMutablePointer<lxw_worksheet>
    /// Hyperlinks written so far (Excel allows 65,530 per sheet).
    public private(set) var hyperlinkCount = 0

    /// The highest row touched so far (constant-memory order check); -1 before the first write.
    private var lastRow = -1

    /// Column ranges given to `setColumn` so far; a new range may not overlap them.
    var columnRanges: [ClosedRange<Int>] = []

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String, index: Int) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
        self.index = index
    }

    // MARK: cells

    /// Writes `text` as a string cell, never as a formula: `=SUM(A1)`, `+cmd`, `-1+1` and `@x`
    /// stay text. Text over Excel's 32,767 characters is cut, ends with "…" and adds a
    /// `XLSXWarning.stringTruncated`.
    public func write(_ text: String, row: Int, col: Int, format: Format? = nil) throws(XLSXError) {
        let sheet = try prepare(row: row, col: col)
        let cellFormat = try workbook.formatHandle(format)
        let value = fitted(text, row: row, col: col)
        try check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(col), value, cellFormat),
                  "writing cell \(cellName(row, col))")
    }

    /// Writes a number. `nil` writes an empty cell (formatted if `format` is given); NaN and ±Inf
    /// do the same and add `XLSXWarning.nonFiniteNumberBlanked`, since Excel has no such values.
    public func write(_ number: Double?, row: Int, col: Int, format: Format? = nil) throws(XLSXError) {
        guard let number else {
            try writeBlank(row: row, col: col, format: format)
            return
        }
        guard number.isFinite else {
            workbook.warn(.nonFiniteNumberBlanked(cell: cellName(row, col)))
            try writeBlank(row: row, col: col, format: format)
            return
        }
        let sheet = try prepare(row: row, col: col)
        let cellFormat = try workbook.formatHandle(format)
        try check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(col), number, cellFormat),
                  "writing cell \(cellName(row, col))")
    }

    /// Writes an integer as a number (Excel stores doubles: exact up to 2^53). `nil` writes an
    /// empty cell.
    public func write(integer: Int64?, row: Int, col: Int, format: Format? = nil) throws(XLSXError) {
        try write(integer.map(Double.init), row: row, col: col, format: format)
    }

    /// Writes an empty cell. Without a format libxlsxwriter leaves the cell out altogether.
    public func writeBlank(row: Int, col: Int, format: Format? = nil) throws(XLSXError) {
        let sheet = try prepare(row: row, col: col)
        let cellFormat = try workbook.formatHandle(format)
        try check(worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(col), cellFormat),
                  "writing cell \(cellName(row, col))")
    }

    /// Writes a clickable link showing `text` (default: the URL itself; for `mailto:` links the
    /// address without the scheme).
    ///
    /// Accepted schemes: `http://`, `https://`, `ftp://`, `ftps://`, `mailto:`. When the URL has
    /// another form, contains whitespace, is longer than 255 characters, or the sheet already holds
    /// 65,530 links, the URL itself is written as plain text instead and a
    /// `XLSXWarning.urlWrittenAsText` is added.
    /// - Parameter format: Default `nil`: Excel's hyperlink style (blue, underlined).
    /// - Returns: `true` when a link was written, `false` when the text fallback was used.
    @discardableResult
    public func writeURL(_ url: String, text: String? = nil, row: Int, col: Int,
                         format: Format? = nil) throws(XLSXError) -> Bool {
        let sheet = try prepare(row: row, col: col)
        let cellFormat = try workbook.formatHandle(format)
        if let reason = Worksheet.urlProblem(url, linksSoFar: hyperlinkCount) {
            return try writeURLAsText(url, reason: reason, row: row, col: col, format: format)
        }
        let shown = text.map { fitted($0, row: row, col: col) }
        let status = worksheet_write_url_opt(sheet, lxw_row_t(row), lxw_col_t(col), url, cellFormat, shown, nil)
        switch status {
        case LXW_NO_ERROR:
            hyperlinkCount += 1
            return true
        case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED, LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED,
             LXW_ERROR_255_STRING_LENGTH_EXCEEDED, LXW_ERROR_PARAMETER_VALIDATION:
            return try writeURLAsText(url, reason: String(cString: lxw_strerror(status)),
                                      row: row, col: col, format: format)
        default:
            try check(status, "writing link in cell \(cellName(row, col))")
            return false
        }
    }

    /// Writes `date` as an Excel date-time serial from its UTC fields, as given: convert to local
    /// time before calling, or use `writeDateTime(year:month:day:hour:minute:second:…)`.
    /// - Parameter format: Default `nil`: `yyyy-mm-dd hh:mm:ss`.
    /// - Throws: `XLSXError.invalidArgument` for years outside Excel's 1900...9999.
    public func writeDateTime(_ date: Date, row: Int, col: Int, format: Format? = nil) throws(XLSXError) {
        let t = date.timeIntervalSince1970
        guard t.isFinite else { throw .invalidArgument("date-time \(t) is not finite") }
        let whole = t.rounded(.down)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let fields = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                             from: Date(timeIntervalSince1970: whole))
        try writeDateTime(year: fields.year ?? 0, month: fields.month ?? 0, day: fields.day ?? 0,
                          hour: fields.hour ?? 0, minute: fields.minute ?? 0,
                          second: Double(fields.second ?? 0) + (t - whole),
                          row: row, col: col, format: format)
    }

    /// Writes a date-time from wall-clock fields (already in the reader's time zone) as an Excel
    /// serial.
    /// - Parameter format: Default `nil`: `yyyy-mm-dd hh:mm:ss`.
    /// - Throws: `XLSXError.invalidArgument` when a field is out of range (year 1900...9999,
    ///   month 1...12, day 1...31, hour 0...23, minute 0...59, second 0..<60).
    public func writeDateTime(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0,
                              second: Double = 0, row: Int, col: Int,
                              format: Format? = nil) throws(XLSXError) {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), second >= 0, second < 60 else {
            throw .invalidArgument("date-time \(year)-\(month)-\(day) \(hour):\(minute):\(second) for cell "
                                   + "\(cellName(row, col)) is outside Excel's range")
        }
        let sheet = try prepare(row: row, col: col)
        var dateFormat = format
        if dateFormat == nil {
            dateFormat = try workbook.addFormat(FormatSpec(numberFormat: "yyyy-mm-dd hh:mm:ss"))
        }
        let cellFormat = try workbook.formatHandle(dateFormat)
        var value = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day),
                                 hour: Int32(hour), min: Int32(minute), sec: second)
        try check(worksheet_write_datetime(sheet, lxw_row_t(row), lxw_col_t(col), &value, cellFormat),
                  "writing date in cell \(cellName(row, col))")
    }

    // MARK: helpers

    /// The sheet handle after checking the workbook is open, the cell is on the grid and, in
    /// constant-memory mode, the row is not behind the last one written.
    func prepare(row: Int, col: Int) throws(XLSXError) -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try workbook.openHandle()
        guard (0..<Grid.rowCount).contains(row), (0..<Grid.columnCount).contains(col) else {
            throw .cellOutOfRange(sheet: name, row: row, column: col)
        }
        if workbook.options.constantMemory {
            if row < lastRow { throw .rowOutOfOrder(sheet: name, row: row, after: lastRow) }
        }
        lastRow = max(lastRow, row)
        return handle
    }

    /// The sheet handle for calls that touch no cell.
    func openHandle() throws(XLSXError) -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try workbook.openHandle()
        return handle
    }

    /// `Posts!C14`, for messages.
    func cellName(_ row: Int, _ col: Int) -> String {
        "\(name)!\(CellRange.cellName(row: row, col: col))"
    }

    /// `text` without NUL characters, cut to Excel's limit with a trailing "…" when longer; each
    /// change is a warning.
    func fitted(_ text: String, row: Int, col: Int) -> String {
        var text = text
        if text.utf8.contains(0) {
            // libxlsxwriter takes C strings: the text would silently end at the first NUL.
            text.removeAll { $0 == "\u{0}" }
            workbook.warn(.nulRemoved(cell: cellName(row, col)))
        }
        guard text.utf16.count > Grid.maxStringLength else { return text }
        var cut = ""
        var units = 0
        for character in text {
            let width = character.utf16.count
            if units + width > Grid.maxStringLength - 1 { break }
            cut.append(character)
            units += width
        }
        workbook.warn(.stringTruncated(cell: cellName(row, col), originalLength: text.count))
        return cut + "…"
    }

    private func writeURLAsText(_ url: String, reason: String, row: Int, col: Int,
                                format: Format?) throws(XLSXError) -> Bool {
        workbook.warn(.urlWrittenAsText(cell: cellName(row, col), reason: reason))
        try write(url, row: row, col: col, format: format)
        return false
    }

    /// Why `url` cannot be a link, or nil when it can.
    static func urlProblem(_ url: String, linksSoFar: Int) -> String? {
        if linksSoFar >= Grid.maxURLsPerSheet { return "the sheet already has 65,530 links" }
        let schemes = ["http://", "https://", "ftp://", "ftps://", "mailto:"]
        let lower = url.lowercased()
        guard let scheme = schemes.first(where: { lower.hasPrefix($0) }) else {
            return "not an http, https, ftp or mailto URL"
        }
        if url.utf8.count <= scheme.utf8.count { return "nothing after the scheme" }
        // ASCII controls and space, then the rarer Unicode spaces only when non-ASCII bytes occur.
        if url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
            || (url.utf8.contains { $0 >= 0x80 } && url.unicodeScalars.contains { $0.properties.isWhitespace }) {
            return "contains whitespace or control characters"
        }
        if url.utf16.count > Grid.maxURLLength { return "longer than 255 characters" }
        return nil
    }
}
