import Foundation
import Testing
@testable import XLSX

/// Compares normalised XML parts of the sample workbook with committed golden files in
/// Tests/Fixtures/xlsx/golden/. A missing golden is recorded and the test fails once;
/// `RECORD_SNAPSHOTS=1 swift test --filter XLSXTests.GoldenTests` re-records them all (and fails,
/// so that a recording run is never mistaken for a passing one).
@Suite struct GoldenTests {
    static let parts = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml", "xl/charts/chart1.xml"]

    /// One element per line, so that a diff of the golden file points at the element that changed.
    static func normalised(_ xml: String) -> String {
        xml.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "><", with: ">\n<")
            .trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    @Test(arguments: parts)
    func partMatchesGolden(part: String) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "golden.xlsx")
        try SampleWorkbook.write(to: file.path, options: WorkbookOptions(created: TestSupport.fixedDate))
        let actual = Self.normalised(try TestSupport.zipPart(file, part))
        let golden = TestSupport.fixtures.appending(path: "golden/" + part.replacingOccurrences(of: "/", with: "_"))
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("Recorded golden \(golden.lastPathComponent); check it, commit it and run again.")
            return
        }
        #expect(actual == expected, "\(part) differs from \(golden.path); RECORD_SNAPSHOTS=1 re-records")
    }
}

/// engage's sample workbook against the same sheets written by another writer: XlsxWriter, run by
/// Tests/Fixtures/xlsx/make_other_writer_golden.py from the values and the documented rules (text
/// stays text, non-finite numbers are empty, links fall back to text). openpyxl reads both and
/// compares every cell's value, type and number format, the merged ranges and the charts.
@Suite struct OtherWriterGoldenTests {
    @Test func sampleSheetsMatchTheXlsxWriterGolden() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "engage.xlsx")
        try SampleWorkbook.write(to: file.path, options: WorkbookOptions(created: TestSupport.fixedDate))
        let golden = TestSupport.fixtures.appending(path: "golden/sample-by-xlsxwriter.xlsx")
        let script = TestSupport.fixtures.deletingLastPathComponent().appending(path: "compare_workbooks.py")
        let output = try TestSupport.run("/usr/bin/env", ["python3", script.path, file.path, golden.path,
                                                          "Posts", "Daily data", "Heat", "Summary"])
        let result = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(result["differences"] as? [String] == [])
        #expect(result["sheets"] as? Int == 4)
        #expect(result["cells"] as? Int == (5 + 5 * 5 - 4) + (5 + 10 * 6) + 12 + 1)  // four empty rate cells
        #expect(result["charts"] as? Int == 2)
    }
}
