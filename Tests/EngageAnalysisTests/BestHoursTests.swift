import Foundation
import Testing
import EngageModel
@testable import EngageAnalysis

@Suite("Best hours: time slots")
struct BestHoursSlotTests {
    struct DSTCase: Sendable, CustomTestStringConvertible {
        var zone: String, utc: String, unix: Double, weekday: Int, hour: Int
        var testDescription: String { "\(zone) \(utc)" }
    }

    static func dstCases() throws -> [DSTCase] {
        let list = try BestHoursFixture.json("dst_expectations.json") as! [[String: Any]]
        return list.map {
            DSTCase(zone: $0["zone"] as! String, utc: $0["utc"] as! String, unix: ($0["unix"] as! NSNumber).doubleValue,
                    weekday: ($0["iso_weekday"] as! NSNumber).intValue, hour: ($0["hour"] as! NSNumber).intValue)
        }
    }

    @Test("Posts around DST transitions land in the slots zoneinfo computes")
    func dstSlotsMatchZoneinfo() throws {
        let cases = try Self.dstCases()
        #expect(cases.count >= 100)
        for c in cases {
            let clock = try #require(LocalClock(identifier: c.zone))
            let slot = BestHoursSlot(of: Date(timeIntervalSince1970: c.unix), on: clock)
            #expect(slot.weekday?.rawValue == c.weekday, "\(c.testDescription)")
            #expect(slot.hour == c.hour, "\(c.testDescription)")
        }
    }

    @Test("Issue 4's examples: 06:30Z is 01:30 EST, 07:30Z is 03:30 EDT on 2024-03-10 (a Sunday)")
    func issueExamples() throws {
        let clock = try #require(LocalClock(identifier: "America/New_York"))
        // 2024-03-10T06:30:00Z = 1710052200 (date -u -d @1710052200), before the 07:00Z change.
        #expect(BestHoursSlot(of: Date(timeIntervalSince1970: 1_710_052_200), on: clock) == BestHoursSlot(weekday: .sunday, hour: 1))
        #expect(BestHoursSlot(of: Date(timeIntervalSince1970: 1_710_055_800), on: clock) == BestHoursSlot(weekday: .sunday, hour: 3))
    }

    @Test("The whole analysis counts DST-straddling posts in the expected cells", arguments: ["America/New_York", "Europe/Berlin"])
    func dstCellsInAnalysis(zone: String) throws {
        let cases = try Self.dstCases().filter { $0.zone == zone }
        let clock = try #require(LocalClock(identifier: zone))
        let posts = cases.enumerated().map {
            BestHoursFixture.post($0.offset, at: Date(timeIntervalSince1970: $0.element.unix), impressions: 100, events: 2)
        }
        let result = BestHours.analyze(posts, on: clock)
        var expected: [BestHoursSlot: Int] = [:]
        for c in cases { expected[BestHoursSlot(weekday: BestHoursWeekday(rawValue: c.weekday), hour: c.hour), default: 0] += 1 }
        #expect(result.cells.count == 168)
        for cell in result.cells {
            #expect(cell.posts == expected[cell.slot, default: 0], "\(cell.slot)")
        }
        #expect(result.timeZone == zone)
    }

    @Test("Week order: Monday first by default, Sunday first on request")
    func weekOrder() {
        let monday = BestHours.analyze([], on: .utc)
        let sunday = BestHours.analyze([], on: .utc, options: BestHoursOptions(weekStart: .sunday))
        #expect(monday.cells.first?.slot == BestHoursSlot(weekday: .monday, hour: 0))
        #expect(monday.cells.last?.slot == BestHoursSlot(weekday: .sunday, hour: 23))
        #expect(sunday.cells.first?.slot == BestHoursSlot(weekday: .sunday, hour: 0))
        #expect(sunday.weekdayCells.map(\.slot.weekday!.shortName) == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
    }
}

