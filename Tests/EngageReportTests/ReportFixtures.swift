import EngageAnalysis
import EngageIngest
import EngageModel
import Foundation
@testable import EngageReport

/// Reports built from the bundled samples, shared by the renderer tests.
enum ReportFixtures {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The sample export paths `make demo` reads.
    static var samplePaths: [String] {
        ["tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv",
         "content_northwind_roasters_20251001_20251123.csv",
         "account_overview_northwind_roasters_20251001_20251123.csv"]
            .map { repositoryRoot.appending(path: "samples/\($0)").path }
    }

    /// The campaigns of `samples/campaigns.yaml`, written out here so the tests do not depend on the YAML loader.
    static let sampleCampaigns = [
        CampaignDefinition(name: "fall-blend", isControl: true, hashtags: ["#FallBlend"]),
        CampaignDefinition(name: "pumpkin-drop", hashtags: ["#PumpkinDrop"]),
        CampaignDefinition(name: "oat-milk-week", hashtags: ["#OatMilkWeek"]),
    ]

    /// The demo report: all samples, campaigns, New York time, every post.
    static func sampleReport(range: DateRange? = nil) throws -> Report {
        let dataset = try loadDataset(paths: samplePaths)
        var options = ReportOptions()
        options.clock = LocalClock(identifier: "America/New_York")!
        options.campaigns = sampleCampaigns
        options.range = range
        options.generator = "engage test"
        return try Report.build(dataset: dataset, options: options)
    }

    /// Texts that look like formulas, markup or stress layout, as a hostile account might post them.
    static let hostileTexts = [
        "=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "-1+1",
        "<script>alert('x')</script> & <b>bold</b>",
        String(repeating: "長い投稿のテキスト 🎉🚀 مرحبا بالعالم ", count: 60),
        "../../etc/passwd\u{0}\u{7}\ttab",
    ]

    /// A week of posts whose texts are ``hostileTexts`` (one campaign named like a formula).
    static func hostileReport() throws -> Report {
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let posts = (0..<28).map { i -> Post in
            var values = MetricValues()
            values[.impressions] = Int64(500 + i * 37)
            values[.engagements] = Int64(10 + i % 7)
            values[.likes] = Int64(3 + i % 5)
            return Post(id: 1_900_000_000_000_000_000 + UInt64(i), text: hostileTexts[i % hostileTexts.count] + (i % 2 == 0 ? " #Evil" : " #Good"),
                        postedAt: start.addingTimeInterval(Double(i) * 21_600), timeSource: .snowflake, metrics: values,
                        origin: SourceLocation(file: "hostile.csv", line: i + 2))
        }
        let dataset = Dataset(posts: posts, daily: [], inputs: [], issues: [
            DataIssue(.warning, at: SourceLocation(file: "hostile.csv", line: 3), column: "Tweet text", reason: "=cmd() looks like a formula"),
        ], handle: "=evil_handle")
        var options = ReportOptions()
        options.campaigns = [CampaignDefinition(name: "=HYPERLINK(\"x\")", isControl: true, hashtags: ["#Evil"]),
                             CampaignDefinition(name: "+good", hashtags: ["#Good"])]
        options.generator = "engage test"
        return try Report.build(dataset: dataset, options: options)
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() -> String {
        let url = FileManager.default.temporaryDirectory.appending(path: "engage-report-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
