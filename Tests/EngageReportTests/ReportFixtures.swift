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

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() -> String {
        let url = FileManager.default.temporaryDirectory.appending(path: "engage-report-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
