import Foundation
import EngageModel

/// One usable post reduced to what the model needs.
struct BestHoursObservation: Sendable {
    /// Impressions.
    var x: Double
    /// The objective's count (never negative).
    var y: Double
    var slot: BestHoursSlot
    /// What was posted; only classified when the model adjusts for it.
    var kind: BestHoursPostKind?
}

/// The usable posts as observations, read through to the posts: each keeps only its position,
/// local weekday, hour and kind (8 bytes), so that a million posts' observations, built while the
/// workbook is written, take 8 MB rather than the 24 of copied counts.
struct BestHoursObservations: RandomAccessCollection, Sendable {
    private struct Entry {
        var position: UInt32
        var weekday: UInt8, hour: UInt8
        /// ``BestHoursPostKind/bits``, or ``noKind``.
        var kind: UInt8
    }
    private static let noKind: UInt8 = 0xFF

    private let posts: [Post]
    private let metric: Metric
    private var entries: [Entry] = []

    /// The posts of `posts` that have `metric` (and impressions above zero, `perImpression`), in
    /// their local slots on `clock`; classified by kind when `classify`.
    init(_ posts: [Post], metric: Metric, perImpression: Bool, clock: LocalClock, classify: Bool) {
        self.posts = posts; self.metric = metric
        entries.reserveCapacity(posts.count)
        for (position, post) in posts.enumerated() {
            guard post.metrics.has(metric), !perImpression || post.metrics.count(.impressions) > 0 else { continue }
            let slot = BestHoursSlot(of: post.postedAt, on: clock)
            entries.append(Entry(position: UInt32(position), weekday: UInt8(slot.weekday!.rawValue), hour: UInt8(slot.hour!),
                                 kind: classify ? BestHoursPostKind(of: post).bits : Self.noKind))
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { entries.count }

    /// Posting instant of the i-th usable post.
    func postedAt(_ i: Int) -> Date { posts[Int(entries[i].position)].postedAt }

    subscript(i: Int) -> BestHoursObservation {
        let entry = entries[i]
        let counts = posts[Int(entry.position)].metrics
        return BestHoursObservation(
            x: Double(counts.count(.impressions)), y: Double(Swift.max(0, counts.count(metric))),
            slot: BestHoursSlot(weekday: BestHoursWeekday(rawValue: Int(entry.weekday)), hour: Int(entry.hour)),
            kind: entry.kind == Self.noKind ? nil : BestHoursPostKind(bits: entry.kind))
    }
}

/// Best hour to post: which local weekday × hour slots earn the most, shrunk toward the account's
/// baseline so that a slot with two lucky posts cannot outrank a slot with forty.
///
/// ```swift
/// let clock = LocalClock(identifier: "America/New_York")!
/// let result = BestHours.analyze(dataset.posts, on: clock)
/// for line in result.sentences() { print(line) }
/// ```
///
/// The model is described in ``EmpiricalBayesBeta`` (per-impression objectives) and
/// ``EmpiricalBayesNormal`` (per-post objectives) and in docs/METHODS.md ("Best hour to post").
public enum BestHours {
    /// Analyses `posts` in the zone of `clock`.
    ///
    /// - Parameters:
    ///   - posts: posts with their posting instants and counts. A post is usable when its metric is
    ///     present and, for per-impression objectives, it has impressions above zero.
    ///   - clock: the analyst's zone; every post is bucketed by its local weekday and hour there.
    ///   - options: objective, week start, thresholds; defaults as documented on ``BestHoursOptions``.
    /// - Returns: all 168 + 24 + 7 cells, recommendations and notes. Never contains NaN or ±Inf.
    public static func analyze(_ posts: [Post], on clock: LocalClock,
                               options: BestHoursOptions = BestHoursOptions()) -> BestHoursResult {
        let metric = options.objective.metric
        let perImpression: Bool
        if case .perImpression = options.objective { perImpression = true } else { perImpression = false }
        var notes: [String] = []

        let obs = BestHoursObservations(posts, metric: metric, perImpression: perImpression, clock: clock,
                                        classify: options.adjustForPostKind)
        if obs.count < posts.count {
            let why = perImpression ? "no \(metric.key) count or no impressions" : "no \(metric.key) count"
            notes.append("\(NumberText.grouped(posts.count - obs.count)) of \(NumberText.grouped(posts.count)) posts were left out (\(why)).")
        }

        if perImpression, obs.contains(where: { $0.y > $0.x }) {
            notes.append("Some posts have more \(metric.key) than impressions; their rates count as 1 in the model.")
        }

        // Events adjusted for post kind, when asked for; otherwise each post's own count.
        var adjustment: [Double]?
        if options.adjustForPostKind, !obs.isEmpty {
            let unadjusted = perImpression ? EmpiricalBayesBeta(posts: obs.lazy.map { (x: $0.x, y: $0.y) }) : nil
            let (events, note) = BestHoursKindAdjustment.adjust(obs, perImpression: perImpression,
                                                                weight: { unadjusted?.effectiveImpressions($0) ?? $0 })
            adjustment = events
            if let note { notes.append(note) }
        }
        let adjusted = BestHoursAdjustedEvents(obs: obs, adjustment: adjustment)

        // Each post's weight and value in the slot model: effective impressions and (adjusted)
        // rate for per-impression objectives, 1 and the (adjusted) count for per-post ones.
        let model = perImpression ? EmpiricalBayesBeta(posts: obs.indices.lazy.map { (x: obs[$0].x, y: adjusted[$0]) }) : nil
        var weight = [Double](repeating: 1, count: obs.count), value = [Double](repeating: 0, count: obs.count)
        for i in obs.indices {
            let x = obs[i].x
            if let model {
                weight[i] = model.effectiveImpressions(x)
                value[i] = min(1, max(0, adjusted[i] / x))
            } else {
                value[i] = adjusted[i]
            }
        }
        let fit = SlotModel(model: perImpression ? model : nil, perImpression: perImpression, weight: weight, value: value)

        var grids: [BestHoursGrid: [BestHoursCell]] = [:]
        var assignments: [BestHoursGrid: [UInt8]] = [:]
        var baseline: Double?
        for grid in BestHoursGrid.allCases {
            let slotOf = Self.assign(obs, to: grid, weekStart: options.weekStart)
            let (cells, centre) = Self.cells(of: grid, obs: obs, slotOf: slotOf, fit: fit, options: options)
            grids[grid] = cells
            assignments[grid] = slotOf
            if grid == .weekdayHour { baseline = centre }
        }

        let window = window(posts, obs: obs, clock: clock)
        let span = window.map { $0.to.daysSinceEpoch - $0.from.daysSinceEpoch + 1 } ?? 0
        var status = BestHoursStatus.ok
        var chosen: BestHoursGrid?
        var recommendations: [BestHoursRecommendation] = []
        var selection: (slots: Int, drawn: Int, draws: Int)?
        if obs.count < options.minimumPosts || baseline == nil {
            status = .notEnoughData
            notes.append("Not enough data: \(NumberText.grouped(obs.count)) usable posts, at least \(options.minimumPosts) are needed to recommend a time to post.")
        } else if span < options.minimumDays, let window {
            status = .notEnoughData
            notes.append("Not enough data: the \(NumberText.grouped(obs.count)) usable posts span \(span) day\(span == 1 ? "" : "s") (\(window.from)–\(window.to)); a time to post is recommended only from posts spread over at least \(options.minimumDays) days, since in a shorter span each weekday and hour holds the posts of one or two days.")
        } else {
            chosen = BestHoursGrid.allCases.first { grid in
                let supported = grids[grid]!.filter { $0.posts >= options.minimumPostsPerSlot }
                return 2 * supported.reduce(0) { $0 + $1.posts } >= obs.count
            }
            if chosen != .weekdayHour {
                status = .thin
                let fallback = chosen.map { "recommendations fall back to \($0.phrase)" }
                    ?? "no grid has enough posts per slot, so no slot is recommended"
                notes.append("The data are thin for weekday × hour (\(NumberText.grouped(obs.count)) posts over 168 slots; fewer than half the posts are in slots with \(options.minimumPostsPerSlot) or more): \(fallback).")
            }
            if let grid = chosen, let base = baseline {
                let cells = grids[grid]!
                let eligible = cells.map { $0.posts >= options.minimumPostsPerSlot && $0.rate != nil }
                let ranked = cells.indices.filter { eligible[$0] }
                    .sorted { a, b in
                        if cells[a].rate! != cells[b].rate! { return cells[a].rate! > cells[b].rate! }
                        if cells[a].posts != cells[b].posts { return cells[a].posts > cells[b].posts }
                        return a < b
                    }
                let top = Array(ranked.prefix(options.recommendationCount))
                // Only slots whose interval clears the baseline can be "likely better"; they must also
                // beat the best of all comparable slots under shuffled posting times.
                let candidates = top.filter { (cells[$0].ciLow ?? 0) > base }
                var pValues: [Int: Double] = [:]
                if !candidates.isEmpty {
                    let test = BestHoursSelection(posts: obs.count, alpha: options.selectionAlpha)
                    let (p, drawn) = test.adjustedPValues(slotOf: assignments[grid]!, eligible: eligible, tested: candidates,
                                                          scores: { fit.scores($0, slotCount: cells.count) })
                    pValues = p
                    selection = (eligible.filter { $0 }.count, drawn, test.draws)
                }
                for i in top {
                    let c = cells[i]
                    let rate = c.rate!, low = c.ciLow ?? rate, high = c.ciHigh ?? rate
                    let survives = pValues[i].map { $0 <= options.selectionAlpha } ?? false
                    let label: BestHoursConfidence = low > base && survives ? .likelyBetter : (rate > base ? .possiblyBetter : .notBetter)
                    recommendations.append(BestHoursRecommendation(
                        slot: c.slot, rate: rate, ciLow: low, ciHigh: high, posts: c.posts, confidence: label,
                        lift: base > 0 ? rate / base - 1 : nil, selectionPValue: pValues[i]))
                }
            }
        }

        return BestHoursResult(
            timeZone: clock.zoneName, objective: options.objective, baseline: baseline,
            status: status, grid: recommendations.isEmpty ? nil : chosen, posts: obs.count,
            recommendations: recommendations, cells: grids[.weekdayHour]!, hourCells: grids[.hour]!,
            weekdayCells: grids[.weekday]!, postStrength: model?.postStrength, notes: notes,
            method: method(perImpression: perImpression, adjusted: adjustment != nil, selection: selection, alpha: options.selectionAlpha),
            window: window)
    }

    /// The sentence of ``BestHoursResult/method``.
    private static func method(perImpression: Bool, adjusted: Bool, selection: (slots: Int, drawn: Int, draws: Int)?, alpha: Double) -> String {
        let estimand = perImpression
            ? "Slot rates and the baseline are the same estimand: the mean of post rates, each post weighted by its effective impressions xκ/(x + κ) (a viral post counts as about κ impressions, not all of them); empirical Bayes (beta), slot evidence scaled by the measured spread of post rates."
            : "Slot rates and the baseline are the same estimand: mean events per post; empirical Bayes (normal)."
        let test = selection.map {
            $0.drawn < $0.draws
                ? " \"Likely better\" also needs the slot to beat the best of \($0.slots) comparable slots under seeded shuffles of posting times (p ≤ \(alpha)); no slot could pass after \($0.drawn) of \($0.draws) shuffles, so the test stopped there."
                : " \"Likely better\" also needs the slot to beat the best of \($0.slots) comparable slots under \($0.draws) seeded shuffles of posting times (p ≤ \(alpha))."
        } ?? " \"Likely better\" needs the interval to clear the baseline and the slot to beat the best of all comparable slots under seeded shuffles of posting times."
        let kind = adjusted
            ? " Adjusted for post kind (replies, media, links): each post's \(perImpression ? "rate" : "count") is scaled by the baseline ÷ its kind's mean, so slots are compared for the same mix of posts."
            : " Not adjusted for post kind."
        return estimand + kind + test
    }

    /// First and last local day of the usable posts.
    private static func window(_ posts: [Post], obs: BestHoursObservations, clock: LocalClock) -> BestHoursWindow? {
        var first: Date?, last: Date?
        for i in obs.indices {
            let t = obs.postedAt(i)
            if first.map({ t < $0 }) ?? true { first = t }
            if last.map({ t > $0 }) ?? true { last = t }
        }
        guard let first, let last else { return nil }
        return BestHoursWindow(from: clock.local(first).day, to: clock.local(last).day)
    }

    /// Each usable post's slot index in `grid` (display order).
    private static func assign(_ obs: BestHoursObservations, to grid: BestHoursGrid, weekStart: BestHoursWeekStart) -> [UInt8] {
        let slots = grid.slots(weekStart: weekStart)
        let index = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, UInt8($0)) })
        return obs.map { index[grid.project($0.slot)]! }
    }

    /// Counts and estimates of every slot of one grid, and the centre the slots are compared with.
    private static func cells(of grid: BestHoursGrid, obs: BestHoursObservations, slotOf: [UInt8], fit: SlotModel,
                              options: BestHoursOptions) -> (cells: [BestHoursCell], centre: Double?) {
        let slots = grid.slots(weekStart: options.weekStart)
        var posts = [Int](repeating: 0, count: slots.count)
        var impressions = [Int64](repeating: 0, count: slots.count)
        var events = [Int64](repeating: 0, count: slots.count)
        for (o, i) in zip(obs, slotOf) {
            posts[Int(i)] += 1
            impressions[Int(i)] += Int64(o.x)
            events[Int(i)] += Int64(o.y)
        }
        let (estimates, centre) = fit.estimates(slotOf, slotCount: slots.count, level: options.intervalLevel)
        let perImpression = fit.perImpression
        let cells = slots.indices.map { i in
            let raw: Double? = perImpression
                ? (impressions[i] > 0 ? Double(events[i]) / Double(impressions[i]) : nil)
                : (posts[i] > 0 ? Double(events[i]) / Double(posts[i]) : nil)
            let e = estimates[i]
            return BestHoursCell(slot: slots[i], posts: posts[i], impressions: impressions[i], events: events[i],
                                 rawRate: raw, rate: finite(e?.rate), ciLow: finite(e?.low), ciHigh: finite(e?.high))
        }
        return (cells, finite(centre))
    }

    private static func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
}

