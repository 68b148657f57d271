import CCairo
import Foundation

/// Width and vertical metrics of a run of text, in points.
public struct TextMetrics: Hashable, Sendable {
    /// Advance width: how far the pen moves; what layout uses.
    public var width: Double
    /// Font ascent above the baseline.
    public var ascent: Double
    /// Font descent below the baseline (positive).
    public var descent: Double
    /// Distance between baselines of consecutive lines (font size × 1.3).
    public var lineHeight: Double
}

extension Canvas {
    // MARK: Measuring

    /// Measures `text` in `style` (advance width and font ascent/descent).
    public func measure(_ text: String, style: TextStyle) -> TextMetrics {
        select(style)
        var font = cairo_font_extents_t()
        cairo_font_extents(context, &font)
        return TextMetrics(width: advance(Self.clean(text)), ascent: font.ascent,
                           descent: font.descent, lineHeight: style.size * 1.3)
    }

    /// The advance width of `text` in `style`.
    public func width(of text: String, style: TextStyle) -> Double {
        select(style)
        return advance(Self.clean(text))
    }

    // MARK: Drawing

    /// Draws one line of `text` with its baseline at `point.y`, aligned to `point.x`.
    public func drawText(_ text: String, at point: CGPoint, style: TextStyle,
                         alignment: TextAlignment = .left) {
        guard point.isFinite else { return }
        let line = Self.clean(text)
        guard !line.isEmpty else { return }
        select(style)
        let w = advance(line)
        let x: Double
        switch alignment {
        case .left: x = point.x
        case .center: x = point.x - w / 2
        case .right: x = point.x - w
        }
        setColor(style.color)
        cairo_move_to(context, x, point.y)
        cairo_show_text(context, line)
        cairo_new_path(context)
    }

    /// Draws one line of `text` inside `rect`, vertically centred, truncated with "…" to fit.
    public func drawText(_ text: String, in rect: CGRect, style: TextStyle,
                         alignment: TextAlignment = .left) {
        guard rect.isDrawable else { return }
        let line = truncate(text, toWidth: rect.width, style: style)
        let m = measure(line, style: style)
        let baseline = rect.midY + (m.ascent - m.descent) / 2
        let x = alignment == .left ? rect.minX : alignment == .center ? rect.midX : rect.maxX
        drawText(line, at: CGPoint(x: x, y: baseline), style: style, alignment: alignment)
    }

    /// Draws `text` wrapped to `rect.width` from the top of `rect`, at most `maxLines` lines (and
    /// no more than fit in `rect.height`), the last one ending in "…" when text is left over.
    /// - Returns: The height used, in points (lines × line height; 0 for empty text).
    @discardableResult
    public func drawWrappedText(_ text: String, in rect: CGRect, style: TextStyle,
                                alignment: TextAlignment = .left, maxLines: Int = .max,
                                breaksWords: Bool = true) -> Double {
        guard rect.width.isFinite, rect.height.isFinite, rect.width > 0 else { return 0 }
        let m = measure("", style: style)
        let fitting = max(1, Int(((rect.height - m.ascent - m.descent) / m.lineHeight).rounded(.down)) + 1)
        let lines = wrap(text, toWidth: rect.width, style: style, maxLines: min(maxLines, fitting),
                         breaksWords: breaksWords)
        for (i, line) in lines.enumerated() {
            let baseline = rect.minY + m.ascent + Double(i) * m.lineHeight
            let x = alignment == .left ? rect.minX : alignment == .center ? rect.midX : rect.maxX
            drawText(line, at: CGPoint(x: x, y: baseline), style: style, alignment: alignment)
        }
        return lines.isEmpty ? 0 : Double(lines.count - 1) * m.lineHeight + m.ascent + m.descent
    }

    /// The height `drawWrappedText` would use for `text` at `width` with `maxLines`.
    public func wrappedHeight(_ text: String, width: Double, style: TextStyle, maxLines: Int = .max) -> Double {
        let lines = wrap(text, toWidth: width, style: style, maxLines: maxLines)
        guard !lines.isEmpty else { return 0 }
        let m = measure("", style: style)
        return Double(lines.count - 1) * m.lineHeight + m.ascent + m.descent
    }

    // MARK: Fitting

    /// `text` cut to fit `width`, ending in "…" when cut; "" when not even "…" fits.
    ///
    /// Cuts fall between grapheme clusters, so combining marks and emoji sequences stay whole.
    public func truncate(_ text: String, toWidth width: Double, style: TextStyle) -> String {
        select(style)
        guard width.isFinite, width > 0 else { return "" }
        // No line holds thousands of characters: measure only a prefix of very long text.
        if text.utf8.count > Self.measuredLimit * 4 {
            return ellipsized(Array(Self.clean(String(text.prefix(Self.measuredLimit)))), toWidth: width, forced: true)
        }
        let line = Self.clean(text)
        if advance(line) <= width { return line }
        return ellipsized(Array(line), toWidth: width)
    }

