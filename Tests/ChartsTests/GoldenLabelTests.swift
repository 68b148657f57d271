@testable import Charts
import Foundation
import Testing

/// A few labels compared with reviewed images in Tests/ChartsTests/Golden.
///
/// Tolerance, and why: fonts (DejaVu, Noto), FreeType and HarfBuzz differ between distributions
/// and releases, which moves antialiased edges by fractions of a pixel and can change a glyph's
/// outline slightly. A label passes when at most 3% of its pixels differ by more than 64 (of 255)
/// in a channel. Boxes instead of glyphs, text on the wrong side of its box, a missing ellipsis or
/// unjoined Arabic each change far more than that: the test checks that the tolerance rejects a
/// left-aligned Arabic label and a label drawn with boxes. Set ENGAGE_UPDATE_GOLDEN=1 to rewrite
/// the images after a deliberate change, and look at them before committing.
@Suite struct GoldenLabelTests {
    struct Label: Sendable {
        let name: String
        let text: String
        let alignment: TextAlignment
    }

    static let labels: [Label] = [
        Label(name: "latin-combining", text: "Cafe\u{301} nai\u{308}ve A\u{30A}ngstro\u{308}m", alignment: .left),
        Label(name: "japanese-ellipsis", text: "新しいコーヒー豆が入荷しました。週末限定の特別ブレンドです", alignment: .left),
        Label(name: "arabic-rtl", text: "وصلت حبوب القهوة الجديدة", alignment: .left),
        Label(name: "emoji", text: "✨🔥☕ 👨‍👩‍👧‍👦 👍🏽 🇯🇵 1️⃣", alignment: .center),
    ]
    static let folder = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Golden")

    /// Draws `label` into a 240 × 28 pt box with a thin frame, at scale 2.
    static func render(_ label: Label, alignment: TextAlignment? = nil, to path: String) throws {
        let image = try PNGImage(width: 240, height: 28, scale: 2)
        let box = CGRect(x: 4, y: 2, width: 232, height: 24)
        image.canvas.stroke(box, color: RGBColor(hex: 0xCCCCCC), lineWidth: 0.5)
        image.canvas.drawText(label.text, in: box.insetBy(dx: 4, dy: 0), style: TextStyle(size: 12),
                              alignment: alignment ?? label.alignment)
        try image.write(to: path)
    }

    /// Share of pixels where some channel differs by more than 64.
    static func differingShare(_ a: PNGInspector, _ b: PNGInspector) -> Double {
        guard a.width == b.width, a.height == b.height else { return 1 }
        var differing = 0
        for (p, q) in zip(a.pixels, b.pixels) where p != q {
            for shift: UInt32 in [0, 8, 16, 24] {
                let x = Int((p >> shift) & 0xFF), y = Int((q >> shift) & 0xFF)
                if abs(x - y) > 64 { differing += 1; break }
            }
        }
        return Double(differing) / Double(a.pixels.count)
    }

    static let tolerance = 0.03

    @Test(arguments: labels.indices)
    func labelMatchesItsGoldenImage(_ index: Int) throws {
        let label = Self.labels[index]
        let golden = Self.folder.appending(path: "\(label.name).png").path
        if ProcessInfo.processInfo.environment["ENGAGE_UPDATE_GOLDEN"] == "1" {
            try Self.render(label, to: golden)
        }
        let dir = try TempDir()
        let path = dir.file("\(label.name).png")
        try Self.render(label, to: path)
        let share = Self.differingShare(try PNGInspector(path: path), try PNGInspector(path: golden))
        #expect(share <= Self.tolerance, "\(label.name): \(Int(share * 1000)) ‰ of pixels differ from \(golden)")
    }

    @Test func toleranceRejectsWrongAlignmentAndBoxes() throws {
        let dir = try TempDir()
        let arabic = Self.labels[2]
        try Self.render(arabic, alignment: .right, to: dir.file("wrong-side.png"))
        let golden = try PNGInspector(path: Self.folder.appending(path: "arabic-rtl.png").path)
        #expect(Self.differingShare(try PNGInspector(path: dir.file("wrong-side.png")), golden) > Self.tolerance)

        let latin = Self.labels[0]
        let boxes = Label(name: "boxes", text: String(repeating: "\u{10FFFD}", count: latin.text.count), alignment: .left)
        try Self.render(boxes, to: dir.file("boxes.png"))
        let latinGolden = try PNGInspector(path: Self.folder.appending(path: "latin-combining.png").path)
        #expect(Self.differingShare(try PNGInspector(path: dir.file("boxes.png")), latinGolden) > Self.tolerance)
    }
}
