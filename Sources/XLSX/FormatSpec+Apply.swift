import CXlsxWriter

extension FormatSpec {
    static func validate(_ spec: FormatSpec) throws(XLSXError) {
        if let rotation = spec.textRotation, !((-90...90).contains(rotation) || rotation == 270) {
            throw .invalidArgument("text rotation \(rotation)° is not in -90...90 or 270")
        }
        if let size = spec.fontSize, !(size > 0 && size <= 409) {
            throw .invalidArgument("font size \(size) is not in (0, 409]")
        }
        if let indent = spec.indent, !(0...15).contains(indent) {
            throw .invalidArgument("indent \(indent) is not in 0...15")
        }
    }

    /// Sets every property of the spec on a fresh libxlsxwriter format.
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let fontName { format_set_font_name(format, fontName) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let fontColor { format_set_font_color(format, fontColor.lxwValue) }
        if let hatchColor {
            // A pattern draws its lines in the foreground colour over the background colour.
            format_set_pattern(format, UInt8(LXW_PATTERN_LIGHT_UP.rawValue))
            format_set_fg_color(format, hatchColor.lxwValue)
            format_set_bg_color(format, (fillColor ?? .white).lxwValue)
        } else if let fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fillColor.lxwValue)
        }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if let horizontalAlignment { format_set_align(format, horizontalAlignment.lxwValue) }
        if let verticalAlignment { format_set_align(format, verticalAlignment.lxwValue) }
        if wrapText { format_set_text_wrap(format) }
        if let border { format_set_border(format, border.lxwValue) }
        if let bottomBorder { format_set_bottom(format, bottomBorder.lxwValue) }
        if let borderColor { format_set_border_color(format, borderColor.lxwValue) }
        if hyperlink { format_set_hyperlink(format) }
        if let textRotation { format_set_rotation(format, Int16(textRotation)) }
        if let indent { format_set_indent(format, UInt8(indent)) }
    }
}

extension FormatSpec.HorizontalAlignment {
    var lxwValue: UInt8 {
        switch self {
        case .left: UInt8(LXW_ALIGN_LEFT.rawValue)
        case .center: UInt8(LXW_ALIGN_CENTER.rawValue)
        case .right: UInt8(LXW_ALIGN_RIGHT.rawValue)
        case .fill: UInt8(LXW_ALIGN_FILL.rawValue)
        case .justify: UInt8(LXW_ALIGN_JUSTIFY.rawValue)
        case .centerAcross: UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue)
        }
    }
}

extension FormatSpec.VerticalAlignment {
    var lxwValue: UInt8 {
        switch self {
        case .top: UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)
        case .center: UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)
        case .bottom: UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue)
        }
    }
}

extension FormatSpec.BorderStyle {
    var lxwValue: UInt8 {
        switch self {
        case .thin: UInt8(LXW_BORDER_THIN.rawValue)
        case .medium: UInt8(LXW_BORDER_MEDIUM.rawValue)
        case .thick: UInt8(LXW_BORDER_THICK.rawValue)
        case .dashed: UInt8(LXW_BORDER_DASHED.rawValue)
        case .dotted: UInt8(LXW_BORDER_DOTTED.rawValue)
        case .double: UInt8(LXW_BORDER_DOUBLE.rawValue)
        case .hair: UInt8(LXW_BORDER_HAIR.rawValue)
        }
    }
}
