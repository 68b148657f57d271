import EngageModel

/// The rate of a group of posts with honest uncertainty: ratio of sums with a delta-method 95%
/// interval that treats the post as the unit, the naive Wilson interval beside it, and the mean of
/// per-post rates with its t interval (docs: METHODS.md, "Rate of a group").
///
/// Every value that cannot be computed is `nil`, with the reason in the matching `…Note`.
///
/// ```swift
/// let estimate = RateEstimate(posts.compactMap { $0.rateObservation(for: .engagements) })
/// estimate.rate        // Σy / Σx
/// estimate.interval    // delta method, post as the unit
/// estimate.naiveWilson // treats impressions as independent: too narrow, shown for contrast
/// ```
public struct RateEstimate: Sendable, Equatable {
    /// Label shown beside ``naiveWilson``.
    public static let naiveLabel = "naive (treats impressions as independent)"

    /// Number of posts n.
    public var posts: Int
    /// Σxᵢ.
    public var impressions: Int64
    /// Σyᵢ.
    public var events: Int64
    /// R = Σy / Σx; `nil` when Σx = 0.
    public var rate: Double?
    /// √Var(R) by the delta method, Var(R) = Σ(yᵢ − R·xᵢ)² / ((n − 1)·n·x̄²); `nil` when n < 2 or Σx = 0.
    public var standardError: Double?
    /// R ± 1.959964·SE (the 95% interval with the post as the unit; not clipped at 0).
    public var interval: ConfidenceInterval?
    /// Why ``interval`` is `nil` (e.g. "needs at least 2 posts (has 1)"); `nil` when it exists.
    public var intervalNote: String?
    /// Wilson 95% interval with k = Σy, N = Σx; labelled ``naiveLabel``. `nil` when Σx = 0 or Σy > Σx.
    public var naiveWilson: ConfidenceInterval?
    /// Posts with xᵢ > 0, the ones that have a per-post rate.
    public var postsWithImpressions: Int
    /// Mean of the per-post rates yᵢ/xᵢ over posts with xᵢ > 0; `nil` when there are none.
    public var meanOfPostRates: Double?
    /// Sample standard deviation of the per-post rates; `nil` below 2 such posts.
    public var postRateStandardDeviation: Double?
    /// mean ± t(0.975, k − 1)·s/√k over the k posts with impressions; `nil` when k < 2.
    public var meanInterval: ConfidenceInterval?
    /// Why ``meanInterval`` is `nil`; `nil` when it exists.
    public var meanIntervalNote: String?

    /// Var(R) by the delta method (``standardError`` squared).
    public var variance: Double? { standardError.map { $0 * $0 } }

    /// Computes every estimate from the posts' observations (one per post).
    public init(_ observations: [RateObservation]) {
        let n = observations.count
        posts = n
        var sumX: Int64 = 0, sumY: Int64 = 0
        for o in observations { sumX &+= o.impressions; sumY &+= o.events }
        impressions = sumX; events = sumY
        let z = Distributions.z95

        if sumX > 0 {
            let r = Double(sumY) / Double(sumX)
            rate = r
            if n >= 2 {
                let meanX = Double(sumX) / Double(n)
                var squares = 0.0
                for o in observations {
                    let residual = Double(o.events) - r * Double(o.impressions)
                    squares += residual * residual
                }
                let variance = squares / (Double(n - 1) * Double(n) * meanX * meanX)
                let se = variance.squareRoot()
                standardError = se.isFinite ? se : nil
                interval = standardError.flatMap { ConfidenceInterval(low: r - z * $0, high: r + z * $0) }
                intervalNote = interval == nil ? "variance could not be computed" : nil
            } else {
                intervalNote = "needs at least 2 posts (has \(n))"
            }
            if sumY >= 0 && sumY <= sumX {
                let bigN = Double(sumX), z2 = z * z
                let denominator = 1 + z2 / bigN
                let centre = (r + z2 / (2 * bigN)) / denominator
                let half = z * (r * (1 - r) / bigN + z2 / (4 * bigN * bigN)).squareRoot() / denominator
                naiveWilson = ConfidenceInterval(low: centre - half, high: centre + half)
            }
        } else {
            intervalNote = n == 0 ? "no posts" : "no impressions"
        }

        let rates = observations.compactMap(\.rate)
        postsWithImpressions = rates.count
        if rates.isEmpty {
            meanIntervalNote = "no posts with impressions"
        } else {
            let k = Double(rates.count)
            let mean = rates.reduce(0, +) / k
            meanOfPostRates = mean
            if rates.count >= 2 {
                let s = (rates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (k - 1)).squareRoot()
                postRateStandardDeviation = s
                let t = Distributions.studentTQuantile(0.975, degreesOfFreedom: k - 1)
                meanInterval = ConfidenceInterval(low: mean - t * s / k.squareRoot(), high: mean + t * s / k.squareRoot())
            } else {
                meanIntervalNote = "needs at least 2 posts with impressions (has 1)"
            }
        }
    }
}
