import Foundation
import Testing
@testable import XLSX

/// Parts larger than a chunk are deflated on worker threads (Sources/CXlsxWriterTuning/parallel_zip.c):
/// the workbook must read back whole, pass the zip's CRC checks and come out the same every time.
@Suite struct ParallelZipTests {
    func writeBigSheet(to file: URL, tmpdir: URL) throws -> (rows: Int, sum: Double) {
        let book = try Workbook(path: file.path, options: WorkbookOptions(constantMemory: true, tmpdir: tmpdir.path,
                                                                         created: TestSupport.fixedDate))
        let sheet = try book.addWorksheet("Big")
        let rows = 15_000
        var sum = 0.0
        for row in 0..<rows {
            try sheet.write("row \(row) of a sheet long enough to fill several chunks", row: row, col: 0)
            for col in 1...5 {
                let value = Double((row * 7_919 + col * 104_729) % 1_000_003) / 8
                sum += value
                try sheet.write(value, row: row, col: col)
            }
        }
        try book.close()
        return (rows, sum)
    }

    @Test func aLargeSheetIsDeflatedInChunksAndReadsBackWhole() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = Tuning.chunksOnWorkers
        let (rows, sum) = try writeBigSheet(to: dir.appending(path: "a.xlsx"), tmpdir: dir)
        #expect((Tuning.chunksOnWorkers - before >= 3) == Tuning.isEnabled)
        let summary = try #require((try TestSupport.readBack(dir.appending(path: "a.xlsx"), summary: true))["summary"] as? [String: Any])
        let big = try #require(summary["Big"] as? [String: Any])
        #expect(big["rows"] as? Int == rows)
        #expect(big["cells"] as? Int == rows * 6)
        let readSum = try #require(big["sum"] as? Double)
        #expect(abs(readSum - sum) <= 1e-9 * sum)
        // The same part twice gives the same bytes, whatever order the workers finished in.
        _ = try writeBigSheet(to: dir.appending(path: "b.xlsx"), tmpdir: dir)
        #expect(try Data(contentsOf: dir.appending(path: "a.xlsx")) == Data(contentsOf: dir.appending(path: "b.xlsx")))
    }
}
