import Foundation
import Testing
import EngageModel
@testable import EngageAnalysis

/// Helpers shared by the best-hour tests (not a test file on its own).
enum BestHoursFixture {
    /// Tests/Fixtures/besthours, found by walking up from this file to the package root.
    static var directory: URL {
        var url = URL(filePath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url.appending(path: "Tests/Fixtures/besthours")
    }

    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appending(path: name)))
    }

    /// A synthetic post.
    static func post(_ n: Int, at date: Date, impressions: Int64, events: Int64, metric: Metric = .engagements,
                     text: String = "synthetic post") -> Post {
        var m = MetricValues()
        m[.impressions] = impressions
        m[metric] = events
        return Post(id: UInt64(1_000_000 + n), text: text, postedAt: date, timeSource: .snowflake, metrics: m,
                    origin: SourceLocation(file: "synthetic", line: n))
    }

    /// A simulated account: posting times weighted toward 7–22h local, per-slot true rates varying a
    /// little around 2%, one planted slot `lift` times better, per-post rates Beta around their slot's
    /// rate (strength 3,000 impressions), log-normal impressions (median 2,000) and binomial events.
    static func simulate(seed: UInt64, posts count: Int, planted: BestHoursSlot, lift: Double,
                         clock: LocalClock) -> [Post] {
        var rng = BestHoursRandom(seed: seed)
        var slotRate: [BestHoursSlot: Double] = [:]
        for d in BestHoursWeekday.allCases {
            for h in 0..<24 {
                let s = BestHoursSlot(weekday: d, hour: h)
                slotRate[s] = 0.02 * Foundation.exp(0.05 * rng.normal()) * (s == planted ? lift : 1)
            }
        }
        let start = 1_704_067_200.0 // 2024-01-01T00:00Z
        var posts: [Post] = []
        while posts.count < count {
            let t = Date(timeIntervalSince1970: start + rng.uniform() * 365 * 86_400)
            let slot = BestHoursSlot(of: t, on: clock)
            let weight = (7...22).contains(slot.hour!) ? 1.0 : 0.2
            guard rng.uniform() < weight else { continue }
            let mean = slotRate[slot]!
            let p = rng.beta(mean * 3000, (1 - mean) * 3000)
            let x = Int64((2000 * Foundation.exp(0.8 * rng.normal())).rounded()) + 1
            posts.append(post(posts.count, at: t, impressions: x, events: rng.binomial(x, p)))
        }
        return posts
    }
}

@Suite("Best hours: the simulated-account generator")
struct BestHoursFixtureTests {
    @Test("Same seed, same account; the planted slot really is better in the generated data")
    func generatorIsSeededAndPlants() throws {
        let clock = try #require(LocalClock(identifier: "America/New_York"))
        let planted = BestHoursSlot(weekday: .thursday, hour: 14)
        let a = BestHoursFixture.simulate(seed: 11, posts: 3000, planted: planted, lift: 1.5, clock: clock)
        let b = BestHoursFixture.simulate(seed: 11, posts: 3000, planted: planted, lift: 1.5, clock: clock)
        #expect(a == b)
        var inside = (x: 0.0, y: 0.0), outside = (x: 0.0, y: 0.0)
        for p in a {
            let x = Double(p.metrics.count(.impressions)), y = Double(p.metrics.count(.engagements))
            if BestHoursSlot(of: p.postedAt, on: clock) == planted { inside.x += x; inside.y += y } else { outside.x += x; outside.y += y }
        }
        #expect(inside.x > 0)
        #expect(inside.y / inside.x > 1.2 * (outside.y / outside.x))
    }
}
