/// Whether the best slots stay better once we allow for having picked them out of many: a seeded
/// permutation test of the maximum (Westfall–Young single step).
///
/// Each draw shuffles which slot every post was published in (slot sizes kept), refits the whole
/// model and records the highest standardised score z_c = (estimate − baseline) / posterior sd over
/// the slots that may be recommended. A slot's adjusted p-value is (1 + draws whose maximum reaches
/// its observed score) / (1 + draws): below 0.05 means that with no slot truly better, picking the
/// best of these slots would score so high in fewer than 5% of shuffles. Posting times shuffled at
/// random therefore earn "likely better" in at most about 5% of accounts, however many slots there are.
struct BestHoursSelection {
    /// Scores of every slot for an assignment of posts to slots (index per post).
    typealias Scores = ([UInt8]) -> [Double]

    /// Shuffles drawn.
    let draws: Int
    /// Seed of the shuffles, so reruns agree.
    let seed: UInt64

    /// Draws for `posts` posts: 999 up to 2,000 posts, fewer above so that at most about 2 million
    /// post moves are made, never fewer than 99.
    init(posts: Int, seed: UInt64 = 20_261_203) {
        draws = max(99, min(999, 2_000_000 / max(1, posts)))
        self.seed = seed
    }

    /// Adjusted p-values of the slots in `tested` (others `nil`), for posts in slots `slotOf`.
    func adjustedPValues(slotOf: [UInt8], eligible: [Bool], tested: [Int], scores: Scores) -> [Int: Double] {
        let observed = scores(slotOf)
        var random = SeededRandom(seed: seed)
        var shuffled = slotOf
        var reached = [Int](repeating: 0, count: tested.count)
        for _ in 0..<draws {
            for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
                shuffled.swapAt(i, random.nextIndex(below: i + 1))
            }
            let z = scores(shuffled)
            var best = -Double.infinity
            for c in z.indices where eligible[c] && z[c] > best { best = z[c] }
            for (k, c) in tested.enumerated() where best >= observed[c] { reached[k] += 1 }
        }
        var out: [Int: Double] = [:]
        for (k, c) in tested.enumerated() { out[c] = Double(1 + reached[k]) / Double(1 + draws) }
        return out
    }
}
