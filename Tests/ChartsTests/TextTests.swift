@testable import Charts
import Foundation
import Testing

/// Text fitting: nothing drawn ever runs past its box, whatever the text.
@Suite struct TextTests {
    static let hostile: [String] = [
        "",
        " ",
        "\n\n\n",
        "日本語のテキストはスペースなしで長く続きます。折り返しが必要です。中文字符也一样。",
        "Emoji 👩‍👩‍👧‍👦🏳️‍🌈🇩🇪👍🏽 family flags skin tones 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
        "العربية من اليمين إلى اليسار مع أرقام 123 ونص مختلط English",
        "Combining: e\u{301}\u{302}\u{303}\u{304} a\u{308}\u{308}\u{308} Z\u{336}\u{337}\u{338}a\u{34F}l\u{35C}g\u{361}o",
        "Control\u{0}chars\u{7}and\ttabs\u{1B}[31m",
        String(repeating: "Supercalifragilistic", count: 500),
        String(repeating: "word ", count: 5000),
        "\u{200B}\u{200D}\u{FEFF}\u{2028}\u{2029}zero-width and separators",
        "Surrogate-free but astral: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀𓀁 🀄",
    ]
    static let style = TextStyle(size: 10)

    func canvas() throws -> Canvas { try PNGImage(width: 300, height: 200).canvas }

    /// Text far beyond what the lines can hold is cut before Pango sees it, yet text that fits
    /// keeps no ellipsis, however many bytes its characters take.
    @Test func onlyWhatCanShowIsLaidOut() throws {
        let canvas = try canvas()
        let huge = String(repeating: "long ", count: 2_000_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            canvas.drawWrappedText(huge, in: CGRect(x: 0, y: 0, width: 280, height: 200), style: Self.style, maxLines: 3)
        }
        #expect(canvas.textLayout.lineCount == 3 && canvas.textLayout.isEllipsized)
        #expect(elapsed < .seconds(2), "10 MB of text took \(elapsed)")
        #expect(canvas.drawText(huge, at: CGPoint(x: 0, y: 20), style: Self.style, maxWidth: 280) <= 280)
        #expect(canvas.textLayout.isEllipsized)
        let cjk = String(repeating: "日本語", count: 40)  // 120 characters, 360 bytes
        canvas.drawWrappedText(cjk, in: CGRect(x: 0, y: 0, width: 400, height: 1000), style: Self.style, maxLines: 50)
        #expect(!canvas.textLayout.isEllipsized && canvas.textLayout.lineCount > 1)
    }

    @Test(arguments: hostile.indices)
    func wrappedLinesFitTheWidth(_ index: Int) throws {
        let canvas = try canvas()
        let text = Self.hostile[index]
        for width in [1.0, 8, 30, 73.5, 150, 400] {
            for maxLines in [1, 2, 3, 50] {
                let box = CGRect(x: 0, y: 0, width: width, height: 1000)
                let h = canvas.drawWrappedText(text, in: box, style: Self.style, maxLines: maxLines)
                guard h > 0 else { continue }
                #expect(canvas.textLayout.lineCount <= maxLines)
                #expect(h == canvas.wrappedHeight(text, width: width, style: Self.style, maxLines: maxLines))
                // Below the width of one character Pango still shows that character (or "…").
                if width >= 30 {
                    #expect(canvas.textLayout.size.width <= width + 1e-6, "\(width) pt, \(maxLines) lines")
                }
            }
        }
    }

    @Test(arguments: hostile.indices)
    func truncationFitsTheWidth(_ index: Int) throws {
        let canvas = try canvas()
        let text = Self.hostile[index]
        for width in [12.0, 40, 120, 1000] {
            let drawn = canvas.drawText(text, at: CGPoint(x: 10, y: 20), style: Self.style, maxWidth: width)
            #expect(drawn <= width + 1e-6)
            #expect(canvas.width(of: text, style: Self.style, maxWidth: width) == drawn)
        }
    }

