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
///    Σeᵢrᵢ (so its data rate is the eᵢ-weighted mean of its posts' rates). Slots are compared with
///    the same estimand over all posts, p̄ = ΣΣeᵢrᵢ / ΣΣeᵢ (not Σy/Σx, which small high-rate posts
///    leave far below the mean of rates). The spread of post rates inside slots beyond the model,
///    φ ≥ 1, divides each slot's evidence. The slots' true rates are drawn from Beta(p̄K, (1−p̄)K);
///    the between-slot variance σ² is estimated by the DerSimonian–Laird moment estimator over
///    non-empty slots, K = p̄(1−p̄)/σ² − 1, capped at Σ E_c/φ (the prior is never worth more than all
///    the data; this also covers σ² = 0). Prior parameters are floored at ½ so that they stay proper
///    when p̄ is 0 or 1.
///
/// Slot posterior: Beta(p̄K + Σeᵢrᵢ/φ, (1−p̄)K + (E_c − Σeᵢrᵢ)/φ); the shrunk rate is its mean and
/// the interval its equal-tailed quantiles. An empty slot gets the prior: rate p̄ with the
/// between-slot interval. Nothing is ever NaN.
struct EmpiricalBayesBeta: Sendable {
    /// p₀ = Σy / Σx (centre of the between-post fit only).
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

    /// A slot's data: effective impressions Σeᵢ, effective events Σeᵢrᵢ and Σeᵢrᵢ² (for the
    /// spread of its posts' rates around its own mean).
    struct SlotData: Sendable {
        var effectiveImpressions = 0.0, effectiveEvents = 0.0, weightedSquares = 0.0
        var posts = 0

        /// Adds a post with effective impressions `e` and rate `r`.
        mutating func add(_ e: Double, rate r: Double) {
            effectiveImpressions += e; effectiveEvents += e * r; weightedSquares += e * r * r; posts += 1
        }
    }

    /// The between-slot prior for one grid, on the scale of the slots' data rates.
    struct Prior: Sendable {
        let alpha: Double, beta: Double
        /// K = α + β before flooring.
        let strength: Double
        /// p̄ = ΣΣeᵢrᵢ / ΣΣeᵢ: the effective-impression-weighted mean of all posts' rates, the
        /// estimand every slot is compared with.
        let mean: Double
        /// φ ≥ 1: how much more the posts' rates vary inside slots than the beta-binomial model
        /// says; each slot's evidence is divided by it.
        let dispersion: Double
    }

    /// Fits the between-slot prior over the given slots: the centre p̄, the within-slot dispersion
    /// φ = Σeᵢ(rᵢ − R_c)² / (p̄(1−p̄)(n − C)) (at least 1), then DerSimonian–Laird on the slots' rates
    /// with weights E_c/(φ·p̄(1−p̄)), K capped at ΣE_c/φ.
    func prior(for slots: [SlotData]) -> Prior {
        var totalE = 0.0, totalER = 0.0, within = 0.0, posts = 0, filledCount = 0
        for s in slots where s.effectiveImpressions > 0 {
            totalE += s.effectiveImpressions; totalER += s.effectiveEvents; posts += s.posts; filledCount += 1
            within += max(0, s.weightedSquares - s.effectiveEvents * s.effectiveEvents / s.effectiveImpressions)
        }
        let p0 = totalE > 0 ? min(1, max(0, totalER / totalE)) : baseline
        let v = p0 * (1 - p0)
        var phi = 1.0
        if posts > filledCount, v > 0 { phi = max(1, within / (v * Double(posts - filledCount))) }
        var strength = max(totalE / phi, 1)
        if filledCount >= 2, v > 0 {
            // Weights Wc = Ec / (φ v) (inverse sampling variance of the slot's rate).
            var sw = 0.0, sw2 = 0.0, swr = 0.0
            for s in slots where s.effectiveImpressions > 0 {
                let w = s.effectiveImpressions / (phi * v)
                sw += w; sw2 += w * w; swr += w * s.effectiveEvents / s.effectiveImpressions
            }
            let centre = swr / sw
            var q = 0.0
            for s in slots where s.effectiveImpressions > 0 {
                let d = s.effectiveEvents / s.effectiveImpressions - centre
                q += s.effectiveImpressions / (phi * v) * d * d
            }
            let c = sw - sw2 / sw
            if c > 0 {
                let sigma2 = max(0, (q - Double(filledCount - 1)) / c)
                if sigma2 > 0 { strength = min(strength, max(1e-6, v / sigma2 - 1)) }
            }
        }
        return Prior(alpha: max(0.5, p0 * strength), beta: max(0.5, (1 - p0) * strength), strength: strength,
                     mean: p0, dispersion: phi)
    }

    /// The posterior Beta(a, b) of one slot: the prior plus the slot's evidence divided by φ.
    func posteriorParameters(_ slot: SlotData, prior: Prior) -> (a: Double, b: Double) {
        let impressions = slot.effectiveImpressions / prior.dispersion
        let events = min(slot.effectiveEvents, slot.effectiveImpressions) / prior.dispersion
        return (prior.alpha + max(0, events), prior.beta + max(0, impressions - events))
    }

    /// Posterior mean and standard deviation of one slot (for the selection test; no quantiles).
    func posteriorMeanAndSD(_ slot: SlotData, prior: Prior) -> (mean: Double, sd: Double) {
        let (a, b) = posteriorParameters(slot, prior: prior)
        return (a / (a + b), (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot())
    }

    /// Posterior mean and equal-tailed interval of one slot.
    func posterior(_ slot: SlotData, prior: Prior, level: Double) -> (rate: Double, low: Double, high: Double) {
        let (a, b) = posteriorParameters(slot, prior: prior)
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
