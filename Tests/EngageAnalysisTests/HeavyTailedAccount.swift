import EngageAnalysis
import Foundation

/// A seeded account shaped like the real exports measured in docs/METHODS.md ("What real accounts
/// look like"): impressions over four to five orders of magnitude with a heavy upper tail, replies
/// and small posts with high rates, a negative correlation between log impressions and rate, and a
/// mean of post rates well above the ratio of sums. `Benchmarks/heavy_tailed.py` is the same model
/// in Python (its own generator, so the two do not share draws).
///
/// Post i: reply with probability `replyShare`; ln xᵢ = μ + σ·Z + g·Exp(1) (+ `replyShift` for
/// replies); logit pᵢ = a − b·(ln xᵢ − μ) (+ `replyBonus`) + u·Z′; yᵢ ~ Binomial(xᵢ, pᵢ).
struct HeavyTailedAccount {
    /// The model's parameters.
    struct Profile: Sendable {
        var mu: Double, spread: Double, tail: Double
        var replyShare: Double, replyShift: Double
        var logitBase: Double, sizeSlope: Double, replyBonus: Double, rateNoise: Double

        /// Like account B of the table: median ~200 impressions, top 1% hold ~⅓, mean of rates ~3× the ratio of sums.
        static let heavy = Profile(mu: 4.7, spread: 1.6, tail: 0.75, replyShare: 0.35, replyShift: -0.8,
                                   logitBase: -3.5, sizeSlope: 0.33, replyBonus: 0.5, rateNoise: 1.0)
        /// Like account A: a larger account (median ~7,000), top 1% hold ~a fifth, rates only mildly tied to size.
        static let large = Profile(mu: 8.4, spread: 0.8, tail: 0.6, replyShare: 0.07, replyShift: -1.5,
                                   logitBase: -3.0, sizeSlope: 0.05, replyBonus: 0.3, rateNoise: 0.8)
    }

    /// One generated post.
    struct Post: Sendable {
        var impressions: Int64
        var events: Int64
        var isReply: Bool
        /// The rate its events were drawn with.
        var trueRate: Double
        var observation: RateObservation { RateObservation(impressions: impressions, events: events) }
    }

    /// `count` posts of `profile`, the same for the same seed.
    static func posts(count: Int, profile: Profile = .heavy, seed: UInt64) -> [Post] {
        var sim = SimulatedPopulation(seed: seed)
        return (0..<count).map { _ in
            let reply = sim.random.nextUnitDouble() < profile.replyShare
            let exponential = -Foundation.log(1 - sim.random.nextUnitDouble())
            let logX = profile.mu + profile.spread * sim.normal() + profile.tail * exponential + (reply ? profile.replyShift : 0)
            let x = max(1, Int64(Foundation.exp(logX).rounded()))
            let logit = profile.logitBase - profile.sizeSlope * (logX - profile.mu) + (reply ? profile.replyBonus : 0)
                + profile.rateNoise * sim.normal()
            let p = 1 / (1 + Foundation.exp(-logit))
            return Post(impressions: x, events: sim.binomial(x, p), isReply: reply, trueRate: p)
        }
    }

    /// The same posts with events drawn afresh at `multiplier` × their true rate (a planted effect).
    static func redraw(_ posts: [Post], multiplier: Double, seed: UInt64) -> [Post] {
        var sim = SimulatedPopulation(seed: seed)
        return posts.map { post in
            var p = post
            p.trueRate = min(1, post.trueRate * multiplier)
            p.events = sim.binomial(post.impressions, p.trueRate)
            return p
        }
    }
}

/// The figures of the REAL-DATA table, measured on a list of posts (posts with 0 impressions left out).
struct AccountFigures: CustomStringConvertible {
    var posts: Int
    /// Impressions per post at the 10th, 50th, 90th and 99th percentiles, and the largest.
    var p10: Double, p50: Double, p90: Double, p99: Double, max: Double
    /// Orders of magnitude between the smallest and the largest post.
    var decades: Double
    /// Share of all impressions in the top 1% of posts.
    var topShare: Double
    /// Mean of per-post rates ÷ Σevents/Σimpressions.
    var meanOverRatio: Double
    /// Pearson correlation of ln impressions and rate.
    var correlation: Double

    init(_ all: [RateObservation]) {
        let obs = all.filter { $0.impressions > 0 }
        posts = obs.count
        let x = obs.map { Double($0.impressions) }.sorted()
        func q(_ p: Double) -> Double { StatisticalTests.quantile(ofSorted: x, p) ?? 0 }
        p10 = q(0.10); p50 = q(0.50); p90 = q(0.90); p99 = q(0.99); max = x.last ?? 0
        decades = Foundation.log10((x.last ?? 1) / (x.first ?? 1))
        let top = Swift.max(1, Int((Double(x.count) * 0.01).rounded()))
        let total = x.reduce(0, +)
        topShare = x.suffix(top).reduce(0, +) / total
        let rates = obs.map { Double($0.events) / Double($0.impressions) }
        let ratio = Double(obs.reduce(0) { $0 + $1.events }) / total
        let meanRate = rates.reduce(0, +) / Double(rates.count)
        meanOverRatio = meanRate / ratio
        let logs = obs.map { Foundation.log(Double($0.impressions)) }
        let ml = logs.reduce(0, +) / Double(logs.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (l, r) in zip(logs, rates) { sxy += (l - ml) * (r - meanRate); sxx += (l - ml) * (l - ml); syy += (r - meanRate) * (r - meanRate) }
        correlation = sxy / (sxx * syy).squareRoot()
    }

    /// The figures as `Benchmarks/heavy_tailed.py --figures` prints them; `nil` when a key is missing.
    init?(python d: [String: Double]) {
        guard let n = d["posts"], let p10 = d["p10"], let p50 = d["p50"], let p90 = d["p90"], let p99 = d["p99"],
              let max = d["max"], let decades = d["decades"], let share = d["top_share"],
              let ratio = d["mean_over_ratio"], let correlation = d["correlation"] else { return nil }
        posts = Int(n); self.p10 = p10; self.p50 = p50; self.p90 = p90; self.p99 = p99; self.max = max
        self.decades = decades; topShare = share; meanOverRatio = ratio; self.correlation = correlation
    }

    var description: String {
        String(format: "%d posts, impressions p10/p50/p90/p99/max %.0f/%.0f/%.0f/%.0f/%.0f (%.1f decades), top 1%% hold %.0f%%, mean of rates %.2f× the ratio of sums, corr(log impressions, rate) %.2f",
               posts, p10, p50, p90, p99, max, decades, 100 * topShare, meanOverRatio, correlation)
    }
}