/// The slot model of one analysis, fitted afresh for any assignment of posts to slots (the real
/// one, or a shuffle of it for ``BestHoursSelection``).
struct SlotModel {
    /// The between-post fit (per-impression objectives); `nil` for per-post objectives or without impressions.
    let model: EmpiricalBayesBeta?
    let perImpression: Bool
    /// Per usable post: effective impressions (or 1) and rate (or count), in observation order.
    let weight: [Double], value: [Double]

    /// Each slot's posterior mean and interval, and the centre (baseline) they are compared with.
    func estimates(_ slotOf: [UInt8], slotCount: Int, level: Double) -> (estimates: [(rate: Double, low: Double, high: Double)?], centre: Double?) {
        if perImpression {
            guard let model else { return ([(rate: Double, low: Double, high: Double)?](repeating: nil, count: slotCount), nil) }
            let data = betaData(slotOf, slotCount: slotCount)
            let prior = model.prior(for: data)
            return (data.map { model.posterior($0, prior: prior, level: level) }, prior.mean)
        }
        let data = normalData(slotOf, slotCount: slotCount)
        guard let fit = EmpiricalBayesNormal(slots: data) else {
            return ([(rate: Double, low: Double, high: Double)?](repeating: nil, count: slotCount), value.isEmpty ? nil : fit0)
        }
        return (data.map { fit.posterior($0, level: level) }, fit.mean)
    }

