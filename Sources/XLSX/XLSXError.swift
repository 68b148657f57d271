/// Everything that can go wrong while building a workbook.
///
/// Each case names the input that caused it (a sheet name, a cell such as `Posts!C14`), so that a
/// message can be shown to an analyst as it is. libxlsxwriter's own text is kept in `writeFailed`.
public enum XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libxlsxwriter returned an error code. `message` is its `lxw_strerror` text, `context` says
    /// what we were doing, e.g. "writing cell Posts!C14".
    case writeFailed(code: Int, message: String, while: String)
    /// libxlsxwriter could not create the workbook object for `path` (out of memory or a bad path).
    case cannotCreate(path: String)
    /// A sheet name Excel would refuse; `reason` says which rule it breaks.
    case invalidSheetName(String, reason: String)
    /// A cell outside Excel's grid (1,048,576 rows × 16,384 columns; indexes start at 0).
    case cellOutOfRange(sheet: String, row: Int, column: Int)
    /// In constant-memory mode rows must be written in ascending order per sheet.
    case rowOutOfOrder(sheet: String, row: Int, after: Int)
    /// A chart series or range names a sheet that the workbook does not have.
    case unknownSheet(String)
    /// A format, chart or sheet from another workbook was passed in.
    case foreignObject(String)
    /// The workbook was already closed (written or failed); nothing more can be added.
    case workbookClosed
    /// A parameter outside what Excel accepts, e.g. a negative column width.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .writeFailed(code, message, context):
            return "xlsx: \(context): \(message) (libxlsxwriter error \(code))"
        case let .cannotCreate(path):
            return "xlsx: cannot create workbook '\(path)'"
        case let .invalidSheetName(name, reason):
            return "xlsx: invalid sheet name '\(name)': \(reason)"
        case let .cellOutOfRange(sheet, row, column):
            return "xlsx: cell row \(row), column \(column) on sheet '\(sheet)' is outside "
                + "Excel's grid (rows 0..<1048576, columns 0..<16384)"
        case let .rowOutOfOrder(sheet, row, after):
            return "xlsx: constant-memory mode writes rows in order, but sheet '\(sheet)' got row "
                + "\(row + 1) after row \(after + 1)"
        case let .unknownSheet(name):
            return "xlsx: no sheet named '\(name)' in this workbook"
        case let .foreignObject(what):
            return "xlsx: \(what) belongs to another workbook"
        case .workbookClosed:
            return "xlsx: the workbook is already closed"
        case let .invalidArgument(text):
            return "xlsx: \(text)"
        }
    }
}

/// Something written differently from what was asked, without failing the workbook.
public enum XLSXWarning: Equatable, Sendable, CustomStringConvertible {
    /// A string longer than Excel's 32,767 characters was cut and ended with "…".
    case stringTruncated(cell: String, originalLength: Int)
    /// A URL was written as plain text: it was invalid, too long, or the sheet's hyperlink limit
    /// (65,530) was reached. `reason` says which.
    case urlWrittenAsText(cell: String, reason: String)
    /// NaN or ±Inf was written as a blank cell (Excel has no such numbers).
    case nonFiniteNumberBlanked(cell: String)
    /// Text held NUL characters, which a cell cannot store (the text would end at the first);
    /// they were left out.
    case nulRemoved(cell: String)

    public var description: String {
        switch self {
        case let .stringTruncated(cell, length):
            return "\(cell): text of \(length) characters cut to Excel's limit of 32,767"
        case let .urlWrittenAsText(cell, reason):
            return "\(cell): link written as plain text (\(reason))"
        case let .nonFiniteNumberBlanked(cell):
            return "\(cell): NaN or infinite number written as an empty cell"
        case let .nulRemoved(cell):
            return "\(cell): text held NUL characters, which a cell cannot store; they were left out"
        }
    }
}
