import Foundation

/// How numbers on axes and labels are written.
///
/// Output never depends on the locale: "." is the decimal point and no grouping is used except
/// by the compact suffixes.
public enum ValueFormat: Hashable, Sendable {
    /// Short counts: 950, 1.2k, 3.4M, 2.1B.
    case compact
    /// A rate (0.034) written as a percent ("3.4%"). `decimals` nil picks enough to tell ticks apart.
    case percent(decimals: Int?)
    /// A plain number with a fixed number of decimals.
    case decimal(places: Int)

    /// A percent with automatic decimals.
    public static let percent = ValueFormat.percent(decimals: nil)

    /// `value` written in this format. `step`, the distance between neighbouring ticks, picks
    /// the decimals when the format leaves them open so that ticks stay distinct.
    public func string(_ value: Double, step: Double? = nil) -> String {
        guard value.isFinite else { return "–" }
        switch self {
        case .compact:
            return Self.compact(value, step: step)
        case let .percent(decimals):
            let places = decimals ?? Self.places(for: step.map { $0 * 100 } ?? Self.defaultStep(value * 100), cap: 2)
            return Self.fixed(value * 100, places: places) + "%"
        case let .decimal(places):
            return Self.fixed(value, places: max(0, min(places, 10)))
        }
    }

    static func compact(_ value: Double, step: Double?) -> String {
        let magnitude = abs(value)
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
        for (unit, suffix) in units where magnitude >= unit * 0.9995 {
            let places = Self.places(for: (step ?? Self.defaultStep(value)) / unit, cap: 2)
            return Self.trimmed(Self.fixed(value / unit, places: max(places, magnitude < unit * 10 ? 1 : 0))) + suffix
        }
        let places = Self.places(for: step ?? Self.defaultStep(value), cap: 6)
        return Self.trimmed(Self.fixed(value, places: places))
    }

    /// A step of a tenth of the value's order of magnitude (so 1234 → 100, 0.034 → 0.001).
    static func defaultStep(_ value: Double) -> Double {
        let m = abs(value)
        guard m > 0 else { return 1 }
        return pow(10, floor(log10(m)) - 1)
    }

    /// Decimals needed to show multiples of `step` exactly (0 for steps ≥ 1), at most `cap`.
    static func places(for step: Double, cap: Int) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var places = 0
        var scaled = step
        while places < cap && abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            places += 1
        }
        return places
    }

    static func fixed(_ value: Double, places: Int) -> String {
        var s = String(format: "%.\(places)f", value)
        if s.hasPrefix("-"), Double(s) == 0 { s.removeFirst() }  // no "-0"
        return s
    }

    static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
