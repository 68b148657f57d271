import Foundation

/// Two-sample tests and multiple-comparison adjustment used to cross-check campaign comparisons.
///
/// Each follows the SciPy/statsmodels definition named in its doc comment and is checked against
/// those libraries in `StatisticalTestsTests`.
public enum StatisticalTests {
    /// Result of Welch's unequal-variances t-test.
    public struct WelchResult: Sendable, Equatable {
        /// t = (mean₁ − mean₂) / √(s₁²/n₁ + s₂²/n₂).
        public var statistic: Double
        /// Welch–Satterthwaite degrees of freedom.
        public var degreesOfFreedom: Double
        /// Two-sided p-value.
        public var pValue: Double
    }

    /// Result of the Mann–Whitney U test.
    public struct MannWhitneyResult: Sendable, Equatable {
        /// U of the first sample (SciPy's `statistic`): R₁ − n₁(n₁ + 1)/2.
        public var statistic: Double
        /// Two-sided p-value.
        public var pValue: Double
        /// True when the exact null distribution was used, false for the normal approximation.
        public var isExact: Bool
    }

    /// Welch's two-sided t-test, as `scipy.stats.ttest_ind(a, b, equal_var=False)`.
    ///
    /// - Returns: `nil` when either sample has fewer than 2 values or both have zero variance
    ///   (the statistic is undefined).
    public static func welchTTest(_ a: [Double], _ b: [Double]) -> WelchResult? {
        guard a.count >= 2, b.count >= 2 else { return nil }
        let (meanA, varA) = meanAndVariance(a), (meanB, varB) = meanAndVariance(b)
        let qa = varA / Double(a.count), qb = varB / Double(b.count)
        let se2 = qa + qb
        guard se2 > 0 else { return nil }
        let t = (meanA - meanB) / se2.squareRoot()
        let df = se2 * se2 / (qa * qa / Double(a.count - 1) + qb * qb / Double(b.count - 1))
        let p = min(1, 2 * Distributions.studentTSurvival(abs(t), degreesOfFreedom: df))
        guard t.isFinite, df.isFinite else { return nil }
        return WelchResult(statistic: t, degreesOfFreedom: df, pValue: p)
    }

