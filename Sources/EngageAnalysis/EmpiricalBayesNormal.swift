import Foundation

/// Empirical-Bayes normal–normal model for expected events per post, compared across slots.
///
/// Post i in slot c has count yᵢ. Within-slot variance s² is pooled over slots
/// (Σ(yᵢ − ȳ_c)² / (n − C), or the overall sample variance when that has no degrees of freedom).
/// Slot means ȳ_c have sampling variance s²/n_c; their true means are drawn from N(m, σ²) with m the
/// overall mean per post and σ² estimated by DerSimonian–Laird, floored at s²/n (the prior is never
/// worth more than all the posts). Posterior: precision-weighted mean of m and ȳ_c, interval
/// mean ± z·sd with the lower end clamped at 0 (counts cannot be negative). Counts are heavily
/// skewed, so the normal interval is an approximation; it is only used for ranking and labelling.
struct EmpiricalBayesNormal: Sendable {
    struct SlotData: Sendable { var posts = 0; var sum = 0.0; var sumSquares = 0.0 }

    /// Overall mean per post.
    let mean: Double
    /// Pooled within-slot variance s².
    let withinVariance: Double
    /// Between-slot variance σ² (after the floor).
    let betweenVariance: Double

    /// Fits the model to the slots of one grid; `nil` with fewer than 2 posts.
    init?(slots: [SlotData]) {
        let filled = slots.filter { $0.posts > 0 }
        let n = filled.reduce(0) { $0 + $1.posts }
        guard n >= 2 else { return nil }
        let total = filled.reduce(0) { $0 + $1.sum }
        let m = total / Double(n)
        mean = m
        var within = filled.reduce(0.0) { $0 + max(0, $1.sumSquares - $1.sum * $1.sum / Double($1.posts)) }
        if n - filled.count >= 1 {
            within /= Double(n - filled.count)
        } else {
            let ss = filled.reduce(0) { $0 + $1.sumSquares }
            within = max(0, (ss - total * total / Double(n)) / Double(n - 1))
        }
        withinVariance = within
        var sigma2 = 0.0
        if within > 0, filled.count >= 2 {
            let w = filled.map { Double($0.posts) / within }
            let sw = w.reduce(0, +), sw2 = w.reduce(0) { $0 + $1 * $1 }
            let means = filled.map { $0.sum / Double($0.posts) }
            let q = zip(w, means).reduce(0) { $0 + $1.0 * ($1.1 - m) * ($1.1 - m) }
            let c = sw - sw2 / sw
            if c > 0 { sigma2 = max(0, (q - Double(filled.count - 1)) / c) }
        }
        betweenVariance = max(sigma2, within / Double(n))
    }

    /// Posterior mean and standard deviation of one slot (0 when nothing varies).
    func posteriorMeanAndSD(_ slot: SlotData) -> (mean: Double, sd: Double) {
        guard betweenVariance > 0 else { return (mean, 0) }
        var precision = 1 / betweenVariance
        var weighted = mean / betweenVariance
        if slot.posts > 0, withinVariance > 0 {
            precision += Double(slot.posts) / withinVariance
            weighted += slot.sum / withinVariance
        }
        return (weighted / precision, (1 / precision).squareRoot())
    }

    /// Posterior mean and interval of one slot.
    func posterior(_ slot: SlotData, level: Double) -> (rate: Double, low: Double, high: Double) {
        let z = Distributions.normalQuantile(1 - (1 - level) / 2)
        let (post, sd) = posteriorMeanAndSD(slot)
        return (post, max(0, post - z * sd), post + z * sd)
    }
}
