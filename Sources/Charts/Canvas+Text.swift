import Foundation

/// Width and vertical metrics of a run of text, in points.
public struct TextMetrics: Hashable, Sendable {
    /// Advance width: how far the pen moves; what layout uses.
    public var width: Double
    /// Ascent of the style's font above the baseline.
    public var ascent: Double
    /// Descent of the style's font below the baseline (positive).
    public var descent: Double
    /// Distance between baselines of consecutive lines in the style's font (size × 1.3; lines
    /// drawn with a taller fallback font, such as CJK, are further apart).
    public var lineHeight: Double
}

/// Text on a canvas, laid out by Pango (see ``TextLayout``): characters the style's family lacks
/// come from another installed font, scripts are shaped, right-to-left runs read right to left,
/// and text cut to fit ends in "…" at a grapheme boundary. Control characters are drawn as spaces.
extension Canvas {
    // MARK: Measuring

    /// Measures `text` in `style` on one line (width), with the font's ascent and descent.
    public func measure(_ text: String, style: TextStyle) -> TextMetrics {
        let m = textLayout.fontMetrics(for: style)
        return TextMetrics(width: width(of: text, style: style), ascent: m.ascent, descent: m.descent,
                           lineHeight: style.size * 1.3)
    }

    /// The width of `text` in `style` on one line, or of what shows of it within `maxWidth`.
    public func width(of text: String, style: TextStyle, maxWidth: Double = .infinity) -> Double {
        let line = Self.line(text)
        guard !line.isEmpty else { return 0 }
        return textLayout.width(of: line, style: style, maxWidth: maxWidth.isFinite ? max(0, maxWidth) : nil)
    }

    /// Characters of `text` that no installed font can draw in `style` (they show as boxes), each
    /// once in order of first use; empty when all of it can be drawn.
    public func missingCharacters(in text: String, style: TextStyle) -> [Unicode.Scalar] {
        let line = Self.line(text)
        guard !line.isEmpty else { return [] }
        textLayout.set(line, style: style)
        return textLayout.missingCharacters
    }

    // MARK: Drawing

    /// Draws one line of `text` with its baseline at `point.y`, aligned to `point.x`, ending in
    /// "…" where it would be wider than `maxWidth`.
    /// - Returns: The width drawn, in points.
    @discardableResult
    public func drawText(_ text: String, at point: CGPoint, style: TextStyle,
                         alignment: TextAlignment = .left, maxWidth: Double = .infinity) -> Double {
        guard point.isFinite else { return 0 }
        let line = Self.line(text)
        guard !line.isEmpty, !(maxWidth <= 0) else { return 0 }
        textLayout.set(line, style: style, width: maxWidth.isFinite ? maxWidth : nil)
        let w = textLayout.size.width
        let left: Double
        switch alignment {
        case .left: left = point.x
        case .center: left = point.x - w / 2
        case .right: left = point.x - w
        }
        textLayout.draw(on: context, at: CGPoint(x: left - textLayout.inkStart, y: point.y - textLayout.baseline),
                        color: style.color)
        return w
    }

    /// Draws one line of `text` inside `rect`, vertically centred, ending in "…" where it does
    /// not fit. `.left` puts the text at the start of its direction (right for Arabic or Hebrew).
    public func drawText(_ text: String, in rect: CGRect, style: TextStyle,
                         alignment: TextAlignment = .left) {
        guard rect.isDrawable else { return }
        let line = Self.line(text)
        guard !line.isEmpty else { return }
        let m = textLayout.fontMetrics(for: style)
        textLayout.set(line, style: style, width: rect.width, alignment: alignment)
        let baseline = rect.midY + (m.ascent - m.descent) / 2
        textLayout.draw(on: context, at: CGPoint(x: rect.minX, y: baseline - textLayout.baseline), color: style.color)
    }

    /// Draws `text` wrapped to `rect.width` from the top of `rect`, at most `maxLines` lines (and
    /// no more than fit in `rect.height`, but at least one), the last one ending in "…" when text
    /// is left over. Lines break between words, or between characters in a word too long for a line;
    /// newlines start new lines. `.left` is the start of each paragraph's direction.
    /// - Returns: The height used, in points (0 for blank text).
    @discardableResult
    public func drawWrappedText(_ text: String, in rect: CGRect, style: TextStyle,
                                alignment: TextAlignment = .left, maxLines: Int = .max) -> Double {
        guard rect.minX.isFinite, rect.minY.isFinite,
              layOutWrapped(text, width: rect.width, height: rect.height, style: style,
                            alignment: alignment, maxLines: maxLines) else { return 0 }
        textLayout.draw(on: context, at: rect.origin, color: style.color)
        return textLayout.size.height
    }

    /// The height `drawWrappedText` would use for `text` at `width` with `maxLines`.
    public func wrappedHeight(_ text: String, width: Double, style: TextStyle, maxLines: Int = .max) -> Double {
        guard layOutWrapped(text, width: width, height: .infinity, style: style, alignment: .left,
                            maxLines: maxLines) else { return 0 }
        return textLayout.size.height
    }

    // MARK: Internals

    /// Characters of one line worth laying out: more never fit any page or chart.
    static let lineLimit = 4000

    /// Lays out `text` wrapped as ``drawWrappedText(_:in:style:alignment:maxLines:)`` draws it.
    /// - Returns: False when there is nothing to draw (blank text, no room).
    private func layOutWrapped(_ text: String, width: Double, height: Double, style: TextStyle,
                               alignment: TextAlignment, maxLines: Int) -> Bool {
        guard width.isFinite, width > 0, maxLines > 0, !(height <= 0),
              text.contains(where: { !$0.isWhitespace }) else { return false }
        // Only the start of very long text can show: lay out no more than the lines could hold.
        let shown = Self.lineLimit * min(maxLines, 25)
        var cleaned = Self.clean(String(text.prefix(shown)), keepingNewlines: true)
        while cleaned.last?.isWhitespace == true { cleaned.removeLast() }
        // Pango stops after the lines a height holds, or after `maxLines` lines of each paragraph
        // (negative height): it never lays out lines that cannot show.
        if height.isFinite {
            textLayout.set(cleaned, style: style, width: width, height: height, alignment: alignment)
        } else {
            textLayout.set(cleaned, style: style, width: width, height: maxLines < .max ? -Double(maxLines) : .infinity,
                           alignment: alignment)
        }
        if textLayout.lineCount > maxLines {
            // Several paragraphs: the height of the first `maxLines` lines, whose last one Pango ellipsizes.
            textLayout.set(cleaned, style: style, width: width, height: textLayout.bottom(ofLine: maxLines - 1),
                           alignment: alignment)
        }
        return true
    }

    /// One line of `text` to lay out: control characters and newlines as spaces, and no more
    /// characters than a line can show.
    static func line(_ text: String) -> String {
        clean(text.utf8.count > lineLimit ? String(text.prefix(lineLimit)) : text, keepingNewlines: false)
    }

    /// Text safe to lay out: control characters (NUL, tab, escape…) become spaces, and newlines
    /// too unless `keepingNewlines`; "\r\n" counts as one newline.
    static func clean(_ text: String, keepingNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if keepingNewlines && scalar == "\n" && previous == "\r" { continue }
            let isNewline = scalar == "\n" || scalar == "\r"
            if keepingNewlines && isNewline {
                out.append("\n")
            } else {
                out.append(scalar.properties.generalCategory == .control ? " " : scalar)
            }
        }
        return String(out)
    }
}
