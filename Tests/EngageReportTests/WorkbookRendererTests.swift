import EngageModel
import Foundation
import Testing
@testable import EngageReport

/// The workbook read back with openpyxl: sheets, rows, values, no formulas, colour scales.
@Suite struct WorkbookRendererTests {
    @Test func sampleWorkbookReadsBackWithEveryPostAndNoFormula() throws {
        let report = try ReportFixtures.sampleReport()
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/r.xlsx"
        try WorkbookRenderer(report: report).write(to: path)
        let book = try Reader.python("read_workbook.py", [path])
        #expect(book["sheets"] as? [String] == ["Summary", "Posts", "Daily", "TopPosts", "Campaigns", "BestHours", "DataIssues", "About"])
        #expect(book["formulas"] as? [String] == [])
        #expect(book["nonfinite"] as? [String] == [])
        #expect(book["posts_rows"] as? Int == report.posts.count)
        #expect((book["post_ids"] as? [String])?.first == String(report.posts[0].id))
        let header = book["posts_header"] as? [String] ?? []
        #expect(header.prefix(4) == ["Post id", "Posted (America/New_York)", "Text", "Campaign"])
        #expect(header.suffix(2) == ["Engagement rate", "Link"])
        #expect(header.count == 4 + report.postMetrics.count + 2)
        let local = report.options.clock.local(report.posts[0].postedAt)
        #expect((book["post_times"] as? [String])?.first?.hasPrefix("\(local.day)T\(String(format: "%02d:%02d", local.hour, local.minute))") == true)
        #expect((book["posts_link_targets"] as? [String?])?.first??.contains(String(report.posts[0].id)) == true)
        let scales = book["scales"] as? [String: Int] ?? [:]
        #expect(scales["BestHours"] == 2)
        let texts = book["texts"] as? [String: [String]] ?? [:]
        #expect(texts["Campaigns"]?.contains { $0.contains("No detectable difference") || $0.contains("beats") || $0.contains("trails") } == true)
        #expect(texts["About"]?.contains(report.inputs[0].sha256) == true)
        #expect(texts["DataIssues"]?.contains("no post id (\"status/undefined\" link)") == true)
    }

    @Test func formulaLookingTextStaysText() throws {
        let report = try ReportFixtures.hostileReport()
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/h.xlsx"
        try WorkbookRenderer(report: report).write(to: path)
        let book = try Reader.python("read_workbook.py", [path])
        #expect(book["formulas"] as? [String] == [])
        let texts = (book["texts"] as? [String: [String]] ?? [:]).values.flatMap { $0 }
        for hostile in ReportFixtures.hostileTexts.prefix(4) {
            #expect(texts.contains { $0.hasPrefix(hostile) }, "\(hostile) is missing or was altered")
        }
        #expect(texts.contains("=HYPERLINK(\"x\") (control)"))
        #expect(texts.contains { $0.contains("@=evil_handle") })
    }

    @Test func sameReportGivesIdenticalBytes() throws {
        let report = try ReportFixtures.sampleReport()
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try WorkbookRenderer(report: report).write(to: folder + "/a.xlsx")
        try WorkbookRenderer(report: report).write(to: folder + "/b.xlsx")
        #expect(try Data(contentsOf: URL(filePath: folder + "/a.xlsx")) == Data(contentsOf: URL(filePath: folder + "/b.xlsx")))
    }
}
