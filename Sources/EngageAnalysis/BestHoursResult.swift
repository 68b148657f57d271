import Foundation
import EngageModel

/// One slot's counts and estimates. JSON (all keys always present, `null` when undefined):
/// `{"weekday": "Tue", "hour": 19, "posts", "impressions", "events", "raw_rate", "rate", "ci_low", "ci_high"}`.
public struct BestHoursCell: Sendable, Hashable, Codable {
    /// The slot (weekday and/or hour).
    public var slot: BestHoursSlot
    /// Usable posts published in the slot.
    public var posts: Int
    /// Their impressions.
    public var impressions: Int64
    /// Their events of the objective's metric (unadjusted).
    public var events: Int64
    /// Events ÷ impressions (per-impression objective) or events ÷ posts (per-post objective);
    /// `nil` when the slot has no impressions (no posts).
    public var rawRate: Double?
    /// Shrunk estimate (posterior mean); `nil` only when the whole analysis has no baseline.
    public var rate: Double?
    /// Lower end of the credible interval.
    public var ciLow: Double?
    /// Upper end of the credible interval.
    public var ciHigh: Double?

    enum CodingKeys: String, CodingKey {
        case weekday, hour, posts, impressions, events, rawRate = "raw_rate", rate
        case ciLow = "ci_low", ciHigh = "ci_high"
    }

    public init(slot: BestHoursSlot, posts: Int, impressions: Int64, events: Int64, rawRate: Double?,
                rate: Double?, ciLow: Double?, ciHigh: Double?) {
        self.slot = slot; self.posts = posts; self.impressions = impressions; self.events = events
        self.rawRate = rawRate; self.rate = rate; self.ciLow = ciLow; self.ciHigh = ciHigh
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        slot = BestHoursSlot(weekday: try c.decodeIfPresent(BestHoursWeekday.self, forKey: .weekday),
                             hour: try c.decodeIfPresent(Int.self, forKey: .hour))
        posts = try c.decode(Int.self, forKey: .posts)
        impressions = try c.decode(Int64.self, forKey: .impressions)
        events = try c.decode(Int64.self, forKey: .events)
        rawRate = try c.decodeIfPresent(Double.self, forKey: .rawRate)
        rate = try c.decodeIfPresent(Double.self, forKey: .rate)
        ciLow = try c.decodeIfPresent(Double.self, forKey: .ciLow)
        ciHigh = try c.decodeIfPresent(Double.self, forKey: .ciHigh)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slot.weekday, forKey: .weekday)
        try c.encode(slot.hour, forKey: .hour)
        try c.encode(posts, forKey: .posts)
        try c.encode(impressions, forKey: .impressions)
        try c.encode(events, forKey: .events)
        try c.encode(rawRate, forKey: .rawRate)
        try c.encode(rate, forKey: .rate)
        try c.encode(ciLow, forKey: .ciLow)
        try c.encode(ciHigh, forKey: .ciHigh)
    }
}

/// How sure a recommendation is, compared with the account's baseline.
public enum BestHoursConfidence: String, Sendable, Hashable, Codable {
    /// The interval's lower end is above the baseline.
    case likelyBetter = "likely better"
    /// The estimate is above the baseline but the interval reaches below it.
    case possiblyBetter = "possibly better"
    /// The estimate is not above the baseline.
    case notBetter = "no better than usual"
}

/// One recommended slot. JSON:
/// `{"weekday": "Tue", "hour": 19, "rate", "ci_low", "ci_high", "posts", "confidence", "lift",
/// "selection_p"}` (weekday or hour `null` when the recommendation fell back to hour of day or weekday).
public struct BestHoursRecommendation: Sendable, Hashable, Codable {
    /// The slot.
    public var slot: BestHoursSlot
    /// Shrunk estimate.
    public var rate: Double
    /// Interval lower end.
    public var ciLow: Double
    /// Interval upper end.
    public var ciHigh: Double
    /// Posts behind it.
    public var posts: Int
    /// Label against the baseline.
    public var confidence: BestHoursConfidence
    /// rate ÷ baseline − 1, `nil` when the baseline is 0.
    public var lift: Double?
    /// p-value of the slot's score against the best of all comparable slots under shuffled posting
    /// times (``BestHoursSelection``); `nil` when the interval does not clear the baseline (not tested).
    public var selectionPValue: Double?

