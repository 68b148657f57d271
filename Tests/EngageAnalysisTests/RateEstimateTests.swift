@testable import EngageAnalysis
import Foundation
import Testing

/// Rates, delta-method and Wilson intervals, mean of per-post rates: against `reference.json` → `rates`.
@Suite struct RateEstimateTests {
    @Test func matchesReference() throws {
        let groups = try Fixtures.reference()["rates"] as? [[String: Any]] ?? []
        #expect(groups.count >= 10)
        for (i, g) in groups.enumerated() {
            let e = RateEstimate(observations(g["x"], g["y"]))
            let want = g["expected"] as? [String: Any] ?? [:]
            #expect(e.posts == Int(number(want["posts"]) ?? -1), "group \(i)")
            #expect(e.impressions == Int64(number(want["impressions"]) ?? -1), "group \(i)")
            #expect(e.events == Int64(number(want["events"]) ?? -1), "group \(i)")
            #expect(isClose(e.rate, number(want["rate"])), "rate, group \(i)")
            #expect(isClose(e.standardError, number(want["se"]), absolute: 1e-15), "se, group \(i)")
            let ci = numbers(want["ci"]), wilson = numbers(want["wilson"]), meanCI = numbers(want["mean_ci"])
            #expect(isClose(e.interval?.low, ci.first) && isClose(e.interval?.high, ci.last), "delta CI, group \(i)")
            #expect(isClose(e.naiveWilson?.low, wilson.first) && isClose(e.naiveWilson?.high, wilson.last), "Wilson, group \(i)")
            #expect(isClose(e.meanOfPostRates, number(want["mean_rate"])), "mean rate, group \(i)")
            #expect(isClose(e.meanInterval?.low, meanCI.first) && isClose(e.meanInterval?.high, meanCI.last), "t interval, group \(i)")
            #expect((e.interval == nil) == (e.intervalNote != nil), "an undefined interval is explained, group \(i)")
        }
    }

    @Test(arguments: [
        ("no posts", [RateObservation]()),
        ("one post", [RateObservation(impressions: 1200, events: 30)]),
        ("no impressions", [RateObservation(impressions: 0, events: 0), RateObservation(impressions: 0, events: 0)]),
        ("no events", [RateObservation(impressions: 10, events: 0), RateObservation(impressions: 99, events: 0)]),
        ("more events than impressions", [RateObservation(impressions: 3, events: 9), RateObservation(impressions: 2, events: 1)]),
    ])
    func degenerateInputsAreDefined(name: String, posts: [RateObservation]) {
        let e = RateEstimate(posts)
        let values = [e.rate, e.standardError, e.interval?.low, e.interval?.high, e.naiveWilson?.low,
                      e.naiveWilson?.high, e.meanOfPostRates, e.meanInterval?.low, e.meanInterval?.high]
        #expect(values.allSatisfy { $0?.isFinite ?? true }, "\(name): no NaN or Inf")
        if posts.count < 2 || e.rate == nil { #expect(e.interval == nil && e.intervalNote != nil, "\(name)") }
    }
}
