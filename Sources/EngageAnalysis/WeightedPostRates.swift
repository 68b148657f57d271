import Foundation

/// A mean of post rates in which post i weighs wᵢ, M = Σwᵢrᵢ / Σwᵢ, with its post-level (sandwich)
/// variance Var(M) = n·Σwᵢ²(rᵢ − M)² / ((n − 1)(Σwᵢ)²) (docs: METHODS.md, "Campaign against control").
///
/// It is a ratio of sums of (wᵢ, wᵢrᵢ): wᵢ = xᵢ gives Σy/Σx, wᵢ = 1 the plain mean of post rates.
/// Campaign lifts use **effective impressions** wᵢ = eᵢ = xᵢκ/(xᵢ + κ) (``effective(_:postStrength:)``):
/// a small post counts by its impressions, a viral one as at most κ, so a handful of viral posts
/// cannot carry the mean and the weights stay bounded (which keeps the variance honest).
///
/// ```swift
/// let kappa = WeightedPostRates.postStrength(campaignPosts + controlPosts)
/// let m = WeightedPostRates(WeightedPostRates.effective(campaignPosts, postStrength: kappa))
/// m.mean; m.variance
/// ```
public struct WeightedPostRates: Sendable, Equatable {
    /// Name of the estimand in `compare --json` (`estimand`).
    public static let estimandName = "weighted_mean_of_post_rates"

    /// One post: its weight wᵢ and wᵢ·rᵢ.
    public struct Post: Sendable, Hashable {
        /// wᵢ ≥ 0.
        public var weight: Double
        /// wᵢ·rᵢ.
        public var weightedRate: Double
        /// Creates a post from its weight and weight × rate.
        public init(weight: Double, weightedRate: Double) { self.weight = weight; self.weightedRate = weightedRate }
    }

    /// Posts n (those with a positive weight).
    public var posts: Int
    /// Σwᵢ.
    public var totalWeight: Double
    /// M = Σwᵢrᵢ / Σwᵢ; `nil` when Σwᵢ = 0.
    public var mean: Double?
    /// Var(M); `nil` below 2 posts or when M is undefined.
    public var variance: Double?

    /// M ± 1.959964·√Var(M), the 95% interval with the post as the unit (not clipped at 0); `nil`
    /// when ``variance`` is.
    public var interval: ConfidenceInterval? {
        guard let m = mean, let v = variance else { return nil }
        let half = Distributions.z95 * v.squareRoot()
        return ConfidenceInterval(low: m - half, high: m + half)
    }

    /// Computes M and Var(M) (two passes, so the variance does not lose digits to cancellation).
    public init(_ posts: [Post]) {
        let used = posts.filter { $0.weight > 0 }
        self.posts = used.count
        totalWeight = used.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else { return }
        let m = used.reduce(0) { $0 + $1.weightedRate } / totalWeight
        mean = m
        guard used.count >= 2 else { return }
        let n = Double(used.count)
        let squares = used.reduce(0) { sum, p in let d = p.weightedRate - m * p.weight; return sum + d * d }
        let v = n * squares / ((n - 1) * totalWeight * totalWeight)
        variance = v.isFinite ? v : nil
    }

    /// κ, the impressions one post's rate is worth, fitted on `observations` (docs: METHODS.md,
    /// "Between posts"); `nil` when the posts' rates vary no more than binomial noise.
    public static func postStrength(_ observations: [RateObservation]) -> Double? {
        EmpiricalBayesBeta(posts: observations.lazy.map { (x: Double($0.impressions), y: Double($0.events)) })?.postStrength
    }

    /// Posts weighted by effective impressions eᵢ = xᵢκ/(xᵢ + κ), or by impressions when κ is `nil`;
    /// posts without impressions (no rate) are left out.
    public static func effective(_ observations: [RateObservation], postStrength kappa: Double?) -> [Post] {
        observations.compactMap { o in
            guard o.impressions > 0 else { return nil }
            let x = Double(o.impressions)
            let e = kappa.map { x * $0 / (x + $0) } ?? x
            return Post(weight: e, weightedRate: e * Double(o.events) / x)
        }
    }
}
