import Foundation
import Testing
@testable import XLSX

/// Constant-memory mode: big sheets stream row by row; rows must come in order.
@Suite struct ConstantMemoryTests {
    @Test func twoHundredThousandRowsByTenColumns() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "big.xlsx")
        let rows = 200_000
        let cols = 10
        let book = try Workbook(path: file.path, options: WorkbookOptions(
            constantMemory: true, tmpdir: dir.path, created: TestSupport.fixedDate))
        let sheet = try book.addWorksheet("Big")
        for col in 0..<cols { try sheet.write("c\(col)", row: 0, col: col) }
        var expectedSum = 0.0
        for row in 1...rows {
            for col in 0..<cols {
                let value = Double(row * cols + col) / 4
                expectedSum += value
                try sheet.write(value, row: row, col: col)
            }
        }
        try book.close()
        let summary = try #require((try TestSupport.readBack(file, summary: true))["summary"] as? [String: Any])
        let big = try #require(summary["Big"] as? [String: Any])
        #expect(big["rows"] as? Int == rows + 1)
        #expect(big["cells"] as? Int == (rows + 1) * cols)
        #expect(big["max_columns"] as? Int == cols)
        let sum = try #require(big["sum"] as? Double)
        #expect(abs(sum - expectedSum) <= 1e-9 * expectedSum)
        let types = try #require(big["types"] as? [String: Int])
        #expect(types["n"] == rows * cols)
        #expect(types["s"] == cols)
        #expect(types["f"] == nil)
    }

    @Test func writingARowBehindTheLastOneThrows() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = try Workbook(path: dir.appending(path: "order.xlsx").path,
                                options: WorkbookOptions(constantMemory: true))
        let sheet = try book.addWorksheet("Rows")
        try sheet.write("first", row: 5, col: 0)
        try sheet.write("same row, earlier column", row: 5, col: 0)
        #expect(throws: XLSXError.rowOutOfOrder(sheet: "Rows", row: 2, after: 5)) {
            try sheet.write(1.0, row: 2, col: 0)
        }
        // Another sheet keeps its own order.
        let other = try book.addWorksheet("Other")
        try other.write("fine", row: 0, col: 0)
        try book.close()
    }

    @Test func outOfOrderIsFineInNormalMode() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "normal.xlsx")
        let book = try Workbook(path: file.path)
        let sheet = try book.addWorksheet("Rows")
        try sheet.write("late", row: 5, col: 0)
        try sheet.write("early", row: 2, col: 0)
        try book.close()
        let cells = (try TestSupport.readBack(file)["cells"] as? [String: [String: [String: Any]]])?["Rows"]
        #expect(cells?["A3"]?["value"] as? String == "early")
        #expect(cells?["A6"]?["value"] as? String == "late")
    }

    /// libxlsxwriter's tmpfileplus tries TMPDIR and /tmp when the given directory fails.
    @Test func missingTemporaryDirectoryFallsBackToTheSystemOne() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "t.xlsx")
        let book = try Workbook(path: file.path, options: WorkbookOptions(
            constantMemory: true, tmpdir: dir.appending(path: "no-such-dir").path))
        let sheet = try book.addWorksheet("S")
        for row in 0..<3 { try sheet.write(Double(row), row: row, col: 0) }
        try book.close()
        let summary = (try TestSupport.readBack(file, summary: true)["summary"] as? [String: [String: Any]])?["S"]
        #expect(summary?["sum"] as? Double == 3)
    }
}
