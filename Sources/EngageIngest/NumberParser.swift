#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbers parsed straight from the bytes of a field, without Foundation formatters.
///
/// Counts accept what X and spreadsheets write: `1938`, `1938.0` (legacy floats),
/// `1.2345678E7` (Java's notation for large floats), `1938,0` with a decimal comma where the
/// file uses `;` separators, and `1,938` with grouping commas otherwise. `-` and empty cells
/// are absent values, not errors.
enum NumberParser {
    /// The outcome of reading a count.
    enum Count: Equatable {
        /// A whole, non-negative number.
        case value(Int64)
        /// Empty or `-`: the export has no value here.
        case absent
        /// Not a number at all.
        case notANumber
        /// A number below zero.
        case negative
        /// A number with a fractional part.
        case fractional
        /// Larger than a 64-bit count.
        case tooLarge
    }

    /// A decimal number as digits and a power of ten: value = ±mantissa × 10^exponent.
    struct Decimal: Equatable {
        var mantissa: UInt64
        var exponent: Int
        var negative: Bool
        /// True when more significant digits were given than a UInt64 holds (then the
        /// mantissa is not exact).
        var truncated: Bool
    }

    private static let zero = UInt8(ascii: "0")

    /// Reads a count. `decimalComma` makes `,` the decimal mark (files separated by `;`).
    static func count(_ b: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Count {
        // Fast path: plain digits, optionally followed by ".0" (the legacy float form).
        var n = b.count
        if n > 2 && b[n - 2] == UInt8(ascii: ".") && b[n - 1] == zero { n -= 2 }
        if n > 0 && n <= 18 {
            var value: Int64 = 0
            var i = 0
            while i < n {
                let d = b[i] &- zero
                if d > 9 { break }
                value = value &* 10 &+ Int64(d)
                i += 1
            }
            if i == n { return .value(value) }
        }
        if isAbsent(b) { return .absent }
        guard let number = decimal(b, decimalComma: decimalComma) else { return .notANumber }
        if number.mantissa == 0 { return .value(0) }
        if number.negative { return .negative }
        if number.truncated { return .tooLarge }
        var mantissa = number.mantissa, exponent = number.exponent
        while exponent < 0 && mantissa % 10 == 0 { mantissa /= 10; exponent += 1 }
        if exponent < 0 { return .fractional }
        while exponent > 0 {
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: 10)
            if overflow { return .tooLarge }
            mantissa = product
            exponent -= 1
        }
        guard mantissa <= UInt64(Int64.max) else { return .tooLarge }
        return .value(Int64(mantissa))
    }

