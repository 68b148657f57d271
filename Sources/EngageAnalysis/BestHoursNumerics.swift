import Foundation

// Numerics used by the best-hour model, kept `internal` so that the lead can merge them with the
// general numerics of EngageAnalysis later. Nothing here returns NaN for valid arguments.

/// Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation refined by
/// one Halley step on `erfc`, accurate to about 1e-15). Returns `nil` outside (0, 1).
func bestHoursNormalQuantile(_ p: Double) -> Double? {
    guard p > 0, p < 1 else { return nil }
    // Upper half by symmetry: 1 − p is exact for p ≥ ½, and the lower tail keeps full precision.
    if p > 0.5 { return bestHoursNormalQuantile(1 - p).map { -$0 } }
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
             6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    var x: Double
    if p < low {
        let q = (-2 * Foundation.log(p)).squareRoot()
        x = (((((c[0]*q + c[1])*q + c[2])*q + c[3])*q + c[4])*q + c[5]) /
            ((((d[0]*q + d[1])*q + d[2])*q + d[3])*q + 1)
    } else if p <= 1 - low {
        let q = p - 0.5, r = q * q
        x = (((((a[0]*r + a[1])*r + a[2])*r + a[3])*r + a[4])*r + a[5]) * q /
            (((((b[0]*r + b[1])*r + b[2])*r + b[3])*r + b[4])*r + 1)
    } else {
        let q = (-2 * Foundation.log(1 - p)).squareRoot()
        x = -(((((c[0]*q + c[1])*q + c[2])*q + c[3])*q + c[4])*q + c[5]) /
            ((((d[0]*q + d[1])*q + d[2])*q + d[3])*q + 1)
    }
    // One Halley step: e = Φ(x) − p.
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * Foundation.exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x.isFinite ? x : nil
}

/// ln B(a, b).
func bestHoursLogBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

/// Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1 (continued fraction, modified
/// Lentz, using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) where it converges faster).
func bestHoursIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let front = Foundation.exp(a * Foundation.log(x) + b * Foundation.log1p(-x) - bestHoursLogBeta(a, b))
    if x < (a + 1) / (a + b + 2) {
        return front * betaContinuedFraction(x, a, b) / a
    }
    return 1 - front * betaContinuedFraction(1 - x, b, a) / b
}

private func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300, eps = 1e-15
    let qab = a + b, qap = a + 1, qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    let maxIterations = 100_000
    for m in 1...maxIterations {
        let m = Double(m), m2 = 2 * m
        var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d; if abs(d) < tiny { d = tiny }
        c = 1 + aa / c; if abs(c) < tiny { c = tiny }
        d = 1 / d; h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d; if abs(d) < tiny { d = tiny }
        c = 1 + aa / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        let del = d * c
        h *= del
        if abs(del - 1) < eps { break }
    }
    return h
}

/// Quantile of Beta(a, b) at probability p (0 < p < 1), by safeguarded Newton iteration on the
/// regularized incomplete beta. When a + b exceeds 10⁷ the normal approximation with the Beta's mean
/// and variance is used (the Beta is then normal to many digits). Returns `nil` for invalid input.
func bestHoursBetaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double? {
    guard p > 0, p < 1, a > 0, b > 0, a.isFinite, b.isFinite else { return nil }
    let mean = a / (a + b)
    let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
    guard let z = bestHoursNormalQuantile(p) else { return nil }
    if a + b > 1e7 {
        return min(1, max(0, mean + z * sd))
    }
    var lo = 0.0, hi = 1.0
    var x = min(1 - 1e-12, max(1e-12, mean + z * sd))
    let lbeta = bestHoursLogBeta(a, b)
    for _ in 0..<200 {
        let f = bestHoursIncompleteBeta(x, a, b) - p
        if f == 0 { return x }
        if f < 0 { lo = x } else { hi = x }
        let logPdf = (a - 1) * Foundation.log(x) + (b - 1) * Foundation.log1p(-x) - lbeta
        let pdf = Foundation.exp(logPdf)
        var next = pdf > 0 && pdf.isFinite ? x - f / pdf : .nan
        if !(next > lo && next < hi) { next = (lo + hi) / 2 }
        if abs(next - x) <= 1e-14 * max(x, 1e-300) || hi - lo <= 1e-15 * max(x, 1e-300) {
            return next
        }
        x = next
    }
    return x
}

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
