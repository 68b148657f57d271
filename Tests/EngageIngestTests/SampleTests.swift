import EngageModel
import Foundation
import Testing
@testable import EngageIngest

/// The repository's `samples/` (made by Benchmarks/gen_samples.py, not by this module's
/// author) read as the variants their names say, and the broken one fails as a data error.
@Suite("Bundled samples")
struct SampleTests {
    private func sample(_ name: String) -> String { Fixtures.packageRoot.appending(path: "samples/\(name)").path }

    @Test("each sample's variant", arguments: [
        ("tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv", ExportVariant.legacyPerPost),
        ("content_northwind_roasters_20251001_20251123.csv", .contentLate),
        ("account_overview_northwind_roasters_20251001_20251123.csv", .accountOverview),
    ])
    func variants(name: String, variant: ExportVariant) throws {
        let path = sample(name)
        try #require(FileManager.default.fileExists(atPath: path))
        let file = try ExportFile.read(path: path)
        #expect(file.variant == variant)
        #expect(file.input.rows > 0)
        #expect(file.handle == "northwind_roasters")
    }

    @Test("all samples merge into one dataset")
    func merged() throws {
        let names = ["tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv",
                     "content_northwind_roasters_20251001_20251123.csv",
                     "account_overview_northwind_roasters_20251001_20251123.csv"]
        let dataset = try loadDataset(paths: names.map(sample))
        #expect(dataset.inputs.count == 3)
        #expect(!dataset.posts.isEmpty && !dataset.daily.isEmpty)
        #expect(zip(dataset.posts, dataset.posts.dropFirst()).allSatisfy { $0.postedAt <= $1.postedAt })
    }

    @Test("broken_export.csv is a data error at line 3")
    func broken() throws {
        let path = sample("broken_export.csv")
        try #require(FileManager.default.fileExists(atPath: path))
        do {
            _ = try ExportFile.read(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.hasPrefix("\(path) line 3, column \"Tweet text\""))
        }
    }
}
