import EngageModel
import Foundation
import Testing
@testable import EngageReport
import XLSX

/// The workbook read back with openpyxl: sheets, rows, values, no formulas, colour scales.
@Suite struct WorkbookRendererTests {
    @Test func sampleWorkbookReadsBackWithEveryPostAndNoFormula() throws {
        let report = try ReportFixtures.sampleReport()
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/r.xlsx"
        try WorkbookRenderer(report: report).write(to: path)
        let book = try Reader.python("read_workbook.py", [path])
        #expect(book["sheets"] as? [String] == ["Summary", "Posts", "Daily", "Trend", "TopPosts", "Campaigns", "BestHours", "DataIssues", "About"])
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
        // The post counts under a colour scale; the estimates carry fixed fills (empty slots grey).
        #expect(scales["BestHours"] == 1)
        let texts = book["texts"] as? [String: [String]] ?? [:]
        #expect(texts["Campaigns"]?.contains { $0.contains("No detectable difference") || $0.contains("beats") || $0.contains("trails") } == true)
        #expect(texts["About"]?.contains(report.inputs[0].sha256) == true)
        #expect(texts["DataIssues"]?.contains("no post id (\"status/undefined\" link)") == true)
    }

    /// Small reports keep libxlsxwriter's parts in the memory folder when it is writable with room
    /// to spare (and the hooks are on); large ones, and any report when the folder is missing or
    /// read-only, use the staging directory.
    @Test func smallReportsKeepWorkbookPartsInMemory() throws {
        let staging = "/staging/dir"
        let roomy = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: roomy) }
        let free = try #require(FileManager.default.attributesOfFileSystem(forPath: roomy)[.systemFreeSize] as? Int)
        try #require(free > 1 << 30, "the test needs a folder with more than 1 GB free")
        let large = WorkbookRenderer.memoryScratchPosts + 1
        #expect(WorkbookRenderer.scratchDirectory(posts: large, staging: staging, memory: roomy) == staging)
        #expect(WorkbookRenderer.scratchDirectory(posts: 100, staging: staging, memory: roomy) == (Tuning.isEnabled ? roomy : staging))
        #expect(WorkbookRenderer.scratchDirectory(posts: 100, staging: staging, memory: roomy + "/missing") == staging)
        let readOnly = roomy + "/read-only"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o555])
        if getuid() != 0 {  // root may write anywhere
            #expect(WorkbookRenderer.scratchDirectory(posts: 100, staging: staging, memory: readOnly) == staging)
        }
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

    /// Past ``PostsSheet/clickableLinks`` posts the Link column holds the address as text, and About says so.
    @Test func linksBeyondTheCapAreText() throws {
        let count = PostsSheet.clickableLinks + 2
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let posts = (0..<count).map { i -> Post in
            var values = MetricValues()
            values[.impressions] = Int64(400 + i % 300)
            values[.engagements] = Int64(i % 11)
            return Post(id: 1_950_000_000_000_000_000 + UInt64(i), text: "post \(i)", postedAt: start.addingTimeInterval(Double(i) * 60),
                        timeSource: .snowflake, metrics: values, origin: SourceLocation(file: "many.csv", line: i + 2))
        }
        var options = ReportOptions()
        options.generator = "engage test"
        let report = try Report.build(dataset: Dataset(posts: posts, daily: [], inputs: [], issues: []), options: options)
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try WorkbookRenderer(report: report).write(to: folder + "/many.xlsx")
        let links = try Reader.python("read_posts_links.py", [folder + "/many.xlsx"])
        #expect(links["rows"] as? Int == count)
        #expect(links["linked_rows"] as? Int == PostsSheet.clickableLinks)
        #expect(links["last_linked_row"] as? Int == PostsSheet.clickableLinks + 1)
        #expect((links["last_value"] as? String)?.hasSuffix("/status/\(posts.last!.id)") == true)
        #expect((links["about"] as? [String])?.contains { $0.hasPrefix("clickable for the first \(Findings.grouped(Int64(PostsSheet.clickableLinks))) posts") } == true)
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
