import Charts
import Foundation

/// A three-page PDF using every page helper, as the report module will: KPI tiles and a chart,
/// a table that spills onto the next page, then a heat map.
enum SampleReport {
    static let creationDate = "2026-03-03T09:00:00Z"

    static func tableRows() -> [[String]] {
        (1...46).map { i in
            let text = i % 7 == 0
                ? "A much longer synthetic post text number \(i) that goes on and on about product updates, events and what the team plans next, so that it must be cut with an ellipsis in the table"
                : "Synthetic post \(i): tips and updates"
            return ["\(i)", text, String(1000 + (i * 7919) % 90000), String(format: "%.2f%%", 1 + Double(i % 13) / 4)]
        }
    }

    @discardableResult
    static func write(to path: String) throws -> Int {
        let pdf = try PDFDocument(path: path, pageSize: .a4,
                                  metadata: .init(title: "Engagement report", author: "engage tests",
                                                  creationDate: creationDate))
        let page = PageFurniture()
        let content = pdf.canvas.bounds.insetBy(dx: 40, dy: 36)
        let pages = 3

        // Page 1: KPIs, paragraph, line chart.
        var y = page.drawHeader(left: "Engagement report · @example_account", right: "Feb 3 – Mar 2, 2026",
                                in: pdf.canvas, content: content)
        y += page.drawSectionTitle("Summary", in: pdf.canvas, rect: CGRect(x: content.minX, y: y, width: content.width, height: 40))
        let tiles = [
            KPITile(label: "Impressions", value: "1.24M", change: "+12% vs previous 28 days", direction: .up, higherIsBetter: true),
            KPITile(label: "Engagements", value: "31.8k", change: "−4% vs previous 28 days", direction: .down, higherIsBetter: true),
            KPITile(label: "Engagement rate", value: "2.56%", change: "−0.4 pp", direction: .down, higherIsBetter: true),
            KPITile(label: "Unfollows", value: "212", change: "+8%", direction: .up, higherIsBetter: false),
        ]
        let gap = 10.0
        let tileWidth = (content.width - gap * Double(tiles.count - 1)) / Double(tiles.count)
        for (i, tile) in tiles.enumerated() {
            tile.draw(in: pdf.canvas, rect: CGRect(x: content.minX + Double(i) * (tileWidth + gap), y: y, width: tileWidth, height: 72))
        }
        y += 72 + 16
        y += page.drawParagraph("Impressions rose over the period while engagements fell slightly, so the engagement rate dropped by 0.4 percentage points. The Founder Q&A campaign stands out against the control group; its interval does not include the control rate. Posts at midday on weekdays did best.",
                                in: pdf.canvas, rect: CGRect(x: content.minX, y: y, width: content.width, height: 120))
        y += 8
        var line = Samples.lineChart
        line.theme.chartPadding = 0
        line.draw(in: pdf.canvas, rect: CGRect(x: content.minX, y: y, width: content.width, height: 300))
        y += 310
        var intervals = Samples.intervals
        intervals.theme.chartPadding = 0
        intervals.draw(in: pdf.canvas, rect: CGRect(x: content.minX, y: y, width: content.width, height: 230))
        page.drawFooter(page: 1, of: pages, left: "engage · generated 2026-03-03", in: pdf.canvas, content: content)

        // Pages 2 and 3: the table, continued, then a heat map under its end.
        let table = TableDrawer(columns: [
            .init(title: "#", width: 28, alignment: .right),
            .init(title: "Post", width: content.width - 28 - 90 - 80, maxLines: 2),
            .init(title: "Impressions", width: 90, alignment: .right),
            .init(title: "Engagement rate", width: 80, alignment: .right),
        ])
        let rows = tableRows()
        var next = 0
        var pageNumber = 1
        while next < rows.count {
            pdf.newPage()
            pageNumber += 1
            var top = page.drawHeader(left: "Engagement report · @example_account", right: "Feb 3 – Mar 2, 2026",
                                      in: pdf.canvas, content: content)
            if next == 0 {
                top += page.drawSectionTitle("Top posts", in: pdf.canvas, rect: CGRect(x: content.minX, y: top, width: content.width, height: 40))
            }
            let footerTop = content.maxY - 24
            let result = table.draw(rows: rows, from: next, in: pdf.canvas, at: CGPoint(x: content.minX, y: top),
                                    maxHeight: footerTop - top - 10)
            next = result.nextRow
            if next >= rows.count {
                let below = top + result.height + 20
                var heatmap = Samples.heatmap
                heatmap.theme.chartPadding = 0
                heatmap.draw(in: pdf.canvas, rect: CGRect(x: content.minX, y: below, width: content.width,
                                                                   height: max(0, footerTop - below)))
            }
            page.drawFooter(page: pageNumber, of: pages, left: "engage · generated 2026-03-03", in: pdf.canvas, content: content)
        }
        try pdf.close()
        return pageNumber
    }
}