@Suite("Best hours: numerics against SciPy")
struct BestHoursNumericsTests {
    @Test("Beta quantiles match scipy.stats.beta.ppf")
    func betaQuantiles() throws {
        let ref = try BestHoursFixture.json("beta_quantiles.json") as! [String: Any]
        let cases = ref["beta"] as! [[String: Double]]
        #expect(cases.count > 50)
        for c in cases {
            let q = EmpiricalBayesBeta.betaQuantile(c["p"]!, c["a"]!, c["b"]!)
            let want = c["q"]!
            #expect(abs(q - want) <= 1e-9 * max(want, 1e-300) + 1e-300, "p=\(c["p"]!) a=\(c["a"]!) b=\(c["b"]!): \(q) vs \(want)")
        }
    }

    @Test("Normal quantiles match scipy.stats.norm.ppf")
    func normalQuantiles() throws {
        let ref = try BestHoursFixture.json("beta_quantiles.json") as! [String: Any]
        for c in ref["normal"] as! [[String: Double]] {
            let q = Distributions.normalQuantile(c["p"]!)
            #expect(abs(q - c["q"]!) <= 1e-12 * max(1, abs(c["q"]!)), "p=\(c["p"]!)")
        }
    }

    @Test("Cell intervals from the analysis agree with SciPy-computed posterior quantiles")
    func endToEndIntervals() throws {
        let ref = try BestHoursFixture.json("end_to_end.json") as! [String: Any]
        let clock = try #require(LocalClock(identifier: ref["tz"] as! String))
        let posts = (ref["posts"] as! [[String: Any]]).enumerated().map { i, p in
            BestHoursFixture.post(i, at: Date(timeIntervalSince1970: (p["unix"] as! NSNumber).doubleValue),
                                  impressions: (p["impressions"] as! NSNumber).int64Value,
                                  events: (p["engagements"] as! NSNumber).int64Value)
        }
        let result = BestHours.analyze(posts, on: clock)
        let baseline = try #require(result.baseline)
        #expect(abs(baseline - (ref["baseline"] as! Double)) < 1e-12)
        let kappa = try #require(result.postStrength)
        #expect(abs(kappa / (ref["kappa"] as! Double) - 1) < 1e-9)
        for c in ref["cells"] as! [[String: Any]] {
            let cell = try #require(result.cell(weekday: BestHoursWeekday(rawValue: (c["iso_weekday"] as! NSNumber).intValue)!,
                                                hour: (c["hour"] as! NSNumber).intValue))
            #expect(cell.posts == (c["posts"] as! NSNumber).intValue)
            for (key, value) in [("rate", cell.rate), ("ci_low", cell.ciLow), ("ci_high", cell.ciHigh)] {
                let want = c[key] as! Double
                let got = try #require(value)
                #expect(abs(got - want) <= 1e-8 * want, "\(cell.slot) \(key): \(got) vs \(want)")
            }
        }
    }
}

@Suite("Best hours: shrinkage, recommendations, output")
struct BestHoursModelTests {
    /// A steady background of posts at 2% on weekdays 9–17h, plus two slots of interest.
    static func shrinkageData() -> [Post] {
        var rng = BestHoursRandom(seed: 42)
        var posts: [Post] = []
        // 2024-01-01 is a Monday; UTC clock, so day d, hour h is start + d·86400 + h·3600.
        let start = 1_704_067_200.0
        for i in 0..<600 {
            let day = Double(Int(rng.uniform() * 5) + 7 * Int(rng.uniform() * 40))
            let hour = Double(9 + Int(rng.uniform() * 9))
            let p = rng.beta(0.02 * 3000, 0.98 * 3000)
            posts.append(BestHoursFixture.post(i, at: Date(timeIntervalSince1970: start + day * 86_400 + hour * 3600 + 60),
                                               impressions: 2000, events: rng.binomial(2000, p)))
        }
        // Saturday 6h: 2 posts at 3.2%.
        for k in 0..<2 {
            posts.append(BestHoursFixture.post(1000 + k, at: Date(timeIntervalSince1970: start + Double(5 + 7 * k) * 86_400 + 6 * 3600),
                                               impressions: 2000, events: 64))
        }
        // Sunday 20h: 40 posts at 2.7% on average (2.5% and 2.9% alternating).
        for k in 0..<40 {
            posts.append(BestHoursFixture.post(2000 + k, at: Date(timeIntervalSince1970: start + Double(6 + 7 * k) * 86_400 + 20 * 3600),
                                               impressions: 2000, events: k % 2 == 0 ? 50 : 58))
        }
        return posts
    }

