import Foundation

/// Headers, footers, section titles and paragraphs for report pages.
///
/// All functions take the page's content rectangle (the page inside its margins) and draw
/// at its top or bottom edge.
///
/// ```swift
/// let page = PageFurniture()
/// let content = pdf.canvas.bounds.insetBy(dx: 40, dy: 36)
/// var y = page.drawHeader(left: "Engagement report", right: "Feb 3 – Mar 2, 2026", in: pdf.canvas, content: content)
/// y += page.drawParagraph("Impressions rose 12%.", in: pdf.canvas, rect: CGRect(x: content.minX, y: y, width: content.width, height: 200))
/// page.drawFooter(page: 1, of: 3, left: "engage 0.1", in: pdf.canvas, content: content)
/// ```
public struct PageFurniture: Sendable {
    /// Colours and fonts. Default ``ChartTheme/standard``.
    public var theme: ChartTheme
    /// Size of header and footer text. Default 8.5.
    public var smallSize: Double
    /// Size of paragraph text. Default 10.
    public var bodySize: Double
    /// Size of section titles. Default 13.
    public var sectionSize: Double

    /// Page furniture; defaults as stated on the properties.
    public init(theme: ChartTheme = .standard, smallSize: Double = 8.5, bodySize: Double = 10, sectionSize: Double = 13) {
        self.theme = theme
        self.smallSize = smallSize
        self.bodySize = bodySize
        self.sectionSize = sectionSize
    }

    /// Draws `left` (bold) and `right` (grey) on one line at the top of `content`, with a rule under them.
    /// Either text is truncated with "…" so the two never overlap.
    /// - Returns: The y coordinate just below the header and its spacing, where content can start.
    @discardableResult
    public func drawHeader(left: String, right: String, in canvas: Canvas, content: CGRect) -> Double {
        let leftStyle = theme.text(size: smallSize, weight: .bold)
        let rightStyle = theme.text(size: smallSize, color: theme.secondaryTextColor)
        let m = canvas.measure("", style: leftStyle)
        let baseline = content.minY + m.ascent
        let rightWidth = min(canvas.width(of: right, style: rightStyle), content.width * 0.5)
        canvas.drawText(left, at: CGPoint(x: content.minX, y: baseline), style: leftStyle,
                        maxWidth: content.width - rightWidth - 12)
        canvas.drawText(right, at: CGPoint(x: content.maxX, y: baseline), style: rightStyle, alignment: .right,
                        maxWidth: rightWidth)
        let ruleY = baseline + m.descent + 5
        canvas.line(from: CGPoint(x: content.minX, y: ruleY), to: CGPoint(x: content.maxX, y: ruleY),
                    color: theme.gridColor, lineWidth: 0.8)
        return ruleY + 14
    }

    /// Draws a rule, `left` (grey, optional) and "Page N of M" at the bottom of `content`.
    /// - Returns: The y coordinate of the rule: content must end above it.
    @discardableResult
    public func drawFooter(page: Int, of pageCount: Int, left: String? = nil, in canvas: Canvas, content: CGRect) -> Double {
        let style = theme.text(size: smallSize, color: theme.secondaryTextColor)
        let m = canvas.measure("", style: style)
        let baseline = content.maxY - m.descent
        let pageText = "Page \(page) of \(pageCount)"
        canvas.drawText(pageText, at: CGPoint(x: content.maxX, y: baseline), style: style, alignment: .right)
        if let left, !left.isEmpty {
            let room = content.width - canvas.width(of: pageText, style: style) - 16
            canvas.drawText(left, at: CGPoint(x: content.minX, y: baseline), style: style, maxWidth: room)
        }
        let ruleY = baseline - m.ascent - 5
        canvas.line(from: CGPoint(x: content.minX, y: ruleY), to: CGPoint(x: content.maxX, y: ruleY),
                    color: theme.gridColor, lineWidth: 0.8)
        return ruleY
    }

    /// Draws a bold section title at the top of `rect` (at most two lines).
    /// - Returns: The height used, spacing below included.
    @discardableResult
    public func drawSectionTitle(_ title: String, in canvas: Canvas, rect: CGRect) -> Double {
        let h = canvas.drawWrappedText(title, in: rect, style: theme.text(size: sectionSize, weight: .bold), maxLines: 2)
        return h > 0 ? h + 8 : 0
    }

    /// Draws `text` wrapped to `rect.width` from the top of `rect`; newlines start new lines and
    /// text that does not fit in `rect.height` (or `maxLines`) ends in "…".
    /// - Returns: The height used, spacing below included (0 for empty text).
    @discardableResult
    public func drawParagraph(_ text: String, in canvas: Canvas, rect: CGRect, maxLines: Int = .max,
                              color: RGBColor? = nil) -> Double {
        let style = theme.text(size: bodySize, color: color)
        let h = canvas.drawWrappedText(text, in: rect, style: style, maxLines: maxLines)
        return h > 0 ? h + bodySize * 0.8 : 0
    }

    /// The height ``drawParagraph(_:in:rect:maxLines:color:)`` will use for `text` at `width`.
    public func paragraphHeight(_ text: String, in canvas: Canvas, width: Double, maxLines: Int = .max) -> Double {
        let h = canvas.wrappedHeight(text, width: width, style: theme.text(size: bodySize), maxLines: maxLines)
        return h > 0 ? h + bodySize * 0.8 : 0
    }
}
