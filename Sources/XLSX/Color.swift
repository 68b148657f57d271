/// An sRGB colour for cells, fonts, tabs and chart series, stored as `0xRRGGBB`.
///
/// ```swift
/// let accent = Color(rgb: 0x1F77B4)
/// let same = Color(hex: "#1f77b4")!
/// ```
public struct Color: Hashable, Sendable, CustomStringConvertible {
    /// The colour as `0xRRGGBB`; bits above 24 are ignored.
    public var rgb: UInt32

    /// A colour from `0xRRGGBB`.
    public init(rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }

    /// A colour from `"#RRGGBB"` or `"RRGGBB"`; nil for anything else.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(rgb: value)
    }

    /// `#RRGGBB` in upper case.
    public var description: String {
        let text = String(rgb, radix: 16, uppercase: true)
        return "#" + String(repeating: "0", count: max(0, 6 - text.count)) + text
    }

    /// Black, `#000000`.
    public static let black = Color(rgb: 0x000000)
    /// White, `#FFFFFF`.
    public static let white = Color(rgb: 0xFFFFFF)
    /// Excel's default hyperlink blue, `#0563C1`.
    public static let linkBlue = Color(rgb: 0x0563C1)
}

extension Color {
    /// The value libxlsxwriter expects: 0 means "unset" there, so black is `LXW_COLOR_BLACK`.
    var lxwValue: UInt32 { rgb == 0 ? 0x100_0000 : rgb }
}
