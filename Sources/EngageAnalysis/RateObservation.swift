import EngageModel

/// One post's contribution to a rate: its impressions xᵢ and its events yᵢ (engagements, or the
/// chosen metric). The post is the unit of every interval and test in engage.
public struct RateObservation: Sendable, Hashable {
    /// Impressions xᵢ (≥ 0).
    public var impressions: Int64
    /// Events yᵢ (≥ 0).
    public var events: Int64

    /// Creates an observation.
    public init(impressions: Int64, events: Int64) {
        self.impressions = impressions; self.events = events
    }

    /// The post's own rate yᵢ / xᵢ; `nil` when it had no impressions.
    public var rate: Double? { impressions > 0 ? Double(events) / Double(impressions) : nil }
}

extension Post {
    /// The post's impressions and `metric` as a ``RateObservation``; `nil` when the input lacks
    /// impressions or that metric for this post (absent is not zero).
    public func rateObservation(for metric: Metric = .engagements) -> RateObservation? {
        guard let x = metrics[.impressions], let y = metrics[metric] else { return nil }
        return RateObservation(impressions: max(0, x), events: max(0, y))
    }
}

/// A two-sided interval [low, high].
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    /// Lower end.
    public var low: Double
    /// Upper end.
    public var high: Double

    /// Creates an interval; `nil` unless both ends are finite.
    public init?(low: Double, high: Double) {
        guard low.isFinite, high.isFinite else { return nil }
        self.low = min(low, high); self.high = max(low, high)
    }

    /// True when `value` lies inside (ends included).
    public func contains(_ value: Double) -> Bool { low <= value && value <= high }
}