    /// Characters of a single line worth measuring: more never fit any page or chart.
    static let measuredLimit = 4000

    /// Breaks `text` into lines no wider than `width`: at spaces where possible, between characters
    /// where a word alone is too wide, and at newlines. With more lines than `maxLines`, the last
    /// kept line ends in "…". Every returned line measures at most `width`. Empty or blank text
    /// gives no lines.
    /// - Parameter breaksWords: Split a word too wide for a line across lines (default true); when
    ///   false such a word is cut with "…" on its own line instead (better for short labels).
    public func wrap(_ text: String, toWidth width: Double, style: TextStyle, maxLines: Int = .max,
                     breaksWords: Bool = true) -> [String] {
        guard width.isFinite, width > 0, maxLines > 0,
              text.contains(where: { !$0.isWhitespace }) else { return [] }
        select(style)
        var lines: [String] = []
        // With a line budget, text far beyond what the lines can hold is cut before it is split.
        let budget = maxLines == .max ? Int.max : maxLines.multipliedReportingOverflow(by: Self.measuredLimit / 8).partialValue
        let head = text.prefix(budget)
        var overflow = head.endIndex != text.endIndex
        let text = overflow ? String(head) : text
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
        paragraphLoop: for (p, paragraph) in paragraphs.enumerated() {
            let isLastParagraph = p == paragraphs.count - 1
            if lines.count >= maxLines { overflow = true; break }
            var words = Self.clean(String(paragraph)).split(separator: " ").map(String.init)
            if words.isEmpty {
                // An empty paragraph is a blank line, except a trailing one after text.
                if !isLastParagraph || lines.isEmpty { lines.append("") }
                continue
            }
            var current = ""
            var index = 0
            while index < words.count {
                let word = words[index]
                let candidate = current.isEmpty ? word : current + " " + word
                if advance(candidate) <= width {
                    current = candidate
                    index += 1
                    continue
                }
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                    if lines.count >= maxLines { overflow = true; break paragraphLoop }
                    continue
                }
                let chars = Array(word)
                if !breaksWords {
                    let cut = ellipsized(chars, toWidth: width)
                    if cut.isEmpty { overflow = true; break paragraphLoop }
                    lines.append(cut)
                    index += 1
                    if lines.count >= maxLines && (index < words.count || p + 1 < paragraphs.count) {
                        overflow = true; break paragraphLoop
                    }
                    continue
                }
                // A single word wider than the line: break it between characters.
                let fit = longestPrefix(chars, fitting: width, suffix: "")
                if fit == 0 { overflow = true; break paragraphLoop }  // not even one character fits
                lines.append(String(chars[..<fit]))
                words[index] = String(chars[fit...])
                if lines.count >= maxLines { overflow = true; break paragraphLoop }
            }
            if !current.isEmpty { lines.append(current) }
        }
        if lines.count > maxLines { lines.removeLast(lines.count - maxLines); overflow = true }
        // A trailing blank line never carries the ellipsis on its own.
        while overflow, lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        if overflow {
            if lines.isEmpty { return advance("…") <= width ? ["…"] : [] }
            let last = lines.removeLast()
            let marked = ellipsized(Array(last), toWidth: width, forced: true)
            lines.append(marked)
        }
        return lines
    }

    // MARK: Internals

    func select(_ style: TextStyle) {
        cairo_select_font_face(context, style.family, CAIRO_FONT_SLANT_NORMAL,
                               style.weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, style.size)
    }

    /// Advance width of `text` in the selected font.
    func advance(_ text: String) -> Double {
        guard !text.isEmpty else { return 0 }
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance.isFinite ? extents.x_advance : 0
    }

    /// The largest n such that the first n characters plus `suffix` fit in `width`.
    func longestPrefix(_ chars: [Character], fitting width: Double, suffix: String) -> Int {
        var low = 0, high = chars.count
        while low < high {
            let mid = (low + high + 1) / 2
            if advance(String(chars[..<mid]) + suffix) <= width { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// `chars` cut so that text + "…" fits `width`. Unless `forced`, text that already fits is kept whole.
    func ellipsized(_ chars: [Character], toWidth width: Double, forced: Bool = false) -> String {
        let whole = String(chars)
        if !forced && advance(whole) <= width { return whole }
        guard advance("…") <= width else { return "" }
        // Very long text: only a prefix can ever fit, so bound the search.
        let bounded = chars.count > Self.measuredLimit ? Array(chars[..<Self.measuredLimit]) : chars
        let n = longestPrefix(bounded, fitting: width, suffix: "…")
        var head = String(bounded[..<n])
        while head.last == " " { head.removeLast() }
        return head + "…"
    }

    /// Text safe to hand to Cairo: control characters (NUL included) become spaces, except newlines
    /// in wrap input, which are split off before this is called.
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        return String(out)
    }
}
