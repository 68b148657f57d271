/// Whether the best slots stay better once we allow for having picked them out of many: a seeded
/// permutation test of the maximum (Westfall–Young single step).
///
/// Each draw shuffles which slot every post was published in (slot sizes kept), refits the whole
/// model and records the highest standardised score z_c = (estimate − baseline) / posterior sd over
/// the slots that may be recommended. A slot's adjusted p-value is (1 + draws whose maximum reaches
/// its observed score) / (1 + draws): below 0.05 means that with no slot truly better, picking the
/// best of these slots would score so high in fewer than 5% of shuffles. Posting times shuffled at
/// random therefore earn "likely better" in at most about 5% of accounts, however many slots there are.
///
/// Shuffling stops early once every tested slot has been reached ``stopAfter`` times, when none of
/// them can pass any more (Besag & Clifford's sequential Monte Carlo p-value): the labels are those
/// of all draws, and the p-values of a stopped test are reached ÷ draws made, each above the level.
struct BestHoursSelection {
    /// Scores of every slot for an assignment of posts to slots (index per post).
    typealias Scores = ([UInt8]) -> [Double]

    /// Shuffles drawn.
    let draws: Int
    /// Seed of the shuffles, so reruns agree.
    let seed: UInt64
    /// Level a slot must reach to pass; the test stops once no tested slot can.
    let alpha: Double

    /// Draws for `posts` posts: 999 up to 2,000 posts, fewer above so that at most about 2 million
    /// post moves are made, never fewer than 99.
    init(posts: Int, alpha: Double = 0.05, seed: UInt64 = 20_261_203) {
        draws = max(99, min(999, 2_000_000 / max(1, posts)))
        self.alpha = alpha
        self.seed = seed
    }

    /// Times a slot's score must be reached before it can no longer pass: the smallest h with
    /// h ÷ draws > alpha, so that both the stopped p-value and the full test's (1 + h) ÷ (1 + draws)
    /// are above the level.
    var stopAfter: Int { Int((alpha * Double(draws)).rounded(.down)) + 1 }

    /// Adjusted p-values of the slots in `tested` (others `nil`), for posts in slots `slotOf`, and
    /// the shuffles drawn (fewer than ``draws`` when the test stopped early).
    func adjustedPValues(slotOf: [UInt8], eligible: [Bool], tested: [Int], scores: Scores) -> (pValues: [Int: Double], drawn: Int) {
        let observed = scores(slotOf)
        var random = SeededRandom(seed: seed)
        var shuffled = slotOf
        var reached = [Int](repeating: 0, count: tested.count)
        var drawn = 0
        while drawn < draws, reached.contains(where: { $0 < stopAfter }) {
            for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
                shuffled.swapAt(i, random.nextIndex(below: i + 1))
            }
            let z = scores(shuffled)
            var best = -Double.infinity
            for c in z.indices where eligible[c] && z[c] > best { best = z[c] }
            for (k, c) in tested.enumerated() where best >= observed[c] { reached[k] += 1 }
            drawn += 1
        }
        var out: [Int: Double] = [:]
        for (k, c) in tested.enumerated() {
            out[c] = drawn < draws ? Double(reached[k]) / Double(drawn) : Double(1 + reached[k]) / Double(1 + draws)
        }
        return (out, drawn)
    }
}
