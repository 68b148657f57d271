import CCairo
import Foundation

/// A drawing surface in points, origin at the top left, y growing downwards.
///
/// A canvas wraps one Cairo context. You get one from ``PNGImage`` or ``PDFDocument``; charts and
/// page helpers draw on it with the primitives below and the text functions in `Canvas+Text.swift`,
/// which Pango lays out (``TextLayout``). Every font is selected by family name (the theme's,
/// "DejaVu Sans" by default, with fontconfig's fallback for characters it lacks) with hinting
/// switched off, so text measures the same on PNG and PDF.
///
/// A canvas is not thread-safe; use it from one task at a time.
public final class Canvas {
    /// The `cairo_t` this canvas owns one reference to.
    let context: OpaquePointer
    /// Width and height in points.
    public let size: CGSize
    /// Lays out and draws every string of this canvas.
    let textLayout: TextLayout

    init(surface: OpaquePointer, size: CGSize, scale: Double) {
        context = cairo_create(surface)
        self.size = size
        if scale != 1 { cairo_scale(context, scale, scale) }
        let options = cairo_font_options_create()!
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(context, options)
        textLayout = TextLayout(cairo: context, options: options)
        cairo_font_options_destroy(options)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
    }

    deinit { cairo_destroy(context) }

    /// Cairo's status text, or nil when the context is fine.
    var failure: String? {
        let status = cairo_status(context)
        guard status != CAIRO_STATUS_SUCCESS else { return nil }
        return String(cString: cairo_status_to_string(status))
    }

    /// The whole canvas as a rectangle.
    public var bounds: CGRect { CGRect(origin: .zero, size: size) }

    // MARK: Shapes

    /// Fills `rect` with `color`.
    public func fill(_ rect: CGRect, color: RGBColor) {
        guard rect.isDrawable else { return }
        setColor(color)
        cairo_rectangle(context, rect.minX, rect.minY, rect.width, rect.height)
        cairo_fill(context)
    }

    /// Fills `rect` with rounded corners of `radius` points.
    public func fillRoundedRect(_ rect: CGRect, radius: Double, color: RGBColor) {
        guard rect.isDrawable else { return }
        roundedRectPath(rect, radius: radius)
        setColor(color)
        cairo_fill(context)
    }

    /// Outlines `rect` with a line of `lineWidth` points centred on its edge.
    public func stroke(_ rect: CGRect, color: RGBColor, lineWidth: Double = 1, cornerRadius: Double = 0) {
        guard rect.isDrawable else { return }
        if cornerRadius > 0 {
            roundedRectPath(rect, radius: cornerRadius)
        } else {
            cairo_rectangle(context, rect.minX, rect.minY, rect.width, rect.height)
        }
        strokeCurrentPath(color: color, lineWidth: lineWidth, dash: [])
    }

    /// Draws a straight line; `dash` lists on/off lengths in points (empty: solid).
    public func line(from start: CGPoint, to end: CGPoint, color: RGBColor, lineWidth: Double = 1,
                     dash: [Double] = []) {
        guard start.isFinite, end.isFinite else { return }
        cairo_move_to(context, start.x, start.y)
        cairo_line_to(context, end.x, end.y)
        strokeCurrentPath(color: color, lineWidth: lineWidth, dash: dash)
    }

    /// Draws connected line segments through `points` (fewer than two points draw nothing).
    public func polyline(_ points: [CGPoint], color: RGBColor, lineWidth: Double = 2,
                         dash: [Double] = []) {
        let usable = points.filter(\.isFinite)
        guard usable.count >= 2 else { return }
        cairo_move_to(context, usable[0].x, usable[0].y)
        for p in usable.dropFirst() { cairo_line_to(context, p.x, p.y) }
        strokeCurrentPath(color: color, lineWidth: lineWidth, dash: dash)
    }

    /// Fills the polygon through `points` with `color`.
    public func fillPolygon(_ points: [CGPoint], color: RGBColor) {
        let usable = points.filter(\.isFinite)
        guard usable.count >= 3 else { return }
        cairo_move_to(context, usable[0].x, usable[0].y)
        for p in usable.dropFirst() { cairo_line_to(context, p.x, p.y) }
        cairo_close_path(context)
        setColor(color)
        cairo_fill(context)
    }

