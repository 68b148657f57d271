/// A rectangle of cells by zero-based indexes, corners included.
///
/// ```swift
/// let body = CellRange(firstRow: 1, firstCol: 2, lastRow: 100, lastCol: 2)   // C2:C101
/// ```
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    /// Top row (0 is Excel's row 1).
    public var firstRow: Int
    /// Left column (0 is column A).
    public var firstCol: Int
    /// Bottom row, included.
    public var lastRow: Int
    /// Right column, included.
    public var lastCol: Int

    /// A range from its corners; the corners may be given in any order.
    public init(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.firstRow = min(firstRow, lastRow)
        self.lastRow = max(firstRow, lastRow)
        self.firstCol = min(firstCol, lastCol)
        self.lastCol = max(firstCol, lastCol)
    }

    /// The A1-style name, e.g. `B2:D10` (or `B2` for a single cell).
    public var description: String {
        let first = CellRange.cellName(row: firstRow, col: firstCol)
        if firstRow == lastRow && firstCol == lastCol { return first }
        return first + ":" + CellRange.cellName(row: lastRow, col: lastCol)
    }

    /// Excel's name for a cell: `cellName(row: 13, col: 2)` is `C14`.
    public static func cellName(row: Int, col: Int) -> String {
        columnName(col) + String(row + 1)
    }

    /// Excel's letters for a zero-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
    public static func columnName(_ col: Int) -> String {
        guard col >= 0 else { return "?" }
        var n = col + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}

/// A range on a named sheet, as chart series use them: `'Daily data'!$A$2:$A$31`.
public struct SheetRange: Hashable, Sendable {
    /// The worksheet's name, exactly as given to `Workbook.addWorksheet`.
    public var sheet: String
    /// The cells on that sheet.
    public var range: CellRange

    /// A range on `sheet` from its corners (zero-based).
    public init(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.sheet = sheet
        self.range = CellRange(firstRow: firstRow, firstCol: firstCol, lastRow: lastRow, lastCol: lastCol)
    }

    /// A range on `sheet`.
    public init(sheet: String, range: CellRange) {
        self.sheet = sheet
        self.range = range
    }
}

/// Excel's grid limits.
enum Grid {
    static let rowCount = 1_048_576
    static let columnCount = 16_384
    static let maxStringLength = 32_767
    static let maxURLLength = 255
    static let maxURLsPerSheet = 65_530
    static let maxSheetNameLength = 31
}
