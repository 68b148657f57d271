import Foundation

/// Probability distributions and special functions the statistics need, written out so that every
/// number engage prints can be traced to one place.
///
/// Accuracy: about 1e-13 relative against SciPy over the ranges engage uses (checked by
/// `DistributionsTests` against `Tests/Fixtures/analysis/reference.json`). Every function returns a
/// finite number for finite arguments in its domain; arguments outside the domain are clamped as
/// documented (never NaN).
///
/// ```swift
/// Distributions.normalQuantile(0.975)             // 1.959963984540054
/// Distributions.studentTCDF(2.0, degreesOfFreedom: 7)
/// ```
public enum Distributions {
    /// The two-sided 95% critical value of the standard normal, Φ⁻¹(0.975) = 1.959963984540054.
    public static let z95 = 1.959963984540054
    /// Φ⁻¹(0.8) = 0.8416212335729143, the normal quantile for 80% power.
    public static let z80 = 0.8416212335729143

    // MARK: Special functions

    /// The complementary error function erfc(x) = 1 − erf(x), accurate in the far tail.
    public static func erfc(_ x: Double) -> Double { Foundation.erfc(x) }

    /// The natural log of the gamma function for x > 0.
    public static func logGamma(_ x: Double) -> Double { Foundation.lgamma(x) }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
    ///
    /// When an argument is large the three log-gammas nearly cancel; there the Stirling form
    /// (a − ½)·ln(a/(a+b)) + b·ln(b/(a+b)) − ½·ln b + ½·ln 2π + δ(a) + δ(b) − δ(a+b) is used, δ being
    /// the remainder of Stirling's series, which keeps full relative precision.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard max(a, b) >= 10 else { return logGamma(a) + logGamma(b) - logGamma(a + b) }
        let (large, small) = a >= b ? (a, b) : (b, a)
        let sum = large + small
        return (large - 0.5) * -Foundation.log1p(small / large) + small * Foundation.log(small / sum)
            - 0.5 * Foundation.log(small) + 0.5 * Foundation.log(2 * Double.pi)
            + stirlingRemainder(large) + stirlingRemainder(small) - stirlingRemainder(sum)
    }

    /// δ(x) = ln Γ(x) − [(x − ½)·ln x − x + ½·ln 2π], by its asymptotic series for x ≥ 10.
    static func stirlingRemainder(_ x: Double) -> Double {
        guard x >= 10 else {
            return logGamma(x) - ((x - 0.5) * Foundation.log(x) - x + 0.5 * Foundation.log(2 * Double.pi))
        }
        let r = 1 / x, r2 = r * r
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))))
    }

    /// The regularized incomplete beta function I_x(a, b) for a, b > 0; x is clamped to [0, 1].
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        betaTails(x: x, complement: 1 - x, a: a, b: b).lower
    }

    /// Both tails of the beta distribution, I_x(a, b) and 1 − I_x(a, b), each computed without
    /// cancellation. `complement` must be 1 − x, passed separately when the caller knows it more
    /// precisely than `1 - x` would give.
    static func betaTails(x: Double, complement y: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        if !(x > 0) { return (0, 1) }
        if !(y > 0) { return (1, 0) }
        let logFront = a * Foundation.log(x) + b * Foundation.log(y) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let lower = min(1, Foundation.exp(logFront) * betaContinuedFraction(x: x, y: y, a: a, b: b) / a)
            return (lower, 1 - lower)
        } else {
            let upper = min(1, Foundation.exp(logFront) * betaContinuedFraction(x: y, y: x, a: b, b: a) / b)
            return (1 - upper, upper)
        }
    }

    /// The continued fraction for the incomplete beta (modified Lentz evaluation).
    private static func betaContinuedFraction(x: Double, y: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...20_000 {
            let m = Double(m)
            // Even step.
            var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            // Odd step.
            numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return result
    }

    // MARK: Normal

    /// The standard normal CDF Φ(x), accurate in both tails.
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// The standard normal survival function 1 − Φ(x), accurate for large x.
    public static func normalSurvival(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }

    /// The standard normal density φ(x).
    public static func normalDensity(_ x: Double) -> Double {
        Foundation.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }

    /// The standard normal quantile Φ⁻¹(p); p is clamped to (0, 1), giving ±38.5 at the ends.
    public static func normalQuantile(_ p: Double) -> Double {
        if p > 0.5 { return -normalQuantile(1 - p) }
        let p = max(p, Double.leastNonzeroMagnitude)
        if p == 0.5 { return 0 }
        // Abramowitz & Stegun 26.2.23 as a start (error < 4.5e-4), then Halley steps on erfc.
        let t = (-2 * Foundation.log(p)).squareRoot()
        var x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
                  / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
        for _ in 0..<4 {
            let density = normalDensity(x)
            guard density > 0 else { break }
            let u = (normalCDF(x) - p) / density
            guard u.isFinite else { break }
            let next = x - u / (1 + x * u / 2)
            if next == x { break }
            x = next
        }
        return x
    }

    // MARK: Student t

    /// The CDF of Student's t with `degreesOfFreedom` ν > 0 (non-integer allowed, as Welch needs).
    public static func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let tail = studentTTail(abs(t), nu)
        return t < 0 ? tail : 1 - tail
    }

    /// The survival function P(T > t) of Student's t, accurate for large t.
    public static func studentTSurvival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        studentTCDF(-t, degreesOfFreedom: nu)
    }

    /// P(T > s) for s ≥ 0.
    private static func studentTTail(_ s: Double, _ nu: Double) -> Double {
        if s == 0 { return 0.5 }
        if !s.isFinite { return 0 }
        if nu > 1e12 { return normalSurvival(s) }
        let t2 = s * s
        let x = nu / (nu + t2), y = t2 / (nu + t2)
        return 0.5 * betaTails(x: x, complement: y, a: nu / 2, b: 0.5).lower
    }

    /// The density of Student's t.
    public static func studentTDensity(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let logDensity = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Foundation.log(nu * Double.pi)
            - (nu + 1) / 2 * Foundation.log1p(t * t / nu)
        return Foundation.exp(logDensity)
    }

    /// The quantile of Student's t: the t with CDF p, for ν > 0; p is clamped to (0, 1).
    public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        if p == 0.5 { return 0 }
        if p > 0.5 { return studentTUpperQuantile(1 - p, nu) }
        return -studentTUpperQuantile(p, nu)
    }

    /// The t ≥ 0 with P(T > t) = alpha, alpha in (0, 0.5).
    private static func studentTUpperQuantile(_ alpha: Double, _ nu: Double) -> Double {
        let alpha = max(alpha, 1e-300)
        if nu == 1 { return 1 / Foundation.tan(Double.pi * alpha) }
        if nu == 2 { return (1 - 2 * alpha) / (2 * alpha * (1 - alpha)).squareRoot() }
        if nu > 1e12 { return -normalQuantile(alpha) }
        // Bracket the root, then safeguarded Newton on the survival function.
        var low = 0.0, high = max(1.0, -normalQuantile(alpha))
        while studentTTail(high, nu) > alpha && high < 1e300 { low = high; high *= 4 }
        let z = -normalQuantile(alpha)
        var t = z + (z * z * z + z) / (4 * nu)
        if !(t > low && t < high) { t = (low + high) / 2 }
        for _ in 0..<200 {
            let f = studentTTail(t, nu) - alpha
            if f > 0 { low = t } else { high = t }
            var next = t + f / studentTDensity(t, degreesOfFreedom: nu)
            if !(next > low && next < high) || !next.isFinite { next = (low + high) / 2 }
            if abs(next - t) <= 1e-15 * abs(t) { return next }
            t = next
        }
        return t
    }

    // MARK: Beta

    /// The CDF of Beta(a, b) at x, i.e. I_x(a, b).
    public static func betaCDF(_ x: Double, a: Double, b: Double) -> Double {
        regularizedIncompleteBeta(x, a: a, b: b)
    }

    /// The density of Beta(a, b) at x in (0, 1).
    public static func betaDensity(_ x: Double, a: Double, b: Double) -> Double {
        guard x > 0, x < 1 else { return 0 }
        return Foundation.exp((a - 1) * Foundation.log(x) + (b - 1) * Foundation.log1p(-x) - logBeta(a, b))
    }

    /// The quantile of Beta(a, b): the x with I_x(a, b) = p; p is clamped to [0, 1].
    public static func betaQuantile(_ p: Double, a: Double, b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var low = 0.0, high = 1.0
        // Start from the normal approximation on the mean and variance, kept inside (0, 1).
        let mean = a / (a + b), sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        var x = mean + sd * normalQuantile(p)
        if !(x > 0 && x < 1) { x = mean }
        for _ in 0..<2_000 {
            let tails = betaTails(x: x, complement: 1 - x, a: a, b: b)
            let f = p < 0.5 ? tails.lower - p : (1 - p) - tails.upper
            if f < 0 { low = x } else { high = x }
            let density = betaDensity(x, a: a, b: b)
            var next = density > 0 ? x - f / density : .nan
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - x) <= 1e-15 * max(abs(x), 1e-300) || high - low <= 1e-300 { return next }
            x = next
        }
        return x
    }
}
