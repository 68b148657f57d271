import XLSX

/// How every sheet of the workbook prints: on the report's paper, scaled to the width of one
/// page, the header rows repeated on every page, only the sheet's content as the print area, and
/// a footer with the account, the period and "Page N of M".
struct PrintLayout {
    let paper: Worksheet.Paper
    let footer: String

    init(_ draft: ReportDraft) {
        paper = draft.options.paper == .letter ? .letter : .a4
        footer = "@\(draft.handle) · \(draft.periodText)"
    }

    /// Sets up `sheet` to print rows `0...lastRow` and columns `0...lastCol` (charts placed on
    /// the sheet must lie inside them, or they do not print).
    /// - Parameters:
    ///   - headerRows: rows repeated at the top of every page; nil for none.
    ///   - landscape: print across the long side, for sheets wider than they are long.
    ///   - onePage: scale the whole print area onto one page (a short sheet such as Summary).
    func apply(to sheet: Worksheet, lastRow: Int, lastCol: Int, headerRows: ClosedRange<Int>?, landscape: Bool,
               onePage: Bool = false) throws {
        try sheet.setPaper(paper)
        if landscape { try sheet.setLandscape() }
        try sheet.fitToPages(wide: 1, tall: onePage ? 1 : 0)
        if let headerRows { try sheet.repeatRowsOnEveryPage(headerRows) }
        try sheet.setPrintArea(CellRange(firstRow: 0, firstCol: 0, lastRow: max(lastRow, 0), lastCol: lastCol))
        try sheet.setFooter(left: footer, center: sheet.name, right: "Page {page} of {pages}")
    }
}
