import Testing
@testable import XLSX

@Suite struct CellRangeTests {
    // Anchors from Excel's own grid: 26 letters, then two, then three; XFD is column 16,384.
    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"),
                      (702, "AAA"), (16_383, "XFD")])
    func columnNames(index: Int, name: String) {
        #expect(CellRange.columnName(index) == name)
    }

    @Test func rangeNamesAndCornerOrder() {
        #expect(CellRange(firstRow: 13, firstCol: 2, lastRow: 13, lastCol: 2).description == "C14")
        #expect(CellRange(firstRow: 9, firstCol: 3, lastRow: 1, lastCol: 1).description == "B2:D10")
    }

    @Test func colours() {
        #expect(Color(hex: "#1f77b4")?.rgb == 0x1F77B4)
        #expect(Color(hex: "1F77B4") == Color(rgb: 0x1F77B4))
        #expect(Color(hex: "#12345") == nil)
        #expect(Color(hex: "#GGGGGG") == nil)
        #expect(Color(rgb: 0x0563C1).description == "#0563C1")
        #expect(Color.black.lxwValue == 0x100_0000)
    }

    @Test(arguments: [("Posts", "Posts"), ("a/b:c", "a_b_c"), ("'x'", "x"), ("", "Sheet"),
                      ("History", "History_"), (String(repeating: "n", count: 40), String(repeating: "n", count: 31))])
    func sanitisedSheetNames(raw: String, expected: String) throws {
        #expect(Workbook.sanitizedSheetName(raw) == expected)
        try Workbook.validateSheetName(Workbook.sanitizedSheetName(raw))
    }
}
