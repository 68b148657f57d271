import Foundation
import Testing
@testable import XLSX

/// Same content and `created` date ⇒ the same bytes, charts included.
@Suite struct ReproducibilityTests {
    func bytes(created: Date, in dir: URL, name: String) throws -> Data {
        let file = dir.appending(path: name)
        try SampleWorkbook.write(to: file.path, options: WorkbookOptions(created: created, title: "Sample",
                                                                          author: "engage tests"))
        return try Data(contentsOf: file)
    }

    @Test func twoWritesWithTheSameCreatedDateAreByteIdentical() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try bytes(created: TestSupport.fixedDate, in: dir, name: "a.xlsx")
        // A second apart in wall-clock time, so an unpinned timestamp would show.
        Thread.sleep(forTimeInterval: 1.1)
        let second = try bytes(created: TestSupport.fixedDate, in: dir, name: "b.xlsx")
        #expect(first.count > 5_000)
        #expect(first == second)
    }

    /// Every part is deflated at zlib level 1 (the parallel zip in CXlsxWriterTuning), as Python's
    /// zlib confirms by recompressing each part and getting the stored bytes back only at that level.
    /// With `ENGAGE_NO_TUNING=1` minizip deflates them itself, at zlib's default level.
    @Test func partsAreDeflatedAtTheFastLevel() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = Tuning.counters.zippedParts
        _ = try bytes(created: TestSupport.fixedDate, in: dir, name: "fast.xlsx")
        #expect((Tuning.counters.zippedParts > before) == Tuning.isEnabled)
        let script = TestSupport.fixtures.appending(path: "deflate_levels.py").path
        let output = try TestSupport.run("/usr/bin/env", ["python3", script, dir.appending(path: "fast.xlsx").path])
        let levels = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(levels.count > 5)
        for (part, level) in levels {
            #expect((level as? Int == Tuning.zipLevel) == Tuning.isEnabled, "\(part) deflated at level \(level)")
        }
    }

    @Test func aDifferentCreatedDateChangesTheFile() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try bytes(created: TestSupport.fixedDate, in: dir, name: "a.xlsx")
        let other = try bytes(created: TestSupport.fixedDate.addingTimeInterval(86_400), in: dir, name: "b.xlsx")
        #expect(first != other)
    }

    @Test func documentPropertiesAreWritten() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "props.xlsx")
        try SampleWorkbook.write(to: file.path, options: WorkbookOptions(
            created: TestSupport.fixedDate, title: "Q3 report", author: "Analyst", comments: "synthetic data"))
        let core = try TestSupport.zipPart(file, "docProps/core.xml")
        #expect(core.contains("<dc:title>Q3 report</dc:title>"))
        #expect(core.contains("<dc:creator>Analyst</dc:creator>"))
        #expect(core.contains("<dc:description>synthetic data</dc:description>"))
        #expect(core.contains("2024-01-02T03:04:05Z"))
    }
}
