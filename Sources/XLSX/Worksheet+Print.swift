import CXlsxWriter

extension Worksheet {
    /// A paper size for printing.
    public enum Paper: Sendable {
        /// ISO A4, 210 × 297 mm.
        case a4
        /// US Letter, 8.5 × 11 in.
        case letter

        /// libxlsxwriter's (and Excel's) paper index.
        var lxwValue: UInt8 {
            switch self {
            case .a4: 9
            case .letter: 1
            }
        }
    }

    /// Prints the sheet in landscape orientation.
    public func setLandscape() throws(XLSXError) {
        worksheet_set_landscape(try openHandle())
    }

    /// Prints on `paper`.
    public func setPaper(_ paper: Paper) throws(XLSXError) {
        worksheet_set_paper(try openHandle(), paper.lxwValue)
    }

    /// Scales the printout to `wide` pages across and `tall` pages down; 0 leaves that
    /// direction free. `fitToPages(wide: 1, tall: 0)`: every column on one page, the rows on as
    /// many pages as they need.
    public func fitToPages(wide: Int, tall: Int) throws(XLSXError) {
        guard (0...Int(UInt16.max)).contains(wide), (0...Int(UInt16.max)).contains(tall) else {
            throw .invalidArgument("fit to \(wide) × \(tall) pages is out of range")
        }
        worksheet_fit_to_pages(try openHandle(), UInt16(wide), UInt16(tall))
    }

    /// Repeats `rows` (zero-based) at the top of every printed page, e.g. `0...0` for a header row.
    public func repeatRowsOnEveryPage(_ rows: ClosedRange<Int>) throws(XLSXError) {
        let sheet = try openHandle()
        guard rows.lowerBound >= 0, rows.upperBound < Grid.rowCount else {
            throw .cellOutOfRange(sheet: name, row: rows.lowerBound < 0 ? rows.lowerBound : rows.upperBound, column: 0)
        }
        try check(worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                  "repeating rows \(rows.lowerBound + 1)-\(rows.upperBound + 1) of sheet '\(name)' on every page")
    }

    /// Prints only `range`.
    public func setPrintArea(_ range: CellRange) throws(XLSXError) {
        let sheet = try openHandle()
        let range = try checked(range)
        try check(worksheet_print_area(sheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstCol),
                                       lxw_row_t(range.lastRow), lxw_col_t(range.lastCol)),
                  "setting the print area of sheet '\(name)' to \(range)")
    }

    /// Prints `left`, `center` and `right` at the foot of every page. In each, `{page}` is the
    /// page number and `{pages}` the number of pages; any other text is printed as given.
    ///
    /// ```swift
    /// try sheet.setFooter(left: "@northwind · 2025-10-01 – 2025-10-31", right: "Page {page} of {pages}")
    /// ```
    /// - Throws: `XLSXError.invalidArgument` when the footer is longer than Excel's 255 characters.
    public func setFooter(left: String = "", center: String = "", right: String = "") throws(XLSXError) {
        let sheet = try openHandle()
        func code(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&&")
                .replacingOccurrences(of: "{pages}", with: "&N").replacingOccurrences(of: "{page}", with: "&P")
        }
        var footer = ""
        for (section, text) in [("&L", left), ("&C", center), ("&R", right)] where !text.isEmpty {
            footer += section + code(text)
        }
        guard footer.utf16.count <= 255 else {
            throw .invalidArgument("the footer of sheet '\(name)' is \(footer.utf16.count) characters long; Excel allows 255")
        }
        try check(worksheet_set_footer(sheet, footer), "setting the footer of sheet '\(name)'")
    }
}