    enum CodingKeys: String, CodingKey {
        case weekday, hour, rate, ciLow = "ci_low", ciHigh = "ci_high", posts, confidence, lift
        case selectionPValue = "selection_p"
    }

    public init(slot: BestHoursSlot, rate: Double, ciLow: Double, ciHigh: Double, posts: Int,
                confidence: BestHoursConfidence, lift: Double?, selectionPValue: Double? = nil) {
        self.slot = slot; self.rate = rate; self.ciLow = ciLow; self.ciHigh = ciHigh; self.posts = posts
        self.confidence = confidence; self.lift = lift; self.selectionPValue = selectionPValue
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        slot = BestHoursSlot(weekday: try c.decodeIfPresent(BestHoursWeekday.self, forKey: .weekday),
                             hour: try c.decodeIfPresent(Int.self, forKey: .hour))
        rate = try c.decode(Double.self, forKey: .rate)
        ciLow = try c.decode(Double.self, forKey: .ciLow)
        ciHigh = try c.decode(Double.self, forKey: .ciHigh)
        posts = try c.decode(Int.self, forKey: .posts)
        confidence = try c.decode(BestHoursConfidence.self, forKey: .confidence)
        lift = try c.decodeIfPresent(Double.self, forKey: .lift)
        selectionPValue = try c.decodeIfPresent(Double.self, forKey: .selectionPValue)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slot.weekday, forKey: .weekday)
        try c.encode(slot.hour, forKey: .hour)
        try c.encode(rate, forKey: .rate)
        try c.encode(ciLow, forKey: .ciLow)
        try c.encode(ciHigh, forKey: .ciHigh)
        try c.encode(posts, forKey: .posts)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(lift, forKey: .lift)
        try c.encode(selectionPValue, forKey: .selectionPValue)
    }
}

/// Whether the data supported a weekday × hour answer.
public enum BestHoursStatus: String, Sendable, Hashable, Codable {
    /// Recommendations are weekday × hour slots.
    case ok
    /// Weekday × hour was too thin; recommendations (if any) come from a coarser grid.
    case thin
    /// Fewer usable posts than ``BestHoursOptions/minimumPosts``: no recommendations.
    case notEnoughData = "not_enough_data"
}

/// The local days of the posts analysed. JSON `{"from": "2025-01-06", "to": "2025-04-27"}`.
public struct BestHoursWindow: Sendable, Hashable, Codable {
    /// First local day with a usable post.
    public var from: CalendarDay
    /// Last local day with a usable post.
    public var to: CalendarDay

    public init(from: CalendarDay, to: CalendarDay) { self.from = from; self.to = to }

    enum CodingKeys: String, CodingKey { case from, to }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func day(_ key: CodingKeys) throws -> CalendarDay {
            let text = try c.decode(String.self, forKey: key)
            guard let d = CalendarDay(iso: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a YYYY-MM-DD day: \(text)")
            }
            return d
        }
        from = try day(.from); to = try day(.to)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from.description, forKey: .from)
        try c.encode(to.description, forKey: .to)
    }

    /// Whole weeks spanned, rounded up (at least 1).
    public var weeks: Int { max(1, (to.daysSinceEpoch - from.daysSinceEpoch + 7) / 7) }
}

