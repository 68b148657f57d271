import CCairo
import CPango
import Foundation

/// A canvas's text engine: one Pango layout, reused for every string the canvas measures or draws.
///
/// Pango does the work: font fallback through fontconfig (a character the style's family lacks is
/// drawn with an installed font that has it), shaping with HarfBuzz (Arabic joining, Indic and
/// Thai clusters, combining marks, emoji sequences), right-to-left runs, wrapping at word (else
/// character) boundaries and ellipsizing at grapheme boundaries. Font descriptions and the
/// primary font's metrics are cached per family, size and weight.
///
/// Positions are not rounded to pixels and metrics are not hinted, so text measures the same on
/// PNG (at any scale) and PDF.
///
/// Every canvas in the process shares one Pango font map, so fontconfig's fallback lists, the
/// fonts and HarfBuzz's shaping tables are built once rather than once per rendering thread (the
/// per-thread maps of `pango_cairo_font_map_get_default` cost each thread the same work again, and
/// memory). Pango's font maps are not thread-safe: every call into Pango holds ``pango``. A layout
/// still belongs to its canvas; use it from one task at a time.
final class TextLayout {
    /// The font map of every canvas.
    nonisolated(unsafe) private static let fontMap: UnsafeMutablePointer<PangoFontMap> = pango_cairo_font_map_new()
    /// Held for every call into Pango: they all reach the shared font map and its fonts.
    /// Recursive, because laying out asks for the font's metrics, which lays out.
    private static let pango = NSRecursiveLock()

    /// The Pango context, made from the canvas's Cairo context (its scale included).
    private let context: OpaquePointer
    /// The one `PangoLayout`, configured anew by each ``set(_:style:width:height:alignment:)``.
    private let layout: OpaquePointer
    private var fonts: [FontKey: OpaquePointer] = [:]
    private var metrics: [FontKey: (ascent: Double, descent: Double)] = [:]
    /// Widths of single lines already measured on this canvas (see ``width(of:style:maxWidth:)``).
    private var widths: [WidthKey: Double] = [:]

    /// What selects a font: the parts of a ``TextStyle`` other than colour.
    private struct FontKey: Hashable {
        var family: String
        var size: Double
        var weight: TextStyle.Weight
        init(_ style: TextStyle) { family = style.family; size = style.size; weight = style.weight }
    }

    /// What decides the width of one line: its text, font and the width it is cut at.
    private struct WidthKey: Hashable {
        var text: String
        var font: FontKey
        var maxWidth: Double?
    }

    /// A text engine for `cairo`, with `options` (hinting off) given to Pango as well.
    init(cairo: OpaquePointer, options: OpaquePointer) {
        (context, layout) = Self.pango.withLock {
            // What pango_cairo_create_context does, with the shared map instead of the thread's.
            let context = pango_font_map_create_context(Self.fontMap)!
            pango_cairo_update_context(cairo, context)
            pango_cairo_context_set_font_options(context, options)
            pango_context_set_round_glyph_positions(context, 0)
            let layout = pango_layout_new(context)!
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            return (context, layout)
        }
    }

    deinit {
        Self.pango.withLock {
            g_object_unref(UnsafeMutableRawPointer(layout))
            g_object_unref(UnsafeMutableRawPointer(context))
            for font in fonts.values { pango_font_description_free(font) }
        }
    }

    // MARK: Laying out