    @Test func overflowEndsInEllipsisAndShortTextIsKept() throws {
        let canvas = try canvas()
        let text = "The quick brown fox jumps over the lazy dog and keeps running far beyond the fence"
        let fullWidth = canvas.width(of: text, style: Self.style)
        #expect(canvas.drawText(text, at: .zero, style: Self.style, maxWidth: fullWidth + 1) == fullWidth)
        #expect(canvas.textLayout.hiddenFrom == nil)
        canvas.drawText(text, at: .zero, style: Self.style, maxWidth: fullWidth / 2)
        let cut = try #require(canvas.textLayout.hiddenFrom)
        #expect(cut > 10 && cut < text.utf8.count)

        canvas.drawWrappedText(text, in: CGRect(x: 0, y: 0, width: 120, height: 200), style: Self.style, maxLines: 2)
        #expect(canvas.textLayout.lineCount == 2 && canvas.textLayout.isEllipsized)
        canvas.drawWrappedText(text, in: CGRect(x: 0, y: 0, width: 120, height: 200), style: Self.style)
        #expect(canvas.textLayout.lineCount > 2 && !canvas.textLayout.isEllipsized, "no limit loses no words")
    }

    @Test func heightLimitsTheLines() throws {
        let canvas = try canvas()
        let m = canvas.measure("", style: Self.style)
        let text = String(repeating: "many words here ", count: 40)
        for lines in 1...4 {
            let height = m.ascent + m.descent + Double(lines - 1) * m.lineHeight + 0.5
            let h = canvas.drawWrappedText(text, in: CGRect(x: 0, y: 0, width: 120, height: height), style: Self.style)
            #expect(canvas.textLayout.lineCount == lines && canvas.textLayout.isEllipsized)
            #expect(h <= height)
        }
    }

    @Test func emptyTextHasNoHeight() throws {
        let canvas = try canvas()
        #expect(canvas.wrappedHeight("", width: 100, style: Self.style) == 0)
        #expect(canvas.drawWrappedText("   ", in: CGRect(x: 0, y: 0, width: 100, height: 50), style: Self.style) == 0)
        #expect(canvas.width(of: "", style: Self.style) == 0)
    }

    @Test func newlinesStartNewLines() throws {
        let canvas = try canvas()
        let m = canvas.measure("", style: Self.style)
        let h = canvas.wrappedHeight("one\ntwo\r\n\nfour", width: 200, style: Self.style)
        #expect(abs(h - (m.ascent + m.descent + 3 * m.lineHeight)) < 0.01)
    }

    @Test func wrappedTextStaysInsideItsBox() throws {
        let canvas = try canvas()
        let box = CGRect(x: 10, y: 10, width: 120, height: 40)
        let h = canvas.drawWrappedText(String(repeating: "many words here ", count: 40), in: box, style: Self.style)
        #expect(h > 0 && h <= box.height)
    }

    @Test func hostileTextInEveryChartAndPageHelperDoesNotCrash() throws {
        let dir = try TempDir()
        for (i, text) in Self.hostile.enumerated() {
            var line = Samples.lineChart
            line.title = text
            line.subtitle = text
            line.categories = Array(repeating: text, count: 5)
            line.series[0].name = text
            var bars = Samples.horizontalBars
            bars.bars[0].label = text
            bars.title = text
            var vertical = Samples.verticalBars
            vertical.bars[1].label = text
            var intervals = Samples.intervals
            intervals.items[1].label = text
            var heat = Samples.heatmap
            heat.rowLabels[0] = text
            heat.columnLabels[3] = text
            heat.legendTitle = text
            for chart in [line, bars, vertical, intervals, heat] as [any Chart] {
                try chart.renderPNG(path: dir.file("hostile-\(i).png"), width: 400, height: 250, scale: 1)
            }
            let pdf = try PDFDocument(path: dir.file("hostile-\(i).pdf"),
                                      metadata: .init(title: text, author: text, creationDate: "2026-01-01T00:00:00Z"))
            let page = PageFurniture()
            page.drawHeader(left: text, right: text, in: pdf.canvas, content: pdf.canvas.bounds.insetBy(dx: 40, dy: 40))
            page.drawParagraph(text, in: pdf.canvas, rect: CGRect(x: 40, y: 80, width: 300, height: 200))
            KPITile(label: text, value: text, change: text, direction: .up, higherIsBetter: true)
                .draw(in: pdf.canvas, rect: CGRect(x: 40, y: 300, width: 150, height: 70))
            _ = TableDrawer(columns: [.init(title: text, width: 100), .init(title: "n", width: 50, alignment: .right)])
                .draw(rows: [[text, text], [text]], in: pdf.canvas, at: CGPoint(x: 40, y: 400), maxHeight: 300)
            page.drawFooter(page: 1, of: 1, left: text, in: pdf.canvas, content: pdf.canvas.bounds.insetBy(dx: 40, dy: 40))
            try pdf.close()
        }
    }
}
