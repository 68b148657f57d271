/// Fonts, sizes and colours shared by every chart and page helper.
///
/// The default, ``ChartTheme/standard``, uses DejaVu Sans (named explicitly so output is the same
/// on every machine that has it) and the Okabe–Ito palette, which stays distinguishable for the
/// common forms of colour blindness.
public struct ChartTheme: Hashable, Sendable {
    /// Font family given to Cairo by name. Default "DejaVu Sans".
    public var fontFamily: String
    /// Chart title size in points. Default 15.
    public var titleSize: Double
    /// Subtitle size in points. Default 10.5.
    public var subtitleSize: Double
    /// Axis tick label, legend and category label size in points. Default 9.
    public var labelSize: Double
    /// Value labels on bars and points, in points. Default 8.5.
    public var valueLabelSize: Double

    /// Space between a chart's rectangle and its content, in points. Default 16; use 0 when a
    /// page already has margins.
    public var chartPadding: Double = 16

    /// Text shown in place of a chart that has nothing to draw. Default "No data".
    public var noDataText: String = "No data"

    /// Series colours in order of use. Default: Okabe–Ito blue, orange, bluish green, vermillion,
    /// reddish purple, sky blue, yellow, grey.
    public var palette: [RGBColor]
    /// Page or chart background. Default white.
    public var background: RGBColor
    /// Title and main text colour. Default near-black #222222.
    public var textColor: RGBColor
    /// Subtitles, tick labels and notes. Default #5F5F5F.
    public var secondaryTextColor: RGBColor
    /// Axis lines and tick marks. Default #8C8C8C.
    public var axisColor: RGBColor
    /// Grid lines. Default #E4E4E4.
    public var gridColor: RGBColor
    /// Reference marks (control group, reference lines). Default #4D4D4D.
    public var referenceColor: RGBColor
    /// Cells or bars without a value. Default #E6E6E6.
    public var missingColor: RGBColor
    /// "Better" changes on KPI tiles. Default Okabe–Ito bluish green #009E73.
    public var positiveColor: RGBColor
    /// "Worse" changes on KPI tiles. Default Okabe–Ito vermillion #D55E00.
    public var negativeColor: RGBColor
    /// Heat map colour for the lowest value. Default #DEEBF7 (pale blue).
    public var heatLow: RGBColor
    /// Heat map colour for the middle value. Default #6BAED6.
    public var heatMid: RGBColor
    /// Heat map colour for the highest value. Default #08306B (deep blue).
    public var heatHigh: RGBColor
    /// Zebra stripe fill for tables. Default #F4F6F8.
    public var stripeColor: RGBColor
    /// Table header fill. Default #E9EDF1.
    public var headerFill: RGBColor

    /// The colour for series number `index`, cycling through ``palette``.
    public func color(at index: Int) -> RGBColor {
        guard !palette.isEmpty else { return textColor }
        return palette[((index % palette.count) + palette.count) % palette.count]
    }

    /// A theme with every value given; prefer ``standard`` and change what you need.
    public init(fontFamily: String, titleSize: Double, subtitleSize: Double, labelSize: Double,
                valueLabelSize: Double, palette: [RGBColor], background: RGBColor,
                textColor: RGBColor, secondaryTextColor: RGBColor, axisColor: RGBColor,
                gridColor: RGBColor, referenceColor: RGBColor, missingColor: RGBColor,
                positiveColor: RGBColor, negativeColor: RGBColor, heatLow: RGBColor,
                heatMid: RGBColor, heatHigh: RGBColor, stripeColor: RGBColor, headerFill: RGBColor) {
        self.fontFamily = fontFamily
        self.titleSize = titleSize
        self.subtitleSize = subtitleSize
        self.labelSize = labelSize
        self.valueLabelSize = valueLabelSize
        self.palette = palette
        self.background = background
        self.textColor = textColor
        self.secondaryTextColor = secondaryTextColor
        self.axisColor = axisColor
        self.gridColor = gridColor
        self.referenceColor = referenceColor
        self.missingColor = missingColor
        self.positiveColor = positiveColor
        self.negativeColor = negativeColor
        self.heatLow = heatLow
        self.heatMid = heatMid
        self.heatHigh = heatHigh
        self.stripeColor = stripeColor
        self.headerFill = headerFill
    }

    /// The default theme: DejaVu Sans, Okabe–Ito palette, white background, light grid.
    public static let standard = ChartTheme(
        fontFamily: "DejaVu Sans", titleSize: 15, subtitleSize: 10.5, labelSize: 9,
        valueLabelSize: 8.5,
        palette: [0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x999999]
            .map(RGBColor.init(hex:)),
        background: .white, textColor: RGBColor(hex: 0x222222),
        secondaryTextColor: RGBColor(hex: 0x5F5F5F), axisColor: RGBColor(hex: 0x8C8C8C),
        gridColor: RGBColor(hex: 0xE4E4E4), referenceColor: RGBColor(hex: 0x4D4D4D),
        missingColor: RGBColor(hex: 0xE6E6E6), positiveColor: RGBColor(hex: 0x009E73),
        negativeColor: RGBColor(hex: 0xD55E00), heatLow: RGBColor(hex: 0xDEEBF7),
        heatMid: RGBColor(hex: 0x6BAED6), heatHigh: RGBColor(hex: 0x08306B),
        stripeColor: RGBColor(hex: 0xF4F6F8), headerFill: RGBColor(hex: 0xE9EDF1))
}