    /// Lays out `text` in `style`.
    /// - Parameters:
    ///   - width: Line width in points. Nil: one line per paragraph, as wide as the text.
    ///   - height: With `width`: nil keeps one line per paragraph, ending in "…" where it is wider
    ///     than `width`; infinity wraps lines at `width`; a positive height wraps them and ends the
    ///     last line that fits in it with "…" when text is left over (at least one line shows);
    ///     -n keeps n lines of each paragraph, the last one ending in "…".
    ///   - alignment: Where lines sit inside `width`; `.left` is the paragraph's start (the right
    ///     edge for right-to-left text), `.right` its end.
    func set(_ text: String, style: TextStyle, width: Double? = nil, height: Double? = nil,
             alignment: TextAlignment = .left) {
        Self.pango.lock(); defer { Self.pango.unlock() }
        let scale = Double(PANGO_SCALE)
        let m = fontMetrics(for: style)
        pango_layout_set_font_description(layout, font(for: style))
        // Lines of the primary font are 1.3 × size apart; taller fallback fonts (CJK) push theirs apart.
        pango_layout_set_spacing(layout, Int32((max(0, style.size * 1.3 - m.ascent - m.descent) * scale).rounded()))
        switch alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        func units(_ points: Double) -> Int32 { Int32(clamping: Int((max(0, points) * scale).rounded(.down))) }
        if let width, width.isFinite {
            pango_layout_set_width(layout, units(width))
            if let height, height.isInfinite {
                pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
                pango_layout_set_height(layout, -1)
            } else {
                pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
                pango_layout_set_height(layout, height.map { $0 < 0 ? Int32(clamping: Int($0)) : units($0) } ?? -1)
            }
        } else {
            pango_layout_set_width(layout, -1)
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
            pango_layout_set_height(layout, -1)
        }
        pango_layout_set_text(layout, text, -1)
        if width != nil && height == nil { keepGraphemesWhole(text) }
    }

    /// Narrows an ellipsized line until the cut falls between grapheme clusters as Unicode
    /// defines them. Pango 1.50 cuts where its cursor may stop, which can split a cluster with a
    /// spacing mark (Thai "กำ" becomes "ก…").
    private func keepGraphemesWhole(_ text: String) {
        while let hidden = hiddenFrom, hidden > 0, !Self.isGraphemeBoundary(hidden, in: text) {
            var w: Int32 = 0
            pango_layout_get_size(layout, &w, nil)
            guard w > 1 else { return }
            pango_layout_set_width(layout, w - 1)
        }
    }

    /// Whether UTF-8 offset `offset` falls between two grapheme clusters of `text`.
    static func isGraphemeBoundary(_ offset: Int, in text: String) -> Bool {
        let target = text.utf8.index(text.startIndex, offsetBy: offset)
        var index = text.startIndex
        while index < target { index = text.index(after: index) }
        return index == target
    }

    /// The width of one line of `text` in `style`, cut with "…" at `maxWidth` if given, as
    /// ``set(_:style:width:height:alignment:)`` lays it out. Remembered per canvas: charts measure
    /// the same labels again and again (a two-year daily chart measures its 730 day labels in each
    /// panel), and the same text, font and width always lay out alike. The layout is left holding
    /// `text` only when it was laid out now.
    func width(of text: String, style: TextStyle, maxWidth: Double?) -> Double {
        let key = WidthKey(text: text, font: FontKey(style), maxWidth: maxWidth)
        if let known = widths[key] { return known }
        set(text, style: style, width: maxWidth)
        let width = size.width
        if widths.count >= 4096 { widths.removeAll(keepingCapacity: true) }
        widths[key] = width
        return width
    }

    // MARK: Results

    /// Width and height of the laid-out text (its logical extents), in points.
    var size: CGSize {
        Self.pango.lock(); defer { Self.pango.unlock() }
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return CGSize(width: Double(w) / Double(PANGO_SCALE), height: Double(h) / Double(PANGO_SCALE))
    }

