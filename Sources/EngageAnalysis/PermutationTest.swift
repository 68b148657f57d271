import Foundation

/// Two-sided studentized permutation test of two weighted means of post rates
/// (``WeightedPostRates``), with the post as the unit.
///
/// Statistic T = (M₁ − M₀) / √(Var(M₁) + Var(M₀)), each variance post-level (sandwich,
/// docs/METHODS.md); the weights belong to the posts and travel with them (with wᵢ = xᵢ it tests two
/// ratios of sums). Each draw deals the pooled posts back into groups of the original sizes at
/// random and recomputes T; p = (1 + draws with |T*| ≥ |T|) / (1 + draws). Under "the campaign made
/// no difference" the labels are exchangeable, so the test keeps its size however unbalanced the
/// groups and however heavy the tail of impressions (a group that happened to miss the viral posts
/// is as likely under the shuffles as in the data); studentizing keeps it asymptotically valid
/// when the groups' spreads differ. Seeded: the same posts give the same p.
///
/// ```swift
/// let test = PermutationTest(draws: 9_999, seed: 7)
/// let p = test.pValue(campaignPosts, controlPosts)   // [WeightedPostRates.Post]; nil below 2 posts a side
/// ```
public struct PermutationTest: Sendable {
    /// Shuffles drawn.
    public var draws: Int
    /// Seed of the shuffles.
    public var seed: UInt64

    /// Creates a test with `draws` shuffles from `seed`.
    public init(draws: Int, seed: UInt64) { self.draws = draws; self.seed = seed }

    /// The draws to use for groups of `a` and `b` posts: `maximum` while the smaller group times the
    /// draws stays within `budget` post moves, fewer above (never fewer than 999, or `maximum` when
    /// that is smaller), so large campaigns stay quick.
    public static func draws(_ a: Int, _ b: Int, maximum: Int = 9_999, budget: Int = 3_000_000) -> Int {
        min(maximum, max(999, budget / max(1, min(a, b))))
    }

    /// Sums of one group (x = wᵢ, y = wᵢrᵢ) from which its mean and variance follow.
    struct Sums {
        var n = 0.0, x = 0.0, y = 0.0, xx = 0.0, xy = 0.0, yy = 0.0

        mutating func add(_ xi: Double, _ yi: Double) {
            n += 1; x += xi; y += yi; xx += xi * xi; xy += xi * yi; yy += yi * yi
        }

        static func - (a: Sums, b: Sums) -> Sums {
            Sums(n: a.n - b.n, x: a.x - b.x, y: a.y - b.y, xx: a.xx - b.xx, xy: a.xy - b.xy, yy: a.yy - b.yy)
        }

        /// M = Σy/Σx and Var(M) = n·Σ(y − Mx)² / ((n − 1)(Σx)²); `nil` without weight or below 2 posts.
        var rateAndVariance: (rate: Double, variance: Double)? {
            guard n >= 2, x > 0 else { return nil }
            let r = y / x
            let residual = max(0, yy - 2 * r * xy + r * r * xx)
            return (r, n * residual / ((n - 1) * x * x))
        }
    }

    /// T for two groups' sums and its standard error; `nil` when a rate is undefined. With a zero
    /// standard error T is 0 for equal rates and infinite otherwise.
    static func statistic(_ a: Sums, _ b: Sums) -> (t: Double, se: Double)? {
        guard let (ra, va) = a.rateAndVariance, let (rb, vb) = b.rateAndVariance else { return nil }
        let se = (va + vb).squareRoot()
        if se > 0, se.isFinite { return ((ra - rb) / se, se) }
        return (ra == rb ? 0 : .infinity, 0)
    }

    /// Two-sided p-value for `a` against `b`; `nil` when T is undefined on the data (fewer than 2
    /// posts a side, no weight, or no variation at all).
    public func pValue(_ a: [WeightedPostRates.Post], _ b: [WeightedPostRates.Post]) -> Double? {
        var sa = Sums()
        for o in a { sa.add(o.weight, o.weightedRate) }
        var sums = sa
        for o in b { sums.add(o.weight, o.weightedRate) }
        let total = sums
        guard let (t, se) = Self.statistic(sa, total - sa), se > 0 else { return nil }
        let observed = abs(t) * (1 - 1e-12)   // ties in floating point count as reached
        // The pooled posts as interleaved (w, wr) pairs; each chunk deals its own copy in place.
        let count = a.count + b.count
        var interleaved: [Double] = []
        interleaved.reserveCapacity(2 * count)
        for o in a + b { interleaved.append(o.weight); interleaved.append(o.weightedRate) }
        let pooled = interleaved
        // Deal the smaller group (fewer moves); T is antisymmetric, so |T| does not care which.
        let small = min(a.count, b.count)
        let chunks = count * draws > 2_000_000 ? 2 : 1
        var reached = [Int](repeating: 0, count: chunks)
        reached.withUnsafeMutableBufferPointer { counts in
            let counts = UnsafeMutableSendable(counts)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var random = SeededRandom(seed: seed ^ (UInt64(chunk + 1) &* 0x9E37_79B9_7F4A_7C15))
                var pairs = pooled
                var hits = 0
                let share = draws / chunks + (chunk < draws % chunks ? 1 : 0)
                pairs.withUnsafeMutableBufferPointer { buffer in
                    guard let p = buffer.baseAddress else { return }
                    for _ in 0..<share {
                        // A partial Fisher–Yates shuffle: the first `small` pairs become a uniform
                        // random group whatever order the previous draw left them in.
                        var x = 0.0, y = 0.0, xx = 0.0, xy = 0.0, yy = 0.0
                        for i in 0..<small {
                            let j = i &+ random.nextIndex(below: count &- i)
                            let wj = p[2 &* j], vj = p[2 &* j &+ 1]
                            p[2 &* j] = p[2 &* i]; p[2 &* j &+ 1] = p[2 &* i &+ 1]
                            p[2 &* i] = wj; p[2 &* i &+ 1] = vj
                            x += wj; y += vj; xx += wj * wj; xy += wj * vj; yy += vj * vj
                        }
                        let s = Sums(n: Double(small), x: x, y: y, xx: xx, xy: xy, yy: yy)
                        if let (tStar, _) = Self.statistic(s, total - s), abs(tStar) >= observed { hits += 1 }
                    }
                }
                counts.buffer[chunk] = hits
            }
        }
        return Double(1 + reached.reduce(0, +)) / Double(1 + draws)
    }
}

/// A buffer handed to `concurrentPerform`, each iteration writing only its own element.
private struct UnsafeMutableSendable: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Int>
    init(_ buffer: UnsafeMutableBufferPointer<Int>) { self.buffer = buffer }
}