/// Everything the best-hour analysis found. Encodes to the JSON of issue 4:
/// `{"tz", "metric", "baseline", "status", "grid", "posts", "recommendations", "cells", "hours",
/// "weekdays", "post_strength", "notes", "method", "window"}`; `cells` always holds all 168
/// weekday × hour slots in display order.
public struct BestHoursResult: Sendable, Hashable, Codable {
    /// IANA zone identifier of the clock used.
    public var timeZone: String
    /// The objective ranked by.
    public var objective: BestHoursObjective
    /// What every slot is compared with, on the same scale as the slots' ``BestHoursCell/rate``:
    /// the effective-impression-weighted mean of post rates (per-impression objectives, see
    /// ``method``) or the mean events per post; `nil` without data.
    public var baseline: Double?
    /// Data sufficiency.
    public var status: BestHoursStatus
    /// The grid the recommendations come from; `nil` when there are none.
    public var grid: BestHoursGrid?
    /// Usable posts (time known, metric present, and impressions > 0 for per-impression objectives).
    public var posts: Int
    /// Best slots first (at most ``BestHoursOptions/recommendationCount``).
    public var recommendations: [BestHoursRecommendation]
    /// All 168 weekday × hour slots, week ordered by ``BestHoursOptions/weekStart``, hours 0–23.
    public var cells: [BestHoursCell]
    /// The 24 hours of the day.
    public var hourCells: [BestHoursCell]
    /// The 7 weekdays.
    public var weekdayCells: [BestHoursCell]
    /// Impressions one post is worth in the between-post fit (κ); `nil` when no overdispersion
    /// was measured or for per-post objectives.
    public var postStrength: Double?
    /// Plain-words notes on the choices made (fallback, thin data, adjustment, missing metric).
    public var notes: [String]
    /// The estimand, the model and the selection test, in one sentence.
    public var method: String
    /// The local days of the posts analysed; `nil` without usable posts.
    public var window: BestHoursWindow?

    enum CodingKeys: String, CodingKey {
        case timeZone = "tz", metric, baseline, status, grid, posts, recommendations, cells
        case hourCells = "hours", weekdayCells = "weekdays", postStrength = "post_strength", notes, method, window
    }

    public init(timeZone: String, objective: BestHoursObjective, baseline: Double?, status: BestHoursStatus,
                grid: BestHoursGrid?, posts: Int, recommendations: [BestHoursRecommendation],
                cells: [BestHoursCell], hourCells: [BestHoursCell], weekdayCells: [BestHoursCell],
                postStrength: Double?, notes: [String], method: String = "", window: BestHoursWindow? = nil) {
        self.timeZone = timeZone; self.objective = objective; self.baseline = baseline; self.status = status
        self.grid = grid; self.posts = posts; self.recommendations = recommendations; self.cells = cells
        self.hourCells = hourCells; self.weekdayCells = weekdayCells; self.postStrength = postStrength
        self.notes = notes; self.method = method; self.window = window
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        timeZone = try c.decode(String.self, forKey: .timeZone)
        let key = try c.decode(String.self, forKey: .metric)
        guard let o = BestHoursObjective(key: key) else {
            throw DecodingError.dataCorruptedError(forKey: .metric, in: c, debugDescription: "unknown metric \(key)")
        }
        objective = o
        baseline = try c.decodeIfPresent(Double.self, forKey: .baseline)
        status = try c.decode(BestHoursStatus.self, forKey: .status)
        grid = try c.decodeIfPresent(BestHoursGrid.self, forKey: .grid)
        posts = try c.decode(Int.self, forKey: .posts)
        recommendations = try c.decode([BestHoursRecommendation].self, forKey: .recommendations)
        cells = try c.decode([BestHoursCell].self, forKey: .cells)
        hourCells = try c.decode([BestHoursCell].self, forKey: .hourCells)
        weekdayCells = try c.decode([BestHoursCell].self, forKey: .weekdayCells)
        postStrength = try c.decodeIfPresent(Double.self, forKey: .postStrength)
        notes = try c.decode([String].self, forKey: .notes)
        method = try c.decodeIfPresent(String.self, forKey: .method) ?? ""
        window = try c.decodeIfPresent(BestHoursWindow.self, forKey: .window)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(objective.key, forKey: .metric)
        try c.encode(baseline, forKey: .baseline)
        try c.encode(status, forKey: .status)
        try c.encode(grid, forKey: .grid)
        try c.encode(posts, forKey: .posts)
        try c.encode(recommendations, forKey: .recommendations)
        try c.encode(cells, forKey: .cells)
        try c.encode(hourCells, forKey: .hourCells)
        try c.encode(weekdayCells, forKey: .weekdayCells)
        try c.encode(postStrength, forKey: .postStrength)
        try c.encode(notes, forKey: .notes)
        try c.encode(method, forKey: .method)
        try c.encode(window, forKey: .window)
    }

    /// The cell of a weekday × hour slot.
    public func cell(weekday: BestHoursWeekday, hour: Int) -> BestHoursCell? {
        cells.first { $0.slot.weekday == weekday && $0.slot.hour == hour }
    }
}