    /// Left edge of the text inside the layout (non-zero when lines are aligned inside a width).
    var inkStart: Double {
        Self.pango.lock(); defer { Self.pango.unlock() }
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.x) / Double(PANGO_SCALE)
    }

    /// Distance from the top of the layout to the first line's baseline, in points.
    var baseline: Double {
        Self.pango.lock(); defer { Self.pango.unlock() }
        return Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
    }

    /// Number of lines after wrapping.
    var lineCount: Int {
        Self.pango.lock(); defer { Self.pango.unlock() }
        return Int(pango_layout_get_line_count(layout))
    }

    /// Bottom of line `index` (0-based) from the top of the layout, in points.
    func bottom(ofLine index: Int) -> Double {
        Self.pango.lock(); defer { Self.pango.unlock() }
        guard let iter = pango_layout_get_iter(layout) else { return 0 }
        defer { pango_layout_iter_free(iter) }
        var line = 0
        while line < index, pango_layout_iter_next_line(iter) != 0 { line += 1 }
        var y0: Int32 = 0, y1: Int32 = 0
        pango_layout_iter_get_line_yrange(iter, &y0, &y1)
        return Double(y1) / Double(PANGO_SCALE)
    }

    /// Whether Pango replaced part of the text with "…".
    var isEllipsized: Bool {
        Self.pango.lock(); defer { Self.pango.unlock() }
        return pango_layout_is_ellipsized(layout) != 0
    }

    /// Where the hidden text starts, as a UTF-8 offset into the text, when the layout is
    /// ellipsized; nil when all of it shows. Pango's ellipsis run stands for the hidden text.
    var hiddenFrom: Int? {
        Self.pango.lock(); defer { Self.pango.unlock() }
        guard isEllipsized, let line = pango_layout_get_line_readonly(layout, Int32(lineCount - 1)) else { return nil }
        var start: Int?
        var run = line.pointee.runs
        while let node = run {
            if let item = node.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self).pointee.item {
                let offset = Int(item.pointee.offset)
                if start == nil || offset > start! { start = offset }
            }
            run = node.pointee.next
        }
        return start
    }

    /// Characters that no installed font has, drawn as boxes, each once in order of first use.
    var missingCharacters: [Unicode.Scalar] {
        Self.pango.lock(); defer { Self.pango.unlock() }
        guard pango_layout_get_unknown_glyphs_count(layout) > 0 else { return [] }
        var found: [Unicode.Scalar] = []
        let count = lineCount
        for index in 0..<count {
            guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
            var run = line.pointee.runs
            while let node = run {
                if let glyphs = node.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self).pointee.glyphs {
                    for g in 0..<Int(glyphs.pointee.num_glyphs) {
                        let glyph = glyphs.pointee.glyphs[g].glyph
                        // An unknown glyph is the character's code point with 0x10000000 set.
                        guard glyph & 0xF000_0000 == 0x1000_0000,
                              let scalar = Unicode.Scalar(glyph & 0x0FFF_FFFF), !found.contains(scalar) else { continue }
                        found.append(scalar)
                    }
                }
                run = node.pointee.next
            }
        }
        return found
    }

    /// Ascent and descent of `style`'s primary font (what an empty line measures), in points.
    func fontMetrics(for style: TextStyle) -> (ascent: Double, descent: Double) {
        Self.pango.lock(); defer { Self.pango.unlock() }
        let key = FontKey(style)
        if let known = metrics[key] { return known }
        pango_layout_set_font_description(layout, font(for: style))
        pango_layout_set_width(layout, -1)
        pango_layout_set_height(layout, -1)
        pango_layout_set_text(layout, "", 0)
        let h = size.height
        let value = (ascent: baseline, descent: h - baseline)
        metrics[key] = value
        return value
    }

    // MARK: Drawing

    /// Draws the layout with its top left corner at `origin`, in `color`.
    func draw(on cairo: OpaquePointer, at origin: CGPoint, color: RGBColor) {
        Self.pango.lock(); defer { Self.pango.unlock() }
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
        cairo_move_to(cairo, origin.x, origin.y)
        pango_cairo_show_layout(cairo, layout)
        cairo_new_path(cairo)
    }

    // MARK: Fonts

    private func font(for style: TextStyle) -> OpaquePointer {
        let key = FontKey(style)
        if let known = fonts[key] { return known }
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_weight(font, style.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        fonts[key] = font
        return font
    }
}
