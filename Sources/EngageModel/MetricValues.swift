/// The counts of one post or one day: an optional non-negative integer per ``Metric``.
///
/// Stored inline (no heap allocation) because ingest creates one per row, up to millions.
/// A metric the input does not carry is `nil`, which differs from a count of zero.
///
/// ```swift
/// var v = MetricValues()
/// v[.impressions] = 1938
/// v[.likes]        // nil: the input had no likes column
/// ```
public struct MetricValues: Sendable, Equatable, Hashable {
    private var counts: InlineArray<28, Int64> = .init(repeating: 0)
    private var presence: UInt32 = 0

    /// Creates values with every metric absent.
    public init() {}

    /// The count for `metric`, or `nil` when the input did not carry it.
    public subscript(metric: Metric) -> Int64? {
        get { presence & (1 << UInt32(metric.rawValue)) != 0 ? counts[metric.rawValue] : nil }
        set {
            let bit = UInt32(1) << UInt32(metric.rawValue)
            if let newValue {
                counts[metric.rawValue] = newValue
                presence |= bit
            } else {
                counts[metric.rawValue] = 0
                presence &= ~bit
            }
        }
    }

    /// The count for `metric`, zero when absent (for sums).
    @inlinable public func count(_ metric: Metric) -> Int64 { self[metric] ?? 0 }

    /// True when `metric` is present.
    public func has(_ metric: Metric) -> Bool { presence & (1 << UInt32(metric.rawValue)) != 0 }

    /// True when no metric is present.
    public var isEmpty: Bool { presence == 0 }

    /// The metrics present, in ``Metric`` order.
    public var presentMetrics: [Metric] { Metric.allCases.filter(has) }

    /// Adds `other` into `self`; a metric present in either is present in the result.
    /// (An absent count is stored as zero, so every slot can be added without looking.)
    public mutating func add(_ other: MetricValues) {
        for i in 0..<Metric.count { counts[i] &+= other.counts[i] }
        presence |= other.presence
    }

    public static func == (a: MetricValues, b: MetricValues) -> Bool {
        guard a.presence == b.presence else { return false }
        for i in 0..<Metric.count where a.presence & (1 << UInt32(i)) != 0 {
            if a.counts[i] != b.counts[i] { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(presence)
        for i in 0..<Metric.count where presence & (1 << UInt32(i)) != 0 { hasher.combine(counts[i]) }
    }
}
