import EngageAnalysis
import EngageModel
import Foundation
@testable import EngageStore

/// A temporary folder for one test's store files; removed by ``remove()``.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "engage-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appending(path: name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Seeded synthetic posts (the analysis' own ``SeededRandom``), so that no real person's post is in a fixture.
struct SyntheticPosts {
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    private mutating func next() -> UInt64 { random.next() }

    /// `count` posts of @acme from 2026-01-05 on, one an hour, with random counts below 1,000.
    mutating func posts(_ count: Int, file: String = "synthetic.csv") -> [Post] {
        let start = Date(timeIntervalSince1970: 1_767_571_200)  // 2026-01-05T00:00:00Z
        return (0..<count).map { i in
            let postedAt = start.addingTimeInterval(Double(i) * 3600)
            let id = (UInt64(postedAt.timeIntervalSince1970 * 1000) - Snowflake.epochMilliseconds) << 22 | UInt64(i & 0xFFF)
            var metrics = MetricValues()
            metrics[.impressions] = Int64(next() % 1000) + 100
            metrics[.likes] = Int64(next() % 100)
            metrics[.engagements] = metrics.count(.likes) + Int64(next() % 50)
            let text = i % 5 == 0 ? "@friend reply \(i)" : "post \(i) #launch"
            return Post(id: id, text: text, permalink: "https://x.com/acme/status/\(id)", postedAt: postedAt,
                        timeSource: .snowflake, metrics: metrics, origin: SourceLocation(file: file, line: i + 2))
        }
    }
}

/// An import of `posts` (and `daily`) as the file `name` with the given SHA-256, observed at `observedAt`.
func makeImport(_ name: String, sha: String, observedAt: Date, posts: [Post], daily: [DailyRow] = [],
                handle: String = "acme") -> StoreImport {
    StoreImport(input: InputFile(path: name, variant: "content export (late 2025, en)", encoding: "UTF-8, ',' separated, LF",
                                 rows: posts.count + daily.count, skipped: 0, sha256: sha, bytes: 1000),
                handle: handle, observedAt: observedAt, posts: posts, daily: daily)
}

/// `posts` with every count multiplied by `factor` (a later export of the same posts).
func grown(_ posts: [Post], by factor: Int64) -> [Post] {
    posts.map { post in
        var post = post
        var metrics = MetricValues()
        for metric in post.metrics.presentMetrics { metrics[metric] = post.metrics.count(metric) * factor }
        post.metrics = metrics
        return post
    }
}
