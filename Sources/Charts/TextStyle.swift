/// How a run of text looks: family, size, weight and colour.
public struct TextStyle: Hashable, Sendable {
    /// Font weight: the family's regular or bold face.
    public enum Weight: Hashable, Sendable {
        /// The regular ("Book") face.
        case regular
        /// The bold face.
        case bold
    }

    /// Font family name passed to Cairo. Default "DejaVu Sans".
    public var family: String
    /// Size in points. Default 10.
    public var size: Double
    /// Regular or bold. Default regular.
    public var weight: Weight
    /// Text colour. Default near-black #222222.
    public var color: RGBColor

    /// A text style; every argument has the default stated on its property.
    public init(family: String = "DejaVu Sans", size: Double = 10, weight: Weight = .regular,
                color: RGBColor = RGBColor(hex: 0x222222)) {
        self.family = family
        self.size = size.isFinite && size > 0 ? size : 10
        self.weight = weight
        self.color = color
    }

    /// The same style in bold.
    public var bold: TextStyle { var s = self; s.weight = .bold; return s }
    /// The same style at `size` points.
    public func sized(_ size: Double) -> TextStyle { TextStyle(family: family, size: size, weight: weight, color: color) }
    /// The same style in `color`.
    public func colored(_ color: RGBColor) -> TextStyle { var s = self; s.color = color; return s }
}

/// Horizontal placement of text relative to a point or inside a box.
public enum TextAlignment: Hashable, Sendable {
    /// Text starts at the point (or the box's left edge).
    case left
    /// Text is centred on the point (or in the box).
    case center
    /// Text ends at the point (or the box's right edge).
    case right
}

extension ChartTheme {
    /// A text style in this theme's font family.
    public func text(size: Double, weight: TextStyle.Weight = .regular, color: RGBColor? = nil) -> TextStyle {
        TextStyle(family: fontFamily, size: size, weight: weight, color: color ?? textColor)
    }
}