    /// Draws a circle: filled with `fill` if given, outlined with `stroke` if given.
    public func circle(center: CGPoint, radius: Double, fill: RGBColor?, stroke: RGBColor? = nil,
                       lineWidth: Double = 1) {
        guard center.isFinite, radius.isFinite, radius > 0 else { return }
        cairo_new_path(context)
        cairo_arc(context, center.x, center.y, radius, 0, 2 * Double.pi)
        if let fill {
            setColor(fill)
            if stroke != nil { cairo_fill_preserve(context) } else { cairo_fill(context) }
        }
        if let stroke { strokeCurrentPath(color: stroke, lineWidth: lineWidth, dash: []) }
        cairo_new_path(context)
    }

    /// Fills `rect` with a horizontal gradient through `colors`, evenly spaced from left to right.
    public func fillHorizontalGradient(_ rect: CGRect, colors: [RGBColor]) {
        guard rect.isDrawable, let first = colors.first else { return }
        guard colors.count > 1 else { fill(rect, color: first); return }
        let pattern = cairo_pattern_create_linear(rect.minX, 0, rect.maxX, 0)
        for (i, c) in colors.enumerated() {
            cairo_pattern_add_color_stop_rgb(pattern, Double(i) / Double(colors.count - 1),
                                             c.red, c.green, c.blue)
        }
        cairo_set_source(context, pattern)
        cairo_rectangle(context, rect.minX, rect.minY, rect.width, rect.height)
        cairo_fill(context)
        cairo_pattern_destroy(pattern)
    }

    /// Draws diagonal hatching (lines at 45°, `spacing` points apart) clipped to `rect`.
    public func hatch(_ rect: CGRect, color: RGBColor, spacing: Double = 4, lineWidth: Double = 0.8) {
        guard rect.isDrawable, spacing > 0 else { return }
        withClip(rect) {
            var offset = -rect.height
            while offset < rect.width {
                line(from: CGPoint(x: rect.minX + offset, y: rect.maxY),
                     to: CGPoint(x: rect.minX + offset + rect.height, y: rect.minY),
                     color: color, lineWidth: lineWidth)
                offset += spacing
            }
        }
    }

    /// Runs `body` with drawing clipped to `rect`, restoring the previous clip afterwards.
    public func withClip(_ rect: CGRect, _ body: () -> Void) {
        cairo_save(context)
        cairo_rectangle(context, rect.minX, rect.minY, max(0, rect.width), max(0, rect.height))
        cairo_clip(context)
        body()
        cairo_restore(context)
    }

    // MARK: Internals

    func setColor(_ color: RGBColor) {
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
    }

    private func strokeCurrentPath(color: RGBColor, lineWidth: Double, dash: [Double]) {
        setColor(color)
        cairo_set_line_width(context, lineWidth.isFinite && lineWidth > 0 ? lineWidth : 1)
        let cleanDash = dash.filter { $0.isFinite && $0 >= 0 }
        if cleanDash.isEmpty || cleanDash.allSatisfy({ $0 == 0 }) {
            cairo_set_dash(context, nil, 0, 0)
        } else {
            cleanDash.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
        }
        cairo_stroke(context)
        cairo_set_dash(context, nil, 0, 0)
    }

    private func roundedRectPath(_ rect: CGRect, radius: Double) {
        let r = max(0, min(radius, rect.width / 2, rect.height / 2))
        cairo_new_sub_path(context)
        cairo_arc(context, rect.maxX - r, rect.minY + r, r, -Double.pi / 2, 0)
        cairo_arc(context, rect.maxX - r, rect.maxY - r, r, 0, Double.pi / 2)
        cairo_arc(context, rect.minX + r, rect.maxY - r, r, Double.pi / 2, Double.pi)
        cairo_arc(context, rect.minX + r, rect.minY + r, r, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(context)
    }
}

extension CGRect {
    /// True when every coordinate is finite and the rectangle has a positive area.
    var isDrawable: Bool {
        origin.x.isFinite && origin.y.isFinite && width.isFinite && height.isFinite
            && width > 0 && height > 0
    }

    /// The rectangle shrunk by the given insets (never below zero size).
    func inset(top: Double = 0, left: Double = 0, bottom: Double = 0, right: Double = 0) -> CGRect {
        CGRect(x: minX + left, y: minY + top, width: max(0, width - left - right),
               height: max(0, height - top - bottom))
    }
}

extension CGPoint {
    var isFinite: Bool { x.isFinite && y.isFinite }
}
