import Foundation
import Testing
@testable import XLSX

@Suite struct DateTimeTests {
    /// Writes one cell with `body` and returns openpyxl's view of A1 on sheet "D".
    func readCell(_ body: (Worksheet) throws -> Void) throws -> [String: Any]? {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "dates.xlsx")
        let book = try Workbook(path: file.path)
        try body(try book.addWorksheet("D"))
        try book.close()
        return (try TestSupport.readBack(file)["cells"] as? [String: [String: [String: Any]]])?["D"]?["A1"]
    }

    @Test func fractionalSecondsSurvive() throws {
        // 2024-03-10T07:30:00.5Z; openpyxl rounds serials to microseconds.
        let cell = try readCell { try $0.writeDateTime(Date(timeIntervalSince1970: 1_710_055_800.5), row: 0, col: 0) }
        #expect(cell?["value"] as? String == "2024-03-10T07:30:00.500000")
    }

    @Test func wallClockFieldsAreWrittenAsGiven() throws {
        let dateOnly = try #require(try readCell {
            try $0.writeDateTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, row: 0, col: 0,
                                 format: try $0.workbook.addFormat(FormatSpec(numberFormat: "yyyy-mm-dd")))
        })
        #expect(dateOnly["value"] as? String == "2024-02-29T23:59:59")
        #expect(dateOnly["number_format"] as? String == "yyyy-mm-dd")
    }

    @Test(arguments: [(1899, 12, 31, 0, 0), (10_000, 1, 1, 0, 0), (2024, 13, 1, 0, 0), (2024, 1, 0, 0, 0),
                      (2024, 1, 1, 24, 0), (2024, 1, 1, 0, 60)])
    func fieldsOutsideExcelsRangeThrow(year: Int, month: Int, day: Int, hour: Int, minute: Int) throws {
        let book = try Workbook(path: try TestSupport.temporaryDirectory().appending(path: "x.xlsx").path)
        let sheet = try book.addWorksheet("D")
        #expect(throws: XLSXError.self) {
            try sheet.writeDateTime(year: year, month: month, day: day, hour: hour, minute: minute, row: 0, col: 0)
        }
        // 1874 as a Date is refused the same way.
        #expect(throws: XLSXError.self) {
            try sheet.writeDateTime(Date(timeIntervalSince1970: -3_000_000_000), row: 0, col: 0)
        }
    }
}
