import Foundation

/// How every output writes numbers for people: counts with thousands separators ("1,780"),
/// rates as percentages with two decimals ("2.38%"), and changes of rates in percentage points.
/// The same text in the findings, the PDF, the email bodies and the terminal; the workbook
/// writes numbers with the matching Excel formats. The separators do not follow the system
/// locale, so that the same inputs give the same bytes everywhere.
public enum NumberText {
    /// `1780` → `"1,780"`, `-12000` → `"-12,000"`.
    public static func grouped<N: BinaryInteger>(_ n: N) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `0.02381` → `"2.38%"`.
    public static func percent(_ rate: Double) -> String { String(format: "%.2f%%", rate * 100) }

    /// A change of a rate in percentage points: `0.0024` → `"+0.24 pp"`.
    public static func points(_ difference: Double) -> String { String(format: "%+.2f pp", difference * 100) }

    /// A relative change: `0.046` → `"+4.6%"`.
    public static func relative(_ change: Double) -> String { String(format: "%+.1f%%", change * 100) }
}

extension KPIChange {
    /// True for the engagement rate, whose change is told in percentage points.
    public var isRate: Bool { key == "engagement_rate" }

    /// The change as every output writes it: counts by their relative change (`"+4.6%"`), rates
    /// in percentage points with the relative change in brackets (`"+0.24 pp (+11.2%)"`);
    /// `nil` when there is nothing to compare.
    public var text: String? {
        if isRate {
            guard let absoluteChange else { return nil }
            return NumberText.points(absoluteChange) + (relativeChange.map { " (\(NumberText.relative($0)))" } ?? "")
        }
        return relativeChange.map(NumberText.relative)
    }

    /// The direction of the change: above 0 up, below 0 down, 0 flat; `nil` when unknown.
    public var sign: Int? {
        guard let difference = isRate ? absoluteChange : relativeChange else { return nil }
        return difference > 0 ? 1 : difference < 0 ? -1 : 0
    }
}
