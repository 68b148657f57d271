import EngageAnalysis
import Foundation

/// A seeded simulated account: heavy-tailed impressions and overdispersed per-post rates, the
/// situation in which pooling impressions as independent trials goes wrong.
struct SimulatedPopulation {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// `count` posts with lognormal impressions (median `medianImpressions`, log-sd `spread`) and
    /// per-post rates drawn from Beta(mean·κ, (1 − mean)·κ); events are binomial given the rate.
    mutating func posts(count: Int, meanRate: Double, kappa: Double = 300, medianImpressions: Double = 2_000,
                        spread: Double = 1.0) -> [RateObservation] {
        (0..<count).map { _ in
            let x = Int64((medianImpressions * Foundation.exp(spread * normal())).rounded())
            let p = beta(meanRate * kappa, (1 - meanRate) * kappa)
            return RateObservation(impressions: x, events: binomial(x, p))
        }
    }

    mutating func normal() -> Double {
        let u1 = 1 - random.nextUnitDouble(), u2 = random.nextUnitDouble()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Marsaglia–Tsang gamma variate for shape ≥ 1.
    mutating func gamma(_ shape: Double) -> Double {
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat { x = normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = random.nextUnitDouble()
            if Foundation.log(max(u, 1e-300)) < 0.5 * x * x + d - d * v + d * Foundation.log(v) { return d * v }
        }
    }

    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(a), y = gamma(b)
        return x / (x + y)
    }

    /// Binomial(n, p): Poisson inversion for small means, a rounded normal otherwise (ample for a simulation).
    mutating func binomial(_ n: Int64, _ p: Double) -> Int64 {
        let mean = Double(n) * p
        if mean < 30 {
            var k: Int64 = 0, product = random.nextUnitDouble()
            let limit = Foundation.exp(-mean)
            while product > limit { k += 1; product *= random.nextUnitDouble() }
            return min(k, n)
        }
        let draw = mean + (mean * (1 - p)).squareRoot() * normal()
        return min(n, max(0, Int64(draw.rounded())))
    }

    /// A random permutation of `0..<count` (Fisher–Yates).
    mutating func shuffledIndices(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) { indices.swapAt(i, random.nextIndex(below: i + 1)) }
        return indices
    }
}

/// The naive pooled two-proportion z test that treats every impression as an independent trial.
func naivePooledPValue(_ a: [RateObservation], _ b: [RateObservation]) -> Double {
    let xa = Double(a.reduce(0) { $0 + $1.impressions }), ya = Double(a.reduce(0) { $0 + $1.events })
    let xb = Double(b.reduce(0) { $0 + $1.impressions }), yb = Double(b.reduce(0) { $0 + $1.events })
    let pooled = (ya + yb) / (xa + xb)
    let se = (pooled * (1 - pooled) * (1 / xa + 1 / xb)).squareRoot()
    return Distributions.erfc(abs((ya / xa - yb / xb) / se) / 2.0.squareRoot())
}
