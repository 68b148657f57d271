import Foundation
import Testing

/// The bad-input corpus (Tests/Fixtures/bad) through `engage report`, as a cron job would meet it:
/// each file either gives a report that lists its data issues (exit 0) or fails with exit 65
/// naming the file and leaves no output; none crashes or needs more than 1 GB of address space.
@Suite struct BadInputEndToEndTests {
    /// Reports written from damaged but usable files, with the skipped rows each must count.
    static let readable: [(file: String, skippedRows: Int)] = [
        ("bad_ids.csv", 2), ("count_above_int64.csv", 0), ("dates_out_of_range.csv", 0),
        ("duplicated_columns.csv", 0), ("negative_counts.csv", 0), ("ragged_rows.csv", 2),
        ("thousands_separators.csv", 0), ("truncated.csv", 1),
    ]
    /// Files nothing can be made of.
    static let unusable = [
        "binary_garbage.csv", "empty.csv", "header_only.csv", "invalid_utf8_in_text.csv",
        "missing_columns.csv", "unterminated_quote_at_end.csv", "utf16_odd_length.csv",
    ]
    static let addressSpace = 1 << 30

    static func fixture(_ name: String) -> String {
        Workdir.packageRoot.appending(path: "Tests/Fixtures/bad/\(name)").path
    }

    @Test func everyCorpusFileHasAnExpectedOutcome() throws {
        let listed = Set(Self.readable.map(\.file) + Self.unusable)
        let present = try FileManager.default.contentsOfDirectory(atPath: Self.fixture(""))
            .filter { $0.hasSuffix(".csv") }
        #expect(Set(present) == listed)
    }

    @Test(arguments: readable)
    func damagedFilesGiveAReportThatCountsWhatWasSkipped(file: String, skippedRows: Int) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(["report", Self.fixture(file), "--tz", "UTC", "--out", "out"],
                              addressSpaceLimit: Self.addressSpace)
        #expect(run.status == 0, "\(file): \(run.stderr)")
        let summary = try String(contentsOf: dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        let plural = skippedRows == 1 ? "row" : "rows"
        #expect(summary.contains("DATA ISSUES: \(skippedRows) skipped \(plural)"), "\(file): \(summary)")
    }

    @Test(arguments: unusable)
    func unusableFilesFailWith65AndWriteNothing(file: String) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(["report", Self.fixture(file), "--tz", "UTC", "--out", "out"],
                              addressSpaceLimit: Self.addressSpace)
        #expect(run.status == 65, "\(file): \(run.stderr)")
        #expect(run.stderr.contains("error: \(Self.fixture(file))"), "\(run.stderr)")
        #expect(dir.files(in: "out").isEmpty)
    }

    /// A 10 MB post text is reported, not choked on: cut to Excel's cell limit in the workbook
    /// and to one line in charts and PDF, quickly and within the memory bound.
    @Test func aTenMegabytePostTextIsReported() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let header = try String(contentsOfFile: Self.fixture("header_only.csv"), encoding: .utf8)
        let text = String(repeating: "long ", count: 2_000_000)
        let row = "\"1900000000000000000\",\"https://twitter.com/acme/status/1900000000000000000\",\"\(text)\","
            + "\"2025-03-12 14:07 +0000\",\"100.0\",\"5.0\",\"0.05\"" + String(repeating: ",\"1.0\"", count: 8)
            + String(repeating: ",\"0\"", count: 7) + "\n"
        let input = dir.root.appending(path: "huge_field.csv")
        try (header + row).write(to: input, atomically: true, encoding: .utf8)
        let run = try dir.run(["report", input.path, "--tz", "UTC", "--out", "out"], addressSpaceLimit: Self.addressSpace)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try String(contentsOf: dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        #expect(summary.contains("long long"))
        #expect(summary.utf8.count < 10_000)
        // The cut is said, as docs/RELIABILITY.md promises.
        #expect(run.stderr.contains("warning: workbook Posts!C2: text of 10,000,000 characters cut to Excel's limit of 32,767")
                || run.stderr.contains("warning: workbook Posts!C2: text of 10000000 characters cut to Excel's limit of 32,767"), "\(run.stderr)")
    }

    /// A NUL inside a post's text: the workbook keeps the text after it and says so.
    @Test func aNULInsidePostTextIsLeftOutAndSaid() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let header = try String(contentsOfFile: Self.fixture("header_only.csv"), encoding: .utf8)
        let row = "\"1900000000000000000\",\"https://twitter.com/acme/status/1900000000000000000\",\"before\u{0}after\","
            + "\"2025-03-12 14:07 +0000\",\"100.0\",\"5.0\",\"0.05\"" + String(repeating: ",\"1.0\"", count: 8)
            + String(repeating: ",\"0\"", count: 7) + "\n"
        let input = dir.root.appending(path: "nul_in_text.csv")
        try (header + row).write(to: input, atomically: true, encoding: .utf8)
        let run = try dir.run(["report", input.path, "--tz", "UTC", "--out", "out", "--formats", "xlsx"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: workbook Posts!C2: text held NUL characters"), "\(run.stderr)")
        let workbook = try #require(dir.files(in: "out").first { $0.hasSuffix(".xlsx") })
        let read = try dir.python("read_cell.py", [dir.root.appending(path: "out/\(workbook)").path, "Posts", "C2"])
        #expect(read.stdout.hasPrefix("beforeafter"), "\(read.stdout)\(read.stderr)")
    }
}
