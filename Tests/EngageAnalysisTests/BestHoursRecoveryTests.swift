import Foundation
import Testing
import EngageModel
@testable import EngageAnalysis

@Suite("Best hours: recovery of planted slots on simulated accounts")
struct BestHoursRecoveryTests {
    static let seeds: [UInt64] = Array(101...110)

    static func plantedSlot(seed: UInt64) -> BestHoursSlot {
        var rng = BestHoursRandom(seed: seed &* 7919)
        return BestHoursSlot(weekday: BestHoursWeekday(rawValue: 1 + Int(rng.uniform() * 7))!, hour: 9 + Int(rng.uniform() * 12))
    }

    @Test("At 2,000 posts the planted slot (+35%) is in the top 3 in at least 8 of 10 seeds")
    func recoversPlantedSlot() throws {
        let clock = try #require(LocalClock(identifier: "America/New_York"))
        var hits = 0
        for seed in Self.seeds {
            let planted = Self.plantedSlot(seed: seed)
            let posts = BestHoursFixture.simulate(seed: seed, posts: 2000, planted: planted, lift: 1.35, clock: clock)
            let result = BestHours.analyze(posts, on: clock)
            #expect(result.status == .ok)
            #expect(result.recommendations.count == 3)
            if result.recommendations.contains(where: { $0.slot == planted }) { hits += 1 }
        }
        #expect(hits >= 8, "planted slot in top 3 in \(hits) of \(Self.seeds.count) seeds")
    }

    @Test("At 50 posts the analysis says the data are thin instead of naming a weekday × hour winner")
    func thinDataAtFiftyPosts() throws {
        let clock = try #require(LocalClock(identifier: "America/New_York"))
        for seed in Self.seeds {
            let planted = Self.plantedSlot(seed: seed)
            let posts = BestHoursFixture.simulate(seed: seed, posts: 50, planted: planted, lift: 1.35, clock: clock)
            let result = BestHours.analyze(posts, on: clock)
            #expect(result.status == .thin)
            #expect(result.grid != .weekdayHour)
            #expect(result.recommendations.allSatisfy { $0.slot.weekday == nil || $0.slot.hour == nil })
            #expect(result.sentences().contains { $0.contains("thin") })
        }
    }
}
