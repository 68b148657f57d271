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
            let (events, note) = BestHoursKindAdjustment.adjust(obs, perImpression: perImpression)
            adjustment = events
            notes.append(note)
        }
        let adjusted = BestHoursAdjustedEvents(obs: obs, adjustment: adjustment)

        let totalX = obs.reduce(0) { $0 + $1.x }, totalY = obs.reduce(0) { $0 + $1.y }
        let baseline: Double? = perImpression ? (totalX > 0 ? totalY / totalX : nil)
                                              : (obs.isEmpty ? nil : totalY / Double(obs.count))

        // Estimates per grid.
        let model = perImpression ? EmpiricalBayesBeta(posts: obs.indices.lazy.map { (x: obs[$0].x, y: adjusted[$0]) }) : nil
        var grids: [BestHoursGrid: [BestHoursCell]] = [:]
        for grid in BestHoursGrid.allCases {
            grids[grid] = cells(of: grid, obs: obs, adjusted: adjusted, model: model,
                                perImpression: perImpression, options: options)
        }

        var status = BestHoursStatus.ok
        var chosen: BestHoursGrid?
        var recommendations: [BestHoursRecommendation] = []
        if obs.count < options.minimumPosts || baseline == nil {
            status = .notEnoughData
            notes.append("Not enough data: \(NumberText.grouped(obs.count)) usable posts, at least \(options.minimumPosts) are needed to recommend a time to post.")
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
                let ranked = grids[grid]!.enumerated()
                    .filter { $0.element.posts >= options.minimumPostsPerSlot && $0.element.rate != nil }
                    .sorted { a, b in
                        if a.element.rate! != b.element.rate! { return a.element.rate! > b.element.rate! }
                        if a.element.posts != b.element.posts { return a.element.posts > b.element.posts }
                        return a.offset < b.offset
                    }
                for (_, c) in ranked.prefix(options.recommendationCount) {
                    let rate = c.rate!, low = c.ciLow ?? rate, high = c.ciHigh ?? rate
                    let label: BestHoursConfidence = low > base ? .likelyBetter : (rate > base ? .possiblyBetter : .notBetter)
                    recommendations.append(BestHoursRecommendation(
                        slot: c.slot, rate: rate, ciLow: low, ciHigh: high, posts: c.posts, confidence: label,
                        lift: base > 0 ? rate / base - 1 : nil))
                }
            }
        }

        return BestHoursResult(
            timeZone: clock.zoneName, objective: options.objective, baseline: baseline,
            status: status, grid: recommendations.isEmpty ? nil : chosen, posts: obs.count,
            recommendations: recommendations, cells: grids[.weekdayHour]!, hourCells: grids[.hour]!,
            weekdayCells: grids[.weekday]!, postStrength: model?.postStrength, notes: notes)
    }

    /// Counts and estimates of every slot of one grid.
    private static func cells(of grid: BestHoursGrid, obs: BestHoursObservations, adjusted: BestHoursAdjustedEvents,
                              model: EmpiricalBayesBeta?, perImpression: Bool,
                              options: BestHoursOptions) -> [BestHoursCell] {
        let slots = grid.slots(weekStart: options.weekStart)
        let index = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
        var posts = [Int](repeating: 0, count: slots.count)
        var impressions = [Int64](repeating: 0, count: slots.count)
        var events = [Int64](repeating: 0, count: slots.count)
        var beta = [EmpiricalBayesBeta.SlotData](repeating: .init(), count: slots.count)
        var normal = [EmpiricalBayesNormal.SlotData](repeating: .init(), count: slots.count)
        for (o, yAdj) in zip(obs, adjusted) {
            guard let i = index[grid.project(o.slot)] else { continue }
            posts[i] += 1
            impressions[i] += Int64(o.x)
            events[i] += Int64(o.y)
            if let model, o.x > 0 {
                let e = model.effectiveImpressions(o.x)
                beta[i].effectiveImpressions += e
                beta[i].effectiveEvents += e * min(1, max(0, yAdj / o.x))
            }
            normal[i].posts += 1
            normal[i].sum += yAdj
            normal[i].sumSquares += yAdj * yAdj
        }
        var estimates = [(rate: Double, low: Double, high: Double)?](repeating: nil, count: slots.count)
        if perImpression, let model {
            let prior = model.prior(for: beta)
            estimates = beta.map { model.posterior($0, prior: prior, level: options.intervalLevel) }
        } else if !perImpression, let fit = EmpiricalBayesNormal(slots: normal) {
            estimates = normal.map { fit.posterior($0, level: options.intervalLevel) }
        }
        return slots.indices.map { i in
            let raw: Double? = perImpression
                ? (impressions[i] > 0 ? Double(events[i]) / Double(impressions[i]) : nil)
                : (posts[i] > 0 ? Double(events[i]) / Double(posts[i]) : nil)
            let e = estimates[i]
            return BestHoursCell(slot: slots[i], posts: posts[i], impressions: impressions[i], events: events[i],
                                 rawRate: raw, rate: finite(e?.rate), ciLow: finite(e?.low), ciHigh: finite(e?.high))
        }
    }

    private static func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
}

/// Each observation's events for the model: adjusted for post kind, or its own count.
struct BestHoursAdjustedEvents: RandomAccessCollection {
    let obs: BestHoursObservations
    let adjustment: [Double]?

    var startIndex: Int { 0 }
    var endIndex: Int { obs.count }
    subscript(i: Int) -> Double { adjustment?[i] ?? obs[i].y }
}