    /// Reads a floating-point number (an engagement rate); `nil` when the field is not one.
    /// `NaN` and `Infinity`, which Java writes for 0 ÷ 0, read as `nil`. A trailing `%` divides
    /// by 100 (spreadsheets re-saving rates as percentages).
    static func double(_ b: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        var bytes = b
        var scale = 1.0
        if let last = bytes.last, last == UInt8(ascii: "%") {
            bytes = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - 1)])
            scale = 0.01
        }
        guard let number = decimal(bytes, decimalComma: decimalComma) else { return nil }
        // Exact when the mantissa fits a Double's 53 bits and 10^|exponent| is exact (≤ 10^22).
        if !number.truncated && number.mantissa <= (1 << 53) && abs(number.exponent) <= 22 {
            var value = Double(number.mantissa)
            value = number.exponent < 0 ? value / powersOfTen[-number.exponent] : value * powersOfTen[number.exponent]
            return (number.negative ? -value : value) * scale
        }
        // Long mantissas (Java writes up to 17 digits): the C library rounds correctly.
        return strtodC(bytes, decimalComma: decimalComma).map { $0 * scale }
    }

    /// `strtod` on a NUL-terminated stack copy of `bytes` (no `String`, no allocation).
    private static func strtodC(_ bytes: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        guard bytes.count < 64 else {
            var text = String(decoding: bytes, as: UTF8.self).trimmingSpaces
            text = decimalComma ? text.replacing(",", with: ".") : text.replacing(",", with: "")
            return Double(text).flatMap { $0.isFinite ? $0 : nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> Double? in
            var k = 0
            for byte in bytes {
                if byte == UInt8(ascii: " ") { continue }
                if byte == UInt8(ascii: ",") {
                    if !decimalComma { continue }
                    buffer[k] = CChar(UInt8(ascii: "."))
                } else {
                    buffer[k] = CChar(bitPattern: byte)
                }
                k += 1
            }
            buffer[k] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            if let end, end - buffer.baseAddress! == k { return value.isFinite ? value : nil }
            // Only if the process switched to a locale with another decimal mark: the
            // standard library's parser always reads `.`.
            let text = String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: k), as: UTF8.self)
            return Double(text).flatMap { $0.isFinite ? $0 : nil }
        }
    }

    /// Parses a post id: 1–20 ASCII digits (spaces around allowed) that fit in a UInt64.
    static func postID(_ b: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var i = 0, n = b.count
        while i < n && b[i] == UInt8(ascii: " ") { i += 1 }
        while n > i && b[n - 1] == UInt8(ascii: " ") { n -= 1 }
        guard n > i, n - i <= 20 else { return nil }
        var value: UInt64 = 0
        while i < n {
            let d = b[i] &- zero
            guard d <= 9 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
            guard !o1 && !o2 else { return nil }
            value = sum
            i += 1
        }
        return value
    }

    /// True for an empty field, spaces only, or `-` (legacy exports' "no value").
    static func isAbsent(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var sawDash = false
        for byte in b {
            if byte == UInt8(ascii: " ") { continue }
            if byte == UInt8(ascii: "-") && !sawDash { sawDash = true; continue }
            return false
        }
        return true
    }

    /// Parses `[sign] digits [mark digits] [e|E [sign] digits]` with spaces around.
    ///
    /// The decimal mark is `.`, or `,` when `decimalComma`. Without `decimalComma`, commas
    /// between groups of three digits before the mark are read as grouping (`1,938`).
    static func decimal(_ b: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Decimal? {
        var i = 0, n = b.count
        while i < n && b[i] == UInt8(ascii: " ") { i += 1 }
        while n > i && b[n - 1] == UInt8(ascii: " ") { n -= 1 }
        guard i < n else { return nil }
        var result = Decimal(mantissa: 0, exponent: 0, negative: false, truncated: false)
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            result.negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits = 0
        var groupDigits = -1 // digits since the last grouping comma; -1 before any comma
        func take(_ d: UInt8, fraction: Bool) {
            digits += 1
            if result.mantissa < 1_000_000_000_000_000_000 {
                result.mantissa = result.mantissa * 10 + UInt64(d)
                if fraction { result.exponent -= 1 }
            } else {
                if !fraction { result.exponent += 1 }
                if d != 0 { result.truncated = true }
            }
        }
        // Integer part.
        while i < n {
            let byte = b[i]
            let d = byte &- zero
            if d <= 9 {
                take(d, fraction: false)
                if groupDigits >= 0 { groupDigits += 1 }
                i += 1
            } else if byte == UInt8(ascii: ","), !decimalComma, digits > 0, groupDigits == -1 || groupDigits == 3 {
                if groupDigits == -1 && digits > 3 { return nil }
                groupDigits = 0
                i += 1
            } else {
                break
            }
        }
        if groupDigits >= 0 && groupDigits != 3 { return nil }
        // Fraction.
        if i < n && (b[i] == UInt8(ascii: ".") || (decimalComma && b[i] == UInt8(ascii: ","))) {
            i += 1
            while i < n {
                let d = b[i] &- zero
                guard d <= 9 else { break }
                take(d, fraction: true)
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        // Exponent.
        if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            var negative = false
            if i < n && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) {
                negative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0, expDigits = 0
            while i < n {
                let d = b[i] &- zero
                guard d <= 9 else { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            result.exponent += negative ? -exponent : exponent
        }
        return i == n ? result : nil
    }

    private static let powersOfTen: [Double] = (0...22).map { k in
        var value = 1.0
        for _ in 0..<k { value *= 10 }
        return value
    }
}
