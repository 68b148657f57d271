/// The counts of one post or one day: an optional non-negative integer per ``Metric``.
///
/// Stored inline (no heap allocation) because ingest creates one per row, up to millions, and
/// packed: each present count takes 1, 2 or 4 bytes, in ``Metric`` order, and a 2-bit code per
/// metric says which (0 = absent). A legacy export's row of 17 counts fits in about 22 bytes of the
/// 31, so the value is 40 bytes instead of the 128 of fixed 32-bit slots (88 MB less at a million
/// posts). Once a count does not fit (negative, at least 2^32, or the packing is full: sums over
/// many posts, very large accounts), all counts move to an `Int64` array on the heap and stay there.
/// A metric the input does not carry is `nil`, which differs from a count of zero.
///
/// **Room for ``capacity`` (28) metrics, all of them in use.** The 2-bit codes of 28 metrics fill
/// the low 56 bits of one 64-bit word whose top 8 bits count the packed bytes, and ``Collector``
/// has 28 inline slots. When X adds a metric, a 29th case of ``Metric`` does not fit, and
/// `MetricValuesTests.everyMetricFitsTheCapacity` fails. Then: move the byte count out of `codes`
/// (a `UInt8` beside it costs nothing: the packing has 31 bytes and the value's 40 leave one
/// spare) so that codes can use all 64 bits (32 metrics), raise ``capacity`` and the literal in
/// `Collector.values` (a generic argument cannot name a constant), and run the tests: they set and
/// read every metric in both storages.
///
/// ```swift
/// var v = MetricValues()
/// v[.impressions] = 1938
/// v[.likes]        // nil: the input had no likes column
/// ```
public struct MetricValues: Sendable, Equatable, Hashable {
    /// The most metrics the packing has room for (see the type's comment before raising it).
    public static let capacity = 28

    /// Two bits per metric in the low 56 bits: 0 absent, 1, 2 or 3 for a count packed in 1, 2 or 4
    /// bytes (with ``Storage/wide`` every present metric has code 3); the top 8 bits are the packed
    /// bytes in use.
    private var codes: UInt64 = 0
    /// The counts.
    private var storage: Storage = .packed(.init(repeating: 0))

    private enum Storage: Sendable {
        /// The present counts, little-endian, in ``Metric`` order.
        case packed(InlineArray<31, UInt8>)
        /// Every count, once one of them does not fit in the packing.
        case wide([Int64])
    }

    /// Creates values with every metric absent.
    public init() {}

    /// The count for `metric`, or `nil` when the input did not carry it.
    public subscript(metric: Metric) -> Int64? {
        get {
            let i = metric.rawValue
            let code = Int(codes >> UInt64(2 * i)) & 3
            guard code != 0 else { return nil }
            switch storage {
            case .wide(let all): return all[i]
            case .packed(let bytes): return Self.read(bytes, at: Self.bytesBefore(i, in: codes), width: Self.width(code))
            }
        }
        set { set(metric.rawValue, newValue) }
    }

    /// The count for `metric`, zero when absent (for sums).
    @inlinable public func count(_ metric: Metric) -> Int64 { self[metric] ?? 0 }

    /// True when `metric` is present.
    public func has(_ metric: Metric) -> Bool { (codes >> UInt64(2 * metric.rawValue)) & 3 != 0 }

    /// True when no metric is present.
    public var isEmpty: Bool { codes & Self.codeMask == 0 }

    /// The metrics present, in ``Metric`` order.
    public var presentMetrics: [Metric] { Metric.allCases.filter(has) }

    /// Calls `body` with each present metric's index and count, in ``Metric`` order.
    @inline(__always) private func forEachPresent(_ body: (Int, Int64) -> Void) {
        switch storage {
        case .wide(let all):
            for i in 0..<Metric.count where (codes >> UInt64(2 * i)) & 3 != 0 { body(i, all[i]) }
        case .packed(let bytes):
            var offset = 0
            for i in 0..<Metric.count {
                let code = Int(codes >> UInt64(2 * i)) & 3
                guard code != 0 else { continue }
                let width = Self.width(code)
                body(i, Self.read(bytes, at: offset, width: width))
                offset += width
            }
        }
    }

