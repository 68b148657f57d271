/// What a cell format looks like, as a plain value; `Workbook.addFormat(_:)` turns it into a
/// `Format`. Equal specs share one format in the file.
///
/// Every property defaults to "as Excel's default style" (Calibri 11, no fill, general number
/// format, no border).
///
/// ```swift
/// let header = try workbook.addFormat(FormatSpec(bold: true, fillColor: Color(rgb: 0xDDEBF7),
///                                                bottomBorder: .thin))
/// let percent = try workbook.addFormat(FormatSpec(numberFormat: "0.00%"))
/// ```
public struct FormatSpec: Hashable, Sendable {
    /// Horizontal placement of the cell's content.
    public enum HorizontalAlignment: Hashable, Sendable {
        /// Flush left.
        case left
        /// Centred in the cell.
        case center
        /// Flush right.
        case right
        /// Repeat the content to fill the cell.
        case fill
        /// Justified text.
        case justify
        /// Centred across this and the following empty cells with the same format.
        case centerAcross
    }

    /// Vertical placement of the cell's content.
    public enum VerticalAlignment: Hashable, Sendable {
        /// At the top.
        case top
        /// In the middle.
        case center
        /// At the bottom (Excel's default).
        case bottom
    }

    /// A border line style.
    public enum BorderStyle: Hashable, Sendable {
        /// Thin solid line.
        case thin
        /// Medium solid line.
        case medium
        /// Thick solid line.
        case thick
        /// Dashed line.
        case dashed
        /// Dotted line.
        case dotted
        /// Double line.
        case double
        /// Hairline.
        case hair
    }

    /// Bold font. Default `false`.
    public var bold: Bool
    /// Italic font. Default `false`.
    public var italic: Bool
    /// Single underline. Default `false`.
    public var underline: Bool
    /// Font family name. Default `nil`: Calibri.
    public var fontName: String?
    /// Font size in points. Default `nil`: 11.
    public var fontSize: Double?
    /// Font colour. Default `nil`: automatic (black).
    public var fontColor: Color?
    /// Solid background fill. Default `nil`: none.
    public var fillColor: Color?
    /// Excel number format such as `"0.00%"`, `"#,##0"` or `"yyyy-mm-dd hh:mm"`. Default `nil`: General.
    public var numberFormat: String?
    /// Horizontal alignment. Default `nil`: Excel's (text left, numbers right).
    public var horizontalAlignment: HorizontalAlignment?
    /// Vertical alignment. Default `nil`: bottom.
    public var verticalAlignment: VerticalAlignment?
    /// Wrap long text onto several lines. Default `false`.
    public var wrapText: Bool
    /// Border on all four sides. Default `nil`: none.
    public var border: BorderStyle?
    /// Border below the cell only (header rows); applied after `border`. Default `nil`.
    public var bottomBorder: BorderStyle?
    /// Colour of the borders. Default `nil`: automatic (black).
    public var borderColor: Color?
    /// Excel's hyperlink cell style (blue, underlined). Default `false`.
    public var hyperlink: Bool
    /// Text rotation in degrees, -90...90, or 270 for stacked text. Default `nil`: none.
    public var textRotation: Int?
    /// Indent level for left-aligned text. Default `nil`: none.
    public var indent: Int?
    /// Thin diagonal lines of this colour over the fill (`fillColor`, else white), to mark a
    /// cell whose value is less certain. Default `nil`: none.
    public var hatchColor: Color?

    /// A format spec; every parameter's default is the one stated on its property.
    public init(bold: Bool = false, italic: Bool = false, underline: Bool = false,
                fontName: String? = nil, fontSize: Double? = nil, fontColor: Color? = nil,
                fillColor: Color? = nil, numberFormat: String? = nil,
                horizontalAlignment: HorizontalAlignment? = nil,
                verticalAlignment: VerticalAlignment? = nil, wrapText: Bool = false,
                border: BorderStyle? = nil, bottomBorder: BorderStyle? = nil,
                borderColor: Color? = nil, hyperlink: Bool = false,
                textRotation: Int? = nil, indent: Int? = nil, hatchColor: Color? = nil) {
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontName = fontName
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fillColor = fillColor
        self.numberFormat = numberFormat
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.wrapText = wrapText
        self.border = border
        self.bottomBorder = bottomBorder
        self.borderColor = borderColor
        self.hyperlink = hyperlink
        self.textRotation = textRotation
        self.indent = indent
        self.hatchColor = hatchColor
    }
}

/// A cell format registered with one workbook. Make it with `Workbook.addFormat(_:)`; pass it to
/// `Worksheet.write…(…, format:)`. Using it with another workbook throws `XLSXError.foreignObject`.
public struct Format: Hashable {
    /// The spec this format was built from.
    public let spec: FormatSpec
    /// Position in the owning workbook's format table.
    let index: Int
    /// The owning workbook, kept alive as long as the format is.
    let workbook: Workbook

    public static func == (lhs: Format, rhs: Format) -> Bool {
        lhs.workbook === rhs.workbook && lhs.index == rhs.index
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(workbook))
        hasher.combine(index)
    }
}
