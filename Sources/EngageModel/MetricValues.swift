/// The counts of one post or one day: an optional non-negative integer per ``Metric``.
///
/// Stored inline (no heap allocation) because ingest creates one per row, up to millions, and
/// packed: each present count takes 1, 2 or 4 bytes, in ``Metric`` order, and a 2-bit code per
/// metric says which (0 = absent). A legacy export's row of 17 counts fits in about 22 bytes of the
/// 31, so the value is 48 bytes instead of the 128 of fixed 32-bit slots (80 MB less at a million
/// posts).
/// Once a count does not fit (negative, at least 2^32, or the packing is full: sums over many
/// posts, very large accounts), all counts move to an `Int64` array on the heap and stay there.
/// A metric the input does not carry is `nil`, which differs from a count of zero.
///
/// ```swift
/// var v = MetricValues()
/// v[.impressions] = 1938
/// v[.likes]        // nil: the input had no likes column
/// ```
public struct MetricValues: Sendable, Equatable, Hashable {
    /// Two bits per metric: 0 absent, 1, 2 or 3 for a count packed in 1, 2 or 4 bytes.
    /// With ``wide`` every present metric has code 3 and `packed` is unused.
    private var codes: UInt64 = 0
    /// The present counts, little-endian, in ``Metric`` order.
    private var packed: InlineArray<31, UInt8> = .init(repeating: 0)
    /// Bytes of ``packed`` in use (0 with ``wide``).
    private var used: UInt8 = 0
    /// Every count, once one of them does not fit in ``packed``.
    private var wide: [Int64]?

    /// Creates values with every metric absent.
    public init() {}

    /// The count for `metric`, or `nil` when the input did not carry it.
    public subscript(metric: Metric) -> Int64? {
        get {
            let i = metric.rawValue
            let code = Int(codes >> UInt64(2 * i)) & 3
            guard code != 0 else { return nil }
            if let wide { return wide[i] }
            return read(at: Self.bytesBefore(i, in: codes), width: Self.width(code))
        }
        set { set(metric.rawValue, newValue) }
    }

    /// The count for `metric`, zero when absent (for sums).
    @inlinable public func count(_ metric: Metric) -> Int64 { self[metric] ?? 0 }

    /// True when `metric` is present.
    public func has(_ metric: Metric) -> Bool { (codes >> UInt64(2 * metric.rawValue)) & 3 != 0 }

    /// True when no metric is present.
    public var isEmpty: Bool { codes == 0 }

    /// The metrics present, in ``Metric`` order.
    public var presentMetrics: [Metric] { Metric.allCases.filter(has) }

    /// Calls `body` with each present metric's index and count, in ``Metric`` order.
    @inline(__always) private func forEachPresent(_ body: (Int, Int64) -> Void) {
        var offset = 0
        for i in 0..<Metric.count {
            let code = Int(codes >> UInt64(2 * i)) & 3
            guard code != 0 else { continue }
            if let wide {
                body(i, wide[i])
            } else {
                let width = Self.width(code)
                body(i, read(at: offset, width: width))
                offset += width
            }
        }
    }

    /// Adds `other` into `self`; a metric present in either is present in the result.
    /// Sums are kept in the `Int64` array, since they soon outgrow the packing.
    public mutating func add(_ other: MetricValues) {
        widen()
        other.forEachPresent { i, value in wide![i] &+= value }
        codes |= Self.presentMask(other.codes) * 3
    }

    public static func == (a: MetricValues, b: MetricValues) -> Bool {
        guard presentMask(a.codes) == presentMask(b.codes) else { return false }
        for metric in Metric.allCases where a.has(metric) {
            if a[metric] != b[metric] { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Self.presentMask(codes))
        forEachPresent { _, value in hasher.combine(value) }
    }

    // MARK: - Packing

    /// Stores `value` (or removes the metric) at index `i`, repacking the counts after it.
    private mutating func set(_ i: Int, _ value: Int64?) {
        let shift = UInt64(2 * i)
        let oldCode = Int(codes >> shift) & 3
        guard let value else {
            if wide == nil, oldCode != 0 {
                move(from: Self.bytesBefore(i + 1, in: codes), by: -Self.width(oldCode))
                used -= UInt8(Self.width(oldCode))
            }
            codes &= ~(3 << shift)
            return
        }
        if wide == nil, value >= 0, value <= Int64(UInt32.max) {
            let newCode = value < 0x100 ? 1 : value < 0x1_0000 ? 2 : 3
            // Readers set counts in Metric order: a new last count is appended, nothing moves.
            if codes >> shift == 0 {
                let start = Int(used), width = Self.width(newCode)
                if start + width <= packed.count {
                    codes |= UInt64(newCode) << shift
                    write(value, at: start, width: width)
                    used += UInt8(width)
                    return
                }
            }
            let delta = Self.width(newCode) - (oldCode == 0 ? 0 : Self.width(oldCode))
            if Int(used) + delta <= packed.count {
                let start = Self.bytesBefore(i, in: codes)
                move(from: start + (oldCode == 0 ? 0 : Self.width(oldCode)), by: delta)
                codes = codes & ~(3 << shift) | UInt64(newCode) << shift
                write(value, at: start, width: Self.width(newCode))
                used = UInt8(Int(used) + delta)
                return
            }
        }
        widen()
        wide![i] = value
        codes |= 3 << shift
    }

    /// Moves every packed byte from `offset` on by `delta` (making room, or closing a gap).
    private mutating func move(from offset: Int, by delta: Int) {
        guard delta != 0 else { return }
        let end = Int(used)
        if delta > 0 {
            var k = end - 1
            while k >= offset { packed[k + delta] = packed[k]; k -= 1 }
        } else {
            for k in offset..<end { packed[k + delta] = packed[k] }
        }
    }

    /// Moves every count to ``wide``.
    private mutating func widen() {
        guard wide == nil else { return }
        var all = [Int64](repeating: 0, count: Metric.count)
        forEachPresent { i, value in all[i] = value }
        wide = all
        codes = Self.presentMask(codes) * 3
        used = 0
    }

    @inline(__always) private func read(at offset: Int, width: Int) -> Int64 {
        var value: UInt64 = 0
        for k in 0..<width { value |= UInt64(packed[offset + k]) << UInt64(8 * k) }
        return Int64(value)
    }

    @inline(__always) private mutating func write(_ value: Int64, at offset: Int, width: Int) {
        for k in 0..<width { packed[offset + k] = UInt8(truncatingIfNeeded: value >> Int64(8 * k)) }
    }

    /// Bytes of a count with `code` 1, 2 or 3.
    @inline(__always) private static func width(_ code: Int) -> Int { code == 3 ? 4 : code }

    private static let lowBits: UInt64 = 0x5555_5555_5555_5555

    /// One bit (the low bit of each 2-bit code) per present metric.
    @inline(__always) private static func presentMask(_ codes: UInt64) -> UInt64 {
        (codes | codes >> 1) & lowBits
    }

    /// Packed bytes of the metrics before index `i`: with `l` and `h` the low and high bits of
    /// each code, a count takes `l + 2h + (l & h)` bytes (1, 2 or 4).
    @inline(__always) private static func bytesBefore(_ i: Int, in codes: UInt64) -> Int {
        let below = codes & ((1 << UInt64(2 * i)) - 1)
        let low = below & lowBits, high = (below >> 1) & lowBits
        return low.nonzeroBitCount + 2 * high.nonzeroBitCount + (low & high).nonzeroBitCount
    }
}
