import Foundation
import Testing

/// A weekly batch split over machines (a Kubernetes Indexed Job: `--shard $JOB_COMPLETION_INDEX/N`):
/// N shard processes together write exactly what one batch run writes.
@Suite(.serialized) struct ShardEndToEndTests {
    /// Every file below `folder`, by relative path, with its bytes.
    static func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            out[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return out
    }

    @Test func shardsTogetherWriteWhatOneBatchWrites() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let jobs = """
        jobs:
          - name: legacy
            inputs: [\(Workdir.sample("tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv"))]
          - name: content
            inputs: [\(Workdir.sample("content_northwind_roasters_20251001_20251123.csv"))]
          - name: both
            inputs: [\(Workdir.sample("content_northwind_roasters_20251001_20251123.csv")), \(Workdir.sample("account_overview_northwind_roasters_20251001_20251123.csv"))]
        """
        try jobs.write(to: dir.root.appending(path: "jobs.yaml"), atomically: true, encoding: .utf8)
        let common = ["report", "--batch", "jobs.yaml", "--out", "out", "--formats", "xlsx,summary,manifest", "--tz", "UTC", "--quiet"]
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        #expect(try dir.run(common + ["--parallel", "1"], environment: env).status == 0)
        try FileManager.default.moveItem(at: dir.root.appending(path: "out"), to: dir.root.appending(path: "one"))

        let shards = try (0..<2).map { index in
            try FaultTests.start(common + ["--shard", "\(index)/2"], in: dir, environment: env)
        }
        for shard in shards {
            shard.waitUntilExit()
            #expect(shard.terminationStatus == 0)
        }
        let one = try Self.contents(dir.root.appending(path: "one"))
        let sharded = try Self.contents(dir.root.appending(path: "out"))
        #expect(one.count == 12)  // per job: workbook, summary.txt, summary.html, manifest.json
        #expect(one.keys.sorted() == sharded.keys.sorted())
        for (path, bytes) in one { #expect(sharded[path] == bytes, "\(path) differs") }
    }
}
