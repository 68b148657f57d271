import Foundation
import Testing

/// More rows than Excel's grid (1,048,576) never fail the report: the sheet is cut with a note in
/// its last row and in About saying how many were left out.
@Suite struct GridLimitTests {
    @Test func moreSkippedRowsThanTheGridAreCutWithANote() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let sample = try String(contentsOfFile: Workdir.sample("tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv"), encoding: .utf8)
        let good = sample.split(separator: "\n", omittingEmptySubsequences: false).prefix(21).joined(separator: "\n")
        let input = dir.root.appending(path: "tweet_activity_metrics_grid_20250801_20251031_en.csv")
        try Data((good + "\n" + String(repeating: "x\n", count: 1_100_000)).utf8).write(to: input)
        let run = try dir.run(["report", input.path, "--tz", "UTC", "--out", "out", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let workbook = try #require(dir.files(in: "out").first { $0.hasSuffix(".xlsx") })
        // Read with Python's zipfile (an independent reader); openpyxl takes minutes over a million rows.
        let check = try dir.python("check_grid_limit.py", [dir.root.appending(path: "out/\(workbook)").path, "DataIssues"])
        #expect(check.status == 0, "\(check.stderr)")
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "A1:F1048576", "\(lines)")
        let note = "51,427 more data issues left out here: Excel's grid ends at row 1,048,576. The first 1,048,574 are listed"
        #expect(lines.dropFirst().contains { $0.contains("1048576 \(note)") }, "\(lines)")
        #expect(lines.dropFirst().contains { $0.hasPrefix("about ") && $0.contains(note) }, "\(lines)")
    }
}