    /// The mean per post when the normal model cannot be fitted (a single post).
    private var fit0: Double { value.reduce(0, +) / Double(value.count) }

    /// Standardised scores (posterior mean − centre) / posterior sd of every slot.
    func scores(_ slotOf: [UInt8], slotCount: Int) -> [Double] {
        if perImpression {
            guard let model else { return [Double](repeating: 0, count: slotCount) }
            let data = betaData(slotOf, slotCount: slotCount)
            let prior = model.prior(for: data)
            return data.map {
                let (mean, sd) = model.posteriorMeanAndSD($0, prior: prior)
                return sd > 0 ? (mean - prior.mean) / sd : 0
            }
        }
        let data = normalData(slotOf, slotCount: slotCount)
        guard let fit = EmpiricalBayesNormal(slots: data) else { return [Double](repeating: 0, count: slotCount) }
        return data.map {
            let (mean, sd) = fit.posteriorMeanAndSD($0)
            return sd > 0 ? (mean - fit.mean) / sd : 0
        }
    }

    private func betaData(_ slotOf: [UInt8], slotCount: Int) -> [EmpiricalBayesBeta.SlotData] {
        var data = [EmpiricalBayesBeta.SlotData](repeating: .init(), count: slotCount)
        for i in slotOf.indices where weight[i] > 0 { data[Int(slotOf[i])].add(weight[i], rate: value[i]) }
        return data
    }

    private func normalData(_ slotOf: [UInt8], slotCount: Int) -> [EmpiricalBayesNormal.SlotData] {
        var data = [EmpiricalBayesNormal.SlotData](repeating: .init(), count: slotCount)
        for i in slotOf.indices {
            let c = Int(slotOf[i]), y = value[i]
            data[c].posts += 1; data[c].sum += y; data[c].sumSquares += y * y
        }
        return data
    }
}

/// Each observation's events for the model: adjusted for post kind, or its own count.
struct BestHoursAdjustedEvents: RandomAccessCollection {
    let obs: BestHoursObservations
    let adjustment: [Double]?

    var startIndex: Int { 0 }
    var endIndex: Int { obs.count }
    subscript(i: Int) -> Double { adjustment?[i] ?? obs[i].y }
}
