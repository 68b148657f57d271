import Foundation

/// A key figure in a box: a label, a big value and an optional change line with an arrow.
///
/// Colour is used with care: the change is green (up) or red (down) only when the caller says
/// which direction is better (``higherIsBetter``); otherwise it stays grey, because a rise in,
/// say, unfollows is not good news.
///
/// ```swift
/// let tile = KPITile(label: "Engagement rate", value: "2.7%", change: "+0.4 pp vs previous 28 days",
///                    direction: .up, higherIsBetter: true)
/// tile.draw(in: pdf.canvas, rect: CGRect(x: 40, y: 100, width: 160, height: 78))
/// ```
public struct KPITile: Hashable, Sendable {
    /// Which way the figure moved.
    public enum Direction: Hashable, Sendable {
        /// Went up: an upward arrow.
        case up
        /// Went down: a downward arrow.
        case down
        /// No change: no arrow.
        case flat
    }

    /// Small text at the top, e.g. "Impressions".
    public var label: String
    /// The figure, already formatted, e.g. "1.2M".
    public var value: String
    /// The change line, e.g. "+12% vs previous period". Default nil (no line).
    public var change: String?
    /// Arrow direction for the change. Default nil (no arrow).
    public var direction: Direction?
    /// true: up is good (green up, red down); false: down is good; nil: grey either way. Default nil.
    public var higherIsBetter: Bool?
    /// Colours and fonts. Default ``ChartTheme/standard``.
    public var theme: ChartTheme

    /// A tile; defaults as stated on the properties.
    public init(label: String, value: String, change: String? = nil, direction: Direction? = nil,
                higherIsBetter: Bool? = nil, theme: ChartTheme = .standard) {
        self.label = label
        self.value = value
        self.change = change
        self.direction = direction
        self.higherIsBetter = higherIsBetter
        self.theme = theme
    }

    /// The colour of the change line and arrow.
    public var changeColor: RGBColor {
        guard let direction, direction != .flat, let higherIsBetter else { return theme.secondaryTextColor }
        return (direction == .up) == higherIsBetter ? theme.positiveColor : theme.negativeColor
    }

    /// Draws the tile filling `rect`: light background, label, value (shrunk to fit), change line.
    public func draw(in canvas: Canvas, rect: CGRect) {
        guard rect.isDrawable else { return }
        canvas.fillRoundedRect(rect, radius: 4, color: theme.stripeColor)
        let inner = rect.insetBy(dx: 10, dy: 8)
        guard inner.isDrawable else { return }
        let labelStyle = theme.text(size: 8.5, color: theme.secondaryTextColor)
        let lm = canvas.measure("", style: labelStyle)
        canvas.drawText(label, at: CGPoint(x: inner.minX, y: inner.minY + lm.ascent), style: labelStyle,
                        maxWidth: inner.width)

        var valueStyle = theme.text(size: min(22, max(9, inner.height * 0.36)), weight: .bold)
        while valueStyle.size > 9 && canvas.width(of: value, style: valueStyle) > inner.width {
            valueStyle = valueStyle.sized(valueStyle.size - 1)
        }
        let vm = canvas.measure("", style: valueStyle)
        let valueBaseline = inner.minY + lm.lineHeight + 2 + vm.ascent
        canvas.drawText(value, at: CGPoint(x: inner.minX, y: valueBaseline), style: valueStyle, maxWidth: inner.width)

        guard let change, !change.isEmpty else { return }
        let changeStyle = theme.text(size: 8.5, color: changeColor)
        let cm = canvas.measure("", style: changeStyle)
        let baseline = min(inner.maxY - cm.descent, valueBaseline + vm.descent + 4 + cm.ascent)
        var x = inner.minX
        if let direction, direction != .flat {
            let s = cm.ascent * 0.8
            let top = baseline - cm.ascent * 0.8, bottom = baseline
            let triangle = direction == .up
                ? [CGPoint(x: x, y: bottom), CGPoint(x: x + s, y: bottom), CGPoint(x: x + s / 2, y: top)]
                : [CGPoint(x: x, y: top), CGPoint(x: x + s, y: top), CGPoint(x: x + s / 2, y: bottom)]
            canvas.fillPolygon(triangle, color: changeColor)
            x += s + 4
        }
        // Up to two lines, as many as the tile has room for; "…" if more.
        let box = CGRect(x: x, y: baseline - cm.ascent, width: inner.maxX - x, height: inner.maxY - (baseline - cm.ascent))
        canvas.drawWrappedText(change, in: box, style: changeStyle, maxLines: 2)
    }
}
