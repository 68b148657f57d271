import Foundation

/// A small seeded generator (SplitMix64) with the samplers the best-hour simulations need.
/// Deterministic across platforms for a given seed.
struct BestHoursRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1), never exactly 0 or 1.
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// Gamma(shape, 1) by Marsaglia–Tsang (boosted for shape < 1).
    mutating func gamma(shape: Double) -> Double {
        if shape < 1 { return gamma(shape: shape + 1) * Foundation.pow(uniform(), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat { x = normal(); v = 1 + c * x } while v <= 0
            v = v * v * v
            let u = uniform()
            if Foundation.log(u) < 0.5 * x * x + d - d * v + d * Foundation.log(v) { return d * v }
        }
    }

    /// Beta(a, b).
    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a), y = gamma(shape: b)
        return x / (x + y)
    }

    /// Binomial(n, p): exact inversion when the mean is small, else the rounded normal approximation.
    mutating func binomial(_ n: Int64, _ p: Double) -> Int64 {
        guard n > 0, p > 0 else { return 0 }
        if p >= 1 { return n }
        let mean = Double(n) * p
        if mean < 30 {
            var k: Int64 = 0
            var pmf = Foundation.pow(1 - p, Double(n))
            var cdf = pmf
            let u = uniform()
            while u > cdf && k < n {
                pmf *= Double(n - k) / Double(k + 1) * p / (1 - p)
                k += 1
                cdf += pmf
                if pmf < 1e-300 && Double(k) > mean { break }
            }
            return k
        }
        let draw = (mean + (mean * (1 - p)).squareRoot() * normal()).rounded()
        return Int64(min(Double(n), max(0, draw)))
    }
}
