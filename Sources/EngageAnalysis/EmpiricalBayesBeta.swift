import Foundation

/// Empirical-Bayes beta-binomial model for a rate (events per impression) compared across slots.
///
/// Two levels, both fitted to the account's own data:
///
/// 1. **Between posts.** Each post i has a true rate pᵢ drawn from a Beta with mean p₀ = Σy/Σx and
///    variance τ². τ² is estimated by the impressions-weighted method of moments, corrected for the
///    binomial noise inside each post: with wᵢ = xᵢ/Σx and S = Σ wᵢ (rᵢ − p₀)²,
///    τ² = (S − p₀(1−p₀)(n−1)/Σx) / Σ (wᵢ − wᵢ²)(1 − 1/xᵢ), floored at 0. Its strength
///    κ = p₀(1−p₀)/τ² − 1 is how many impressions a single post's rate is worth.
///    Because a post's rate varies by τ² around its slot's mean however many impressions it had,
///    post i counts as **eᵢ = xᵢκ/(xᵢ + κ) effective impressions** (never more than κ), so a post
///    with 100,000 impressions does not weigh as 100,000 independent trials. With no measurable
///    between-post variation (τ² = 0), eᵢ = xᵢ.
/// 2. **Between slots.** A slot c has effective impressions E_c = Σeᵢ and effective events
///    Σeᵢrᵢ (so its data rate is the eᵢ-weighted mean of its posts' rates). The slots' true rates
///    are drawn from Beta(p₀K, (1−p₀)K); the between-slot variance σ² is estimated by the
///    DerSimonian–Laird moment estimator over non-empty slots, K = p₀(1−p₀)/σ² − 1, capped at
///    Σ E_c (the prior is never worth more than all the data; this also covers σ² = 0).
///    Prior parameters are floored at ½ so that they stay proper when p₀ is 0 or 1.
///
/// Slot posterior: Beta(p₀K + Σeᵢrᵢ, (1−p₀)K + E_c − Σeᵢrᵢ); the shrunk rate is its mean and the
/// interval its equal-tailed quantiles. An empty slot gets the prior: rate p₀ with the between-slot
/// interval. Nothing is ever NaN.
struct EmpiricalBayesBeta: Sendable {
    /// p₀ = Σy / Σx.
    let baseline: Double
    /// Between-post variance τ² of true rates.
    let betweenPostVariance: Double
    /// κ: impressions one post's rate is worth; `nil` when no between-post variation was measured.
    let postStrength: Double?

    /// Fits the between-post level to posts given as (impressions, events); posts with no
    /// impressions are ignored. `nil` when there are no impressions at all.
    init?<Posts: Collection>(posts: Posts) where Posts.Element == (x: Double, y: Double) {
        // Two passes over the posts as given (a lazy view at a million posts: no copy).
        var total = 0.0, events = 0.0, used = 0
        for post in posts where post.x > 0 { total += post.x; events += post.y; used += 1 }
        guard total > 0 else { return nil }
        let p0 = min(1, max(0, events / total))
        baseline = p0
        let n = Double(used)
        var s = 0.0, denominator = 0.0
        for post in posts where post.x > 0 {
            let w = post.x / total, r = min(1, max(0, post.y / post.x))
            s += w * (r - p0) * (r - p0)
            denominator += (w - w * w) * (1 - 1 / post.x)
        }
        var tau2 = 0.0
        if used >= 2, denominator > 0 {
            tau2 = max(0, (s - p0 * (1 - p0) * (n - 1) / total) / denominator)
        }
        betweenPostVariance = tau2
        if tau2 > 0, p0 > 0, p0 < 1 {
            postStrength = max(1, p0 * (1 - p0) / tau2 - 1)
        } else {
            postStrength = nil
        }
    }

    /// Effective impressions of a post with `x` impressions: xκ/(x + κ).
    func effectiveImpressions(_ x: Double) -> Double {
        guard let k = postStrength, x > 0 else { return max(0, x) }
        return x * k / (x + k)
    }

    /// A slot's data: effective impressions and effective events.
    struct SlotData: Sendable { var effectiveImpressions = 0.0; var effectiveEvents = 0.0 }

    /// The between-slot prior for one grid.
    struct Prior: Sendable {
        let alpha: Double, beta: Double
        /// K = α + β before flooring.
        let strength: Double
    }

    /// Fits the between-slot prior over the given slots (DerSimonian–Laird, capped at Σ E_c).
    func prior(for slots: [SlotData]) -> Prior {
        let p0 = baseline
        let filled = slots.filter { $0.effectiveImpressions > 0 }
        let totalE = filled.reduce(0) { $0 + $1.effectiveImpressions }
        var strength = max(totalE, 1)
        let v = p0 * (1 - p0)
        if filled.count >= 2, v > 0 {
            // Weights Wc = Ec / v (inverse sampling variance of the slot's rate).
            let w = filled.map { $0.effectiveImpressions / v }
            let sw = w.reduce(0, +), sw2 = w.reduce(0) { $0 + $1 * $1 }
            let rates = filled.map { $0.effectiveEvents / $0.effectiveImpressions }
            let centre = zip(w, rates).reduce(0) { $0 + $1.0 * $1.1 } / sw
            let q = zip(w, rates).reduce(0) { $0 + $1.0 * ($1.1 - centre) * ($1.1 - centre) }
            let c = sw - sw2 / sw
            if c > 0 {
                let sigma2 = max(0, (q - Double(filled.count - 1)) / c)
                if sigma2 > 0 { strength = min(strength, max(1e-6, v / sigma2 - 1)) }
            }
        }
        return Prior(alpha: max(0.5, p0 * strength), beta: max(0.5, (1 - p0) * strength), strength: strength)
    }

    /// Posterior mean and equal-tailed interval of one slot.
    func posterior(_ slot: SlotData, prior: Prior, level: Double) -> (rate: Double, low: Double, high: Double) {
        let events = min(slot.effectiveEvents, slot.effectiveImpressions)
        let a = prior.alpha + max(0, events)
        let b = prior.beta + max(0, slot.effectiveImpressions - events)
        let mean = a / (a + b)
        let tail = (1 - level) / 2
        let low = Self.betaQuantile(tail, a, b), high = Self.betaQuantile(1 - tail, a, b)
        return (mean, min(low, mean), max(high, mean))
    }

    /// Beta(a, b) quantile; above a + b = 10⁷ (slots with millions of effective impressions) the
    /// normal approximation with the Beta's mean and variance, which agrees there to many digits
    /// and avoids a slow continued fraction.
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        guard a + b > 1e7 else { return Distributions.betaQuantile(p, a: a, b: b) }
        let mean = a / (a + b), sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        return min(1, max(0, mean + Distributions.normalQuantile(p) * sd))
    }
}
