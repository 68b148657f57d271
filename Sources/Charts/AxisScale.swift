import Foundation

/// A linear value axis with "nice" tick values (steps of 1, 2 or 5 times a power of ten).
///
/// ```swift
/// let scale = AxisScale(dataMin: 3, dataMax: 87, maxTicks: 6)
/// scale.ticks // [0, 20, 40, 60, 80, 100]
/// ```
public struct AxisScale: Hashable, Sendable {
    /// Lowest value on the axis (the first tick).
    public let lower: Double
    /// Highest value on the axis (the last tick).
    public let upper: Double
    /// Distance between ticks.
    public let step: Double

    /// A scale covering `dataMin…dataMax` with at most `maxTicks` ticks (at least 2; 3 when the
    /// range includes values on both sides of zero).
    ///
    /// Non-finite input is ignored; an empty or single-valued range is widened around the value
    /// (0…1 when there is no value at all).
    /// - Parameter includeZero: Extend the range to 0 (bars and counts should). Default false.
    public init(dataMin: Double, dataMax: Double, maxTicks: Int = 6, includeZero: Bool = false) {
        var low = dataMin.isFinite ? dataMin : (dataMax.isFinite ? dataMax : 0)
        var high = dataMax.isFinite ? dataMax : low
        if low > high { swap(&low, &high) }
        if includeZero { low = min(low, 0); high = max(high, 0) }
        if high == low {
            if low == 0 { high = 1 } else if low > 0 { high = low * 1.2; if !includeZero { low *= 0.8 } }
            else { low = high * 1.2; if !includeZero { high *= 0.8 } }
        }
        // Zero is always a tick, so a range across it needs at least two intervals.
        let intervals = Double(max(low < 0 && high > 0 ? 2 : 1, maxTicks - 1))
        var step = AxisScale.niceStep(atLeast: (high - low) / intervals)
        var lower = (low / step).rounded(.down) * step
        var upper = (high / step).rounded(.up) * step
        // Rounding outwards can need one more interval than allowed: take the next nice step.
        var attempts = 0
        while ((upper - lower) / step).rounded() > intervals && attempts < 60 {
            attempts += 1
            step = AxisScale.niceStep(atLeast: step * 1.0001)
            lower = (low / step).rounded(.down) * step
            upper = (high / step).rounded(.up) * step
        }
        self.lower = lower
        self.upper = upper
        self.step = step
    }

    /// A scale with explicit bounds and step (ticks are every multiple of `step` from `lower`).
    public init(lower: Double, upper: Double, step: Double) {
        self.lower = lower
        self.upper = upper > lower ? upper : lower + 1
        self.step = step > 0 && step.isFinite ? step : (self.upper - lower)
    }

    /// The smallest value of the form {1, 2, 5} × 10ⁿ that is at least `raw`.
    static func niceStep(atLeast raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let power = pow(10, floor(log10(raw)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * power >= raw * (1 - 1e-9) {
            return factor * power
        }
        return 10 * power
    }

    /// Tick values from ``lower`` to ``upper``, rounded so that they print cleanly.
    public var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded()) + 1
        let decimals = ValueFormat.places(for: step, cap: 12)
        let factor = pow(10, Double(decimals))
        return (0..<max(1, count)).map { i in
            let v = lower + Double(i) * step
            return (v * factor).rounded() / factor + 0  // + 0 turns -0 into 0
        }
    }

    /// Where `value` falls between `start` (at ``lower``) and `end` (at ``upper``).
    public func position(of value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }
}