    /// Mann–Whitney U, two-sided, as `scipy.stats.mannwhitneyu(a, b)` with its defaults
    /// (`use_continuity=True`, `method='auto'`).
    ///
    /// SciPy's 'auto' rule: the exact null distribution when there are no ties and at least one
    /// sample has at most 8 values; otherwise the normal approximation with tie correction and
    /// continuity correction. (Exact counts use 128-bit arithmetic; in the rare case they would
    /// overflow, beyond roughly 8 against 60,000 values, the normal approximation is used.)
    ///
    /// - Returns: `nil` when either sample is empty.
    public static func mannWhitneyU(_ a: [Double], _ b: [Double]) -> MannWhitneyResult? {
        let n1 = a.count, n2 = b.count
        guard n1 >= 1, n2 >= 1 else { return nil }
        let (ranks, tieSizes) = averageRanks(a + b)
        let rankSumA = ranks[0..<n1].reduce(0, +)
        let u1 = rankSumA - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1) * Double(n2) - u1
        let u = max(u1, u2)
        let hasTies = tieSizes.contains { $0 > 1 }
        if !(n1 > 8 && n2 > 8) && !hasTies, let p = exactMannWhitneyP(u: u, n1: n1, n2: n2) {
            return MannWhitneyResult(statistic: u1, pValue: min(1, p), isExact: true)
        }
        let n = Double(n1 + n2)
        let tieTerm = tieSizes.reduce(0.0) { $0 + Double($1) * Double($1) * Double($1) - Double($1) }
        let s2 = Double(n1) * Double(n2) / 12 * ((n + 1) - (n > 1 ? tieTerm / (n * (n - 1)) : 0))
        let numerator = u - Double(n1) * Double(n2) / 2 - 0.5
        let p: Double
        if s2 > 0 {
            p = 2 * Distributions.normalSurvival(numerator / s2.squareRoot())
        } else {
            p = 1
        }
        return MannWhitneyResult(statistic: u1, pValue: min(1, max(0, p)), isExact: false)
    }

    /// Holm's step-down adjustment, as statsmodels `multipletests(p, method='holm')`:
    /// sort ascending, p̃₍ⱼ₎ = max over k ≤ j of min(1, (m − k + 1)·p₍ₖ₎); returned in input order.
    public static func holm(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: 0, count: m)
        var running = 0.0
        for (k, index) in order.enumerated() {
            running = max(running, min(1, Double(m - k) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// The q-quantile (q in [0, 1]) of ascending `sorted` values by linear interpolation between
    /// order statistics (NumPy's default `percentile` method); `nil` when empty.
    public static func quantile(ofSorted sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * min(1, max(0, q))
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    /// Mean and sample variance (ddof = 1); variance 0 below two values.
    static func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
        let n = Double(values.count)
        guard n > 0 else { return (0, 0) }
        let mean = values.reduce(0, +) / n
        guard n > 1 else { return (mean, 0) }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, squares / (n - 1))
    }

    /// Average ranks (1-based) and the sizes of the groups of equal values.
    static func averageRanks(_ values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
        let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieSizes: [Int] = []
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            let average = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = average }
            tieSizes.append(j - i + 1)
            i = j + 1
        }
        return (ranks, tieSizes)
    }

    /// Two-sided exact p = 2·P(U ≤ n₁n₂ − u) for u ≥ n₁n₂/2, from the Gaussian binomial
    /// coefficient [n₁+n₂ choose n₁]_q whose coefficients count the arrangements with each U.
    private static func exactMannWhitneyP(u: Double, n1: Int, n2: Int) -> Double? {
        let m = min(n1, n2), n = max(n1, n2)
        // Total arrangements C(m + n, m) must fit the 128-bit counters.
        let log2Total = (Distributions.logGamma(Double(m + n + 1)) - Distributions.logGamma(Double(m + 1))
            - Distributions.logGamma(Double(n + 1))) / Foundation.log(2.0)
        guard log2Total < 126 else { return nil }
        let k = Int((Double(m * n) - u).rounded())
        guard k >= 0 else { return 0 }
        var counts = [WideCount](repeating: WideCount(), count: k + 1)
        counts[0] = WideCount(1)
        for i in 1...m {
            let up = n + i
            if up <= k { for d in stride(from: k, through: up, by: -1) { counts[d] = counts[d] - counts[d - up] } }
            if i <= k { for d in i...k { counts[d] = counts[d] + counts[d - i] } }
        }
        var cumulative = WideCount()
        for c in counts { cumulative = cumulative + c }
        var total = 1.0
        for i in 1...m { total = total * Double(n + i) / Double(i) }
        return 2 * cumulative.doubleValue / total
    }
}

/// A 128-bit unsigned counter with wrapping add and subtract, enough for exact Mann–Whitney counts.
private struct WideCount {
    var high: UInt64 = 0, low: UInt64 = 0
    init() {}
    init(_ value: UInt64) { low = value }
    static func + (a: WideCount, b: WideCount) -> WideCount {
        let (low, carry) = a.low.addingReportingOverflow(b.low)
        var r = WideCount(); r.low = low; r.high = a.high &+ b.high &+ (carry ? 1 : 0); return r
    }
    static func - (a: WideCount, b: WideCount) -> WideCount {
        let (low, borrow) = a.low.subtractingReportingOverflow(b.low)
        var r = WideCount(); r.low = low; r.high = a.high &- b.high &- (borrow ? 1 : 0); return r
    }
    var doubleValue: Double { Double(high) * 0x1.0p64 + Double(low) }
}
