/// The counts of one post or one day: an optional non-negative integer per ``Metric``.
///
/// Stored inline (no heap allocation) because ingest creates one per row, up to millions, and in
/// 32 bits per count, which every count of a single post fits: 128 bytes instead of 232, about
/// 100 MB less at a million posts. Once a count does not fit (a sum over many posts, a count from a
/// very large account), all counts move to an `Int64` array on the heap and stay there.
/// A metric the input does not carry is `nil`, which differs from a count of zero.
///
/// ```swift
/// var v = MetricValues()
/// v[.impressions] = 1938
/// v[.likes]        // nil: the input had no likes column
/// ```
public struct MetricValues: Sendable, Equatable, Hashable {
    private var narrow: InlineArray<28, Int32> = .init(repeating: 0)
    private var presence: UInt32 = 0
    /// Every count, once one of them does not fit in `narrow`; `narrow` is unused from then on.
    private var wide: [Int64]?

    /// Creates values with every metric absent.
    public init() {}

    /// The count for `metric`, or `nil` when the input did not carry it.
    public subscript(metric: Metric) -> Int64? {
        get { presence & (1 << UInt32(metric.rawValue)) != 0 ? slot(metric.rawValue) : nil }
        set {
            let i = metric.rawValue, bit = UInt32(1) << UInt32(i)
            let value = newValue ?? 0
            if wide == nil, let fits = Int32(exactly: value) {
                narrow[i] = fits
            } else {
                widen()
                wide![i] = value
            }
            if newValue == nil { presence &= ~bit } else { presence |= bit }
        }
    }

    /// The count in slot `i`, zero when absent.
    @inline(__always) private func slot(_ i: Int) -> Int64 {
        if let wide { return wide[i] }
        return Int64(narrow[i])
    }

    /// Moves every count to ``wide``.
    private mutating func widen() {
        guard wide == nil else { return }
        var all = [Int64](repeating: 0, count: Metric.count)
        for i in 0..<Metric.count { all[i] = Int64(narrow[i]) }
        wide = all
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
        presence |= other.presence
        if wide == nil, other.wide == nil {
            var sums = narrow, overflowed = false
            for i in 0..<Metric.count {
                let (sum, overflow) = narrow[i].addingReportingOverflow(other.narrow[i])
                sums[i] = sum
                overflowed = overflowed || overflow
            }
            if !overflowed {
                narrow = sums
                return
            }
        }
        widen()
        for i in 0..<Metric.count { wide![i] &+= other.slot(i) }
    }

    public static func == (a: MetricValues, b: MetricValues) -> Bool {
        guard a.presence == b.presence else { return false }
        for i in 0..<Metric.count where a.presence & (1 << UInt32(i)) != 0 {
            if a.slot(i) != b.slot(i) { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(presence)
        for i in 0..<Metric.count where presence & (1 << UInt32(i)) != 0 { hasher.combine(slot(i)) }
    }
}