    /// Adds `other` into `self`; a metric present in either is present in the result.
    /// Sums are kept in the `Int64` array, since they soon outgrow the packing.
    public mutating func add(_ other: MetricValues) {
        var all = takeWide()
        other.forEachPresent { i, value in all[i] &+= value }
        storage = .wide(all)
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

    /// Values packed from `collected`, in ``Metric`` order whatever order the counts came in.
    public init(_ collected: borrowing Collector) {
        self.init()
        var bytes = InlineArray<31, UInt8>(repeating: 0)
        var codes: UInt64 = 0, used = 0
        var rest = collected.present
        while rest != 0 {
            let i = rest.trailingZeroBitCount
            rest &= rest - 1
            let value = collected.values[i]
            let code = value < 0x100 ? 1 : value < 0x1_0000 ? 2 : 3
            let width = Self.width(code)
            guard value >= 0, value <= Int64(UInt32.max), used + width <= bytes.count else {
                // Rare (negative, very large or too many counts): the one-at-a-time path, which goes wide.
                for metric in Metric.allCases where collected.present & 1 << metric.rawValue != 0 {
                    self[metric] = collected.values[metric.rawValue]
                }
                return
            }
            Self.write(value, into: &bytes, at: used, width: width)
            codes |= UInt64(code) << UInt64(2 * i)
            used += width
        }
        self.codes = codes | UInt64(used) << Self.byteCountShift
        self.storage = .packed(bytes)
    }

    /// One row's counts, gathered in any order and packed once by ``init(_:)``. Ingest sets a
    /// dozen or more counts per row; packing each as it came (``subscript(_:)``) took more time
    /// than reading the numbers.
    public struct Collector {
        /// Each metric's count, by raw value: ``MetricValues/capacity`` slots.
        @usableFromInline var values = InlineArray<28, Int64>(repeating: 0)
        /// One bit per metric that has a count.
        @usableFromInline var present: UInt32 = 0

        @inlinable public init() {}

        /// Sets `metric`'s count (a later one for the same metric wins).
        @inlinable public mutating func set(_ metric: Metric, _ value: Int64) {
            values[metric.rawValue] = value
            present |= 1 << UInt32(metric.rawValue)
        }

        /// True when no count was set.
        @inlinable public var isEmpty: Bool { present == 0 }
    }

    /// The packed bytes in use (the top 8 bits of ``codes``).
    private var used: Int {
        get { Int(codes >> Self.byteCountShift) }
        set { codes = codes & Self.codeMask | UInt64(newValue) << Self.byteCountShift }
    }

    /// Stores `value` (or removes the metric) at index `i`, repacking the counts after it.
    private mutating func set(_ i: Int, _ value: Int64?) {
        let shift = UInt64(2 * i)
        let oldCode = Int(codes >> shift) & 3
        let oldWidth = oldCode == 0 ? 0 : Self.width(oldCode)
        if case .packed(var bytes) = storage {
            guard let value else {
                if oldCode != 0 {
                    Self.move(&bytes, from: Self.bytesBefore(i + 1, in: codes), by: -oldWidth, used: used)
                    used -= oldWidth
                    storage = .packed(bytes)
                }
                codes &= ~(3 << shift)
                return
            }
            if value >= 0, value <= Int64(UInt32.max) {
                let newCode = value < 0x100 ? 1 : value < 0x1_0000 ? 2 : 3
                let width = Self.width(newCode)
                // Readers set counts in Metric order: a new last count is appended, nothing moves.
                let start = (codes & Self.codeMask) >> shift == 0 ? used : Self.bytesBefore(i, in: codes)
                if used + width - oldWidth <= bytes.count {
                    Self.move(&bytes, from: start + oldWidth, by: width - oldWidth, used: used)
                    Self.write(value, into: &bytes, at: start, width: width)
                    codes = codes & ~(3 << shift) | UInt64(newCode) << shift
                    used += width - oldWidth
                    storage = .packed(bytes)
                    return
                }
            }
        }
        guard let value else {
            codes &= ~(3 << shift)
            return
        }
        var all = takeWide()
        all[i] = value
        storage = .wide(all)
        codes |= 3 << shift
    }

    /// Moves the packed bytes from `offset` up to `used` by `delta` (making room, or closing a gap).
    private static func move(_ bytes: inout InlineArray<31, UInt8>, from offset: Int, by delta: Int, used: Int) {
        guard delta != 0 else { return }
        if delta > 0 {
            var k = used - 1
            while k >= offset { bytes[k + delta] = bytes[k]; k -= 1 }
        } else {
            for k in offset..<used { bytes[k + delta] = bytes[k] }
        }
    }

    /// Every count as the `Int64` array (made from the packing when needed), left out of ``storage``
    /// so that the caller holds the only reference and changes it in place; the caller stores it back.
    private mutating func takeWide() -> [Int64] {
        switch storage {
        case .wide(let all):
            storage = .packed(.init(repeating: 0))
            return all
        case .packed:
            var all = [Int64](repeating: 0, count: Metric.count)
            forEachPresent { i, value in all[i] = value }
            codes = Self.presentMask(codes) * 3  // and no packed bytes in use
            return all
        }
    }

    @inline(__always) private static func read(_ bytes: borrowing InlineArray<31, UInt8>, at offset: Int, width: Int) -> Int64 {
        var value: UInt64 = 0
        for k in 0..<width { value |= UInt64(bytes[offset + k]) << UInt64(8 * k) }
        return Int64(value)
    }

    @inline(__always) private static func write(_ value: Int64, into bytes: inout InlineArray<31, UInt8>, at offset: Int, width: Int) {
        for k in 0..<width { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> Int64(8 * k)) }
    }

    /// Bytes of a count with `code` 1, 2 or 3.
    @inline(__always) private static func width(_ code: Int) -> Int { code == 3 ? 4 : code }

    /// Where the count of packed bytes starts in ``codes``: above 2 bits per metric.
    private static let byteCountShift: UInt64 = 2 * UInt64(capacity)

    /// The bits of ``codes`` that hold codes (``capacity`` metrics, 2 bits each).
    private static let codeMask: UInt64 = 1 << byteCountShift - 1

    /// The low bit of each 2-bit code.
    private static let lowBits: UInt64 = 0x0055_5555_5555_5555

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