    @Test("A 2-post slot with a high raw rate ranks below a 40-post slot with a slightly lower one")
    func shrinkageOrdering() throws {
        let result = BestHours.analyze(Self.shrinkageData(), on: .utc)
        let lucky = try #require(result.cell(weekday: .saturday, hour: 6))
        let steady = try #require(result.cell(weekday: .sunday, hour: 20))
        let base = try #require(result.baseline)
        #expect(lucky.posts == 2 && steady.posts == 40)
        #expect(try #require(lucky.rawRate) > #require(steady.rawRate))
        #expect(try #require(lucky.rate) < #require(steady.rate))
        // Shrinkage moves each estimate toward the baseline, not past it.
        for cell in [lucky, steady] {
            let rate = try #require(cell.rate), raw = try #require(cell.rawRate)
            #expect(rate > base && rate < raw)
            #expect(try #require(cell.ciLow) < rate && rate < #require(cell.ciHigh))
        }
        // The steady slot is the top recommendation and clears the baseline; the lucky one is not recommended.
        #expect(result.recommendations.first?.slot == steady.slot)
        #expect(result.recommendations.first?.confidence == .likelyBetter)
        #expect(!result.recommendations.contains { $0.slot == lucky.slot })
        // A 2-post slot's interval is wider than a 40-post slot's.
        #expect(try #require(lucky.ciHigh) - #require(lucky.ciLow) > #require(steady.ciHigh) - #require(steady.ciLow))
    }

    @Test("When every slot earns the same rate the wording names no best slot; with a planted effect it does")
    func flatDataNamesNoWinner() throws {
        let clock = try #require(LocalClock(identifier: "Europe/Berlin"))
        // 300 posts, every one 2,000 impressions and 50 engagements, spread over all hours and weekdays.
        let evenly = (0..<300).map { k in
            BestHoursFixture.post(5000 + k, at: Date(timeIntervalSince1970: 1_700_000_000 + Double(k) * 7 * 3600),
                                  impressions: 2000, events: 50)
        }
        let flat = BestHours.analyze(evenly, on: clock)
        let flatBest = try #require(flat.sentences().first { $0.hasPrefix("Best time to post") })
        #expect(flatBest.contains("no slot stands out"), "\(flatBest)")
        let planted = BestHours.analyze(BestHoursFixture.simulate(seed: 3, posts: 400, planted: .init(weekday: .tuesday, hour: 19),
                                                                  lift: 1.6, clock: clock), on: clock)
        let plantedBest = try #require(planted.sentences().first { $0.hasPrefix("Best time to post") })
        #expect(!plantedBest.contains("no slot stands out"), "\(plantedBest)")
    }

    @Test("Empty input: 168 cells, no recommendations, not enough data, no NaN in JSON")
    func emptyInput() throws {
        let result = BestHours.analyze([], on: .utc)
        #expect(result.status == .notEnoughData)
        #expect(result.recommendations.isEmpty)
        try Self.checkJSON(result)
        #expect(!result.sentences().isEmpty)
    }

    @Test("Below 30 posts the analysis says there is not enough data")
    func notEnoughData() throws {
        let clock = try #require(LocalClock(identifier: "Europe/Berlin"))
        let posts = BestHoursFixture.simulate(seed: 1, posts: 29, planted: .init(weekday: .tuesday, hour: 19), lift: 2, clock: clock)
        let result = BestHours.analyze(posts, on: clock)
        #expect(result.status == .notEnoughData)
        #expect(result.recommendations.isEmpty)
        #expect(result.sentences().contains { $0.contains("Not enough data") && $0.contains("30") })
    }

