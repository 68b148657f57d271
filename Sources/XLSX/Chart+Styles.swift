import CXlsxWriter

extension Chart {
    /// Where the legend goes.
    public enum LegendPosition: Hashable, Sendable {
        /// Right of the plot (Excel's default).
        case right
        /// Left of the plot.
        case left
        /// Above the plot.
        case top
        /// Below the plot.
        case bottom
        /// No legend.
        case none
    }

    /// Marker shapes for series points.
    public enum MarkerShape: Hashable, Sendable {
        /// Excel picks one per series.
        case automatic
        /// No markers.
        case none
        /// Square.
        case square
        /// Diamond.
        case diamond
        /// Triangle.
        case triangle
        /// Cross.
        case x
        /// Star.
        case star
        /// Circle.
        case circle
        /// Plus sign.
        case plus
        // libxlsxwriter 1.1.4's short and long dash markers write `short_dash`/`long_dash`, which
        // the OOXML schema lacks (openpyxl refuses the file), so they are not offered.

        var lxwValue: UInt8 {
            let value: UInt32 = switch self {
            case .automatic: LXW_CHART_MARKER_AUTOMATIC.rawValue
            case .none: LXW_CHART_MARKER_NONE.rawValue
            case .square: LXW_CHART_MARKER_SQUARE.rawValue
            case .diamond: LXW_CHART_MARKER_DIAMOND.rawValue
            case .triangle: LXW_CHART_MARKER_TRIANGLE.rawValue
            case .x: LXW_CHART_MARKER_X.rawValue
            case .star: LXW_CHART_MARKER_STAR.rawValue
            case .circle: LXW_CHART_MARKER_CIRCLE.rawValue
            case .plus: LXW_CHART_MARKER_PLUS.rawValue
            }
            return UInt8(value)
        }
    }

    /// How one series is drawn. Every property defaults to Excel's automatic choice.
    public struct SeriesStyle: Hashable, Sendable {
        /// Line and marker colour. Default `nil`: Excel's palette.
        public var color: Color?
        /// Draw the connecting line (line and scatter charts). Default `true`; scatter charts
        /// show markers only unless a `lineWidth` is also given.
        public var showsLine: Bool
        /// Line width in points. Default `nil`: Excel's (2.25 pt for line charts).
        public var lineWidth: Double?
        /// Marker shape. Default `nil`: the chart type's default (none for line charts).
        public var marker: MarkerShape?
        /// Marker size, 2...72. Default `nil`: Excel's (5 or 7).
        public var markerSize: Int?
        /// Smooth the line (line and scatter charts). Default `false`.
        public var smooth: Bool
        /// Fill the bars (bar and column charts). Default `true`; an unfilled series without a
        /// line is invisible, the offset of floating bars.
        public var filled: Bool

        /// A style; every parameter's default is the one stated on its property.
        public init(color: Color? = nil, showsLine: Bool = true, lineWidth: Double? = nil,
                    marker: MarkerShape? = nil, markerSize: Int? = nil, smooth: Bool = false, filled: Bool = true) {
            self.color = color
            self.showsLine = showsLine
            self.lineWidth = lineWidth
            self.marker = marker
            self.markerSize = markerSize
            self.smooth = smooth
            self.filled = filled
        }

        /// Neither line nor markers: a series that only feeds high-low lines (interval ends).
        public static let hidden = SeriesStyle(showsLine: false, marker: MarkerShape.none)

        /// Bars with neither fill nor border: the offset under floating bars.
        public static let invisibleBars = SeriesStyle(showsLine: false, filled: false)

        /// Markers without a connecting line, e.g. the estimate inside an interval.
        public static func markersOnly(_ marker: MarkerShape = .circle, color: Color? = nil,
                                       size: Int? = nil) -> SeriesStyle {
            SeriesStyle(color: color, showsLine: false, marker: marker, markerSize: size)
        }
    }
}
