import XLSX

/// The workbook's heatmap colours: red at the lowest value, yellow at the middle (the account's
/// average), green at the highest, in ten steps each side so that a grid needs few cell formats.
/// Written as fixed fills, not a conditional colour scale, so that slots without posts stay
/// grey and thin slots can be hatched over their colour, as in the PNG.
struct HeatColours {
    /// The fill of a slot without posts.
    static let empty = Color(rgb: 0xD9D9D9)
    /// The lines over a thin slot.
    static let hatch = Color(rgb: 0x5F6B76)

    /// The lowest and highest value coloured; nil without values.
    let low, high: Double?
    /// The value drawn yellow: `middle` when given and within low...high, else halfway.
    let middle: Double

    init(values: [Double], middle: Double?) {
        let finite = values.filter(\.isFinite)
        let low = finite.min(), high = finite.max()
        self.low = low
        self.high = high
        self.middle = middle.map { min(max($0, low ?? $0), high ?? $0) } ?? ((low ?? 0) + (high ?? 1)) / 2
    }

    /// The fill for `value`.
    func colour(_ value: Double) -> Color {
        let red = (0xF8, 0x69, 0x6B), yellow = (0xFF, 0xEB, 0x84), green = (0x63, 0xBE, 0x7B)
        guard let low, let high, value.isFinite else { return Self.empty }
        let below = value < middle
        let span = below ? middle - low : high - middle
        let share = span > 0 ? ((below ? middle - value : value - middle) / span) : 0
        let step = (min(max(share, 0), 1) * 10).rounded() / 10
        let end = below ? red : green
        func mix(_ a: Int, _ b: Int) -> UInt32 { UInt32((Double(a) + (Double(b) - Double(a)) * step).rounded()) }
        return Color(rgb: mix(yellow.0, end.0) << 16 | mix(yellow.1, end.1) << 8 | mix(yellow.2, end.2))
    }
}