    @Test("JSON of a real-sized run: every key present, empty cells null, numbers finite")
    func jsonShape() throws {
        let clock = try #require(LocalClock(identifier: "America/New_York"))
        let posts = BestHoursFixture.simulate(seed: 7, posts: 400, planted: .init(weekday: .tuesday, hour: 19), lift: 1.3, clock: clock)
        let result = BestHours.analyze(posts, on: clock)
        try Self.checkJSON(result)
        let data = try JSONEncoder().encode(result)
        let back = try JSONDecoder().decode(BestHoursResult.self, from: data)
        #expect(back == result)
    }

    static func checkJSON(_ result: BestHoursResult) throws {
        let data = try JSONEncoder().encode(result)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.lowercased().contains("nan") && !text.lowercased().contains("inf"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["tz", "metric", "baseline", "recommendations", "cells", "method", "window"] { #expect(object.keys.contains(key), "\(key)") }
        if result.posts > 0 {
            let window = try #require(object["window"] as? [String: String])
            #expect(Set(window.keys) == ["from", "to"])
            #expect((object["method"] as? String)?.contains("same estimand") == true)
        }
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == 168)
        var seen = Set<String>()
        for cell in cells {
            #expect(Set(cell.keys) == ["weekday", "hour", "posts", "impressions", "events", "raw_rate", "rate", "ci_low", "ci_high"])
            seen.insert("\(cell["weekday"]!) \(cell["hour"]!)")
            if (cell["posts"] as? Int) == 0 { #expect(cell["raw_rate"] is NSNull) }
        }
        #expect(seen.count == 168)
        for rec in object["recommendations"] as! [[String: Any]] {
            for key in ["weekday", "hour", "rate", "ci_low", "ci_high", "posts", "confidence"] { #expect(rec.keys.contains(key)) }
        }
    }

    @Test("Adjusting for post kind stops a slot being credited for the links usually posted then")
    func postKindAdjustment() throws {
        var rng = BestHoursRandom(seed: 9)
        var posts: [Post] = []
        let start = 1_704_067_200.0 // Monday 2024-01-01, UTC
        for i in 0..<1400 {
            let day = Double(Int(rng.uniform() * 7) + 7 * Int(rng.uniform() * 50))
            let hour = Double(8 + Int(rng.uniform() * 12))
            let t = start + day * 86_400 + hour * 3600
            // Tuesday 10h: mostly link posts (4%); elsewhere mostly plain posts (2%). Same slot effect everywhere.
            let isTue10 = Int(day) % 7 == 1 && hour == 10
            let link = rng.uniform() < (isTue10 ? 0.9 : 0.1)
            let p = rng.beta((link ? 0.04 : 0.02) * 3000, (1 - (link ? 0.04 : 0.02)) * 3000)
            posts.append(BestHoursFixture.post(i, at: Date(timeIntervalSince1970: t), impressions: 2000,
                                               events: rng.binomial(2000, p),
                                               text: link ? "read this https://example.com/\(i)" : "plain words \(i)"))
        }
        // Make sure Tuesday 10h is well populated.
        for k in 0..<30 {
            let p = rng.beta(0.04 * 3000, 0.96 * 3000)
            posts.append(BestHoursFixture.post(5000 + k, at: Date(timeIntervalSince1970: start + Double(1 + 7 * k) * 86_400 + 10 * 3600 + 120),
                                               impressions: 2000, events: rng.binomial(2000, p), text: "see https://example.com/t\(k)"))
        }
        let plain = BestHours.analyze(posts, on: .utc, options: BestHoursOptions(adjustForPostKind: false))
        let adjusted = BestHours.analyze(posts, on: .utc)  // adjusted by default
        let slot = BestHoursSlot(weekday: .tuesday, hour: 10)
        #expect(plain.recommendations.first?.slot == slot)
        #expect(plain.recommendations.first?.confidence == .likelyBetter)
        let cell = try #require(adjusted.cell(weekday: .tuesday, hour: 10))
        let base = try #require(adjusted.baseline)
        #expect(abs(try #require(cell.rate) / base - 1) < 0.1)
        #expect(adjusted.recommendations.first { $0.slot == slot }?.confidence != .likelyBetter)
        #expect(adjusted.notes.contains { $0.contains("with or without a link") })
        #expect(cell.rawRate == plain.cell(weekday: .tuesday, hour: 10)?.rawRate)
    }

    @Test("Per-post objective: expected engagements per post, shrunk, finite, ranked")
    func perPostObjective() throws {
        let clock = try #require(LocalClock(identifier: "America/New_York"))
        let planted = BestHoursSlot(weekday: .wednesday, hour: 12)
        let posts = BestHoursFixture.simulate(seed: 3, posts: 2000, planted: planted, lift: 1.5, clock: clock)
        let result = BestHours.analyze(posts, on: clock, options: BestHoursOptions(objective: .perPost(.engagements)))
        let base = try #require(result.baseline)
        let mean = Double(posts.reduce(0) { $0 + $1.metrics.count(.engagements) }) / Double(posts.count)
        #expect(abs(base - mean) < 1e-9)
        #expect(result.cells.allSatisfy { $0.rate != nil && $0.ciLow! >= 0 && $0.ciLow! <= $0.rate! && $0.rate! <= $0.ciHigh! })
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains("\"metric\":\"engagements_per_post\""))
        #expect(result.status == .ok)
    }

    @Test("Objective keys round-trip", arguments: ["engagements", "url_clicks", "video_views", "engagements_per_post"])
    func objectiveKeys(key: String) throws {
        let o = try #require(BestHoursObjective(key: key))
        #expect(o.key == key)
    }
}

@Suite("Best hours: audience activity")
struct BestHoursAudienceTests {
    @Test("A 28-hour window with a flat series gives every local hour the same share")
    func coverageNormalised() throws {
        let clock = try #require(LocalClock(identifier: "Europe/Berlin"))
        let start = 1_718_280_000.0 // 2024-06-13T12:00Z
        let points = (0..<28).map { HourlySeries.Point(utcHour: Date(timeIntervalSince1970: start + Double($0) * 3600), metric: .engagements, value: 10) }
        let activity = try #require(AudienceActivity(HourlySeries(points: points), on: clock))
        for share in activity.byHour { #expect(abs(try #require(share.engagements) - 1.0 / 24) < 1e-12) }
        #expect(activity.byHour.allSatisfy { $0.impressions == nil })
    }

    @Test("Peak window is found in local time and named in the sentences")
    func peakInLocalTime() throws {
        let clock = try #require(LocalClock(identifier: "America/New_York"))
        // 2024-06-03T00:00Z … one week; EDT is UTC−4, so local 19h is 23h UTC.
        let start = 1_717_372_800.0
        var points: [HourlySeries.Point] = []
        for h in 0..<(24 * 7) {
            let t = Date(timeIntervalSince1970: start + Double(h) * 3600)
            let local = clock.local(t).hour
            points.append(.init(utcHour: t, metric: .engagements, value: (19...21).contains(local) ? 100 : 5))
            points.append(.init(utcHour: t, metric: .impressions, value: 1000))
        }
        let activity = try #require(AudienceActivity(HourlySeries(points: points), on: clock))
        #expect(activity.peakStartHour == 19)
        let total: Double = activity.byHour.reduce(0.0) { $0 + ($1.engagements ?? 0) }
        #expect(abs(total - 1) < 1e-12)
        let share19: Double = try #require(activity.byHour[19].engagements)
        let expected19: Double = 100.0 / 405.0 // 3 hours at 100 and 21 hours at 5 per clock hour
        #expect(abs(share19 - expected19) < 1e-12)
        let posts = BestHoursFixture.simulate(seed: 5, posts: 600, planted: .init(weekday: .monday, hour: 19), lift: 1.3, clock: clock)
        let result = BestHours.analyze(posts, on: clock)
        let text = result.sentences(audience: activity).joined(separator: "\n")
        #expect(text.contains("most active 19–21h"))
        #expect(text.contains("posts published at 19h earn"))
    }
}
