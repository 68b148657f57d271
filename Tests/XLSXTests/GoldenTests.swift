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
