import Foundation
@testable import XLSX

/// A workbook that exercises every feature the tests read back, built from the values below.
enum SampleWorkbook {
    /// Texts that a careless writer would turn into formulas.
    static let formulaLikeTexts = ["=HYPERLINK(\"x\")", "+cmd", "-1+1", "@SUM(A1)", "plain text"]
    /// Rates, including values that must become blank cells.
    static let rates: [Double?] = [0.25, nil, .nan, .infinity, -.infinity]
    static let impressions: [Int64] = [1200, 0, 7, 123_456_789, -3]
    /// 2024-03-10T07:30:00Z, and one day apart after it.
    static let firstPosted = Date(timeIntervalSince1970: 1_710_055_800)
    static let links = ["https://example.com/post/1", "javascript:alert(1)",
                        "https://example.com/" + String(repeating: "a", count: 300),
                        "mailto:someone@example.com", "https://example.com/has space"]

    /// Daily series for the interval chart: rate with its low and high bound.
    static let dailyRates: [(rate: Double, low: Double, high: Double)] = (0..<10).map { day in
        let rate = 0.02 + 0.002 * Double(day % 4)
        return (rate, rate - 0.005, rate + 0.006)
    }

    static let heat: [[Double]] = [[1, 5, 9, 2], [3, 7, 11, 4], [6, 8, 10, 12]]

    @discardableResult
    static func write(to path: String, options: WorkbookOptions) throws -> Workbook {
        let book = try Workbook(path: path, options: options)
        let bold = try book.addFormat(FormatSpec(bold: true, fillColor: Color(rgb: 0xDDEBF7), bottomBorder: .thin))
        let percent = try book.addFormat(FormatSpec(numberFormat: "0.00%"))
        let dateFormat = try book.addFormat(FormatSpec(numberFormat: "yyyy-mm-dd"))

        let posts = try book.addWorksheet("Posts")
        for (col, title) in ["Text", "Impressions", "Rate", "Posted", "Link"].enumerated() {
            try posts.write(title, row: 0, col: col, format: bold)
        }
        for row in 0..<formulaLikeTexts.count {
            try posts.write(formulaLikeTexts[row], row: row + 1, col: 0)
            try posts.write(integer: impressions[row], row: row + 1, col: 1)
            try posts.write(rates[row], row: row + 1, col: 2, format: percent)
            try posts.writeDateTime(firstPosted.addingTimeInterval(Double(row) * 86_400), row: row + 1, col: 3)
            try posts.writeURL(links[row], text: row == 0 ? "open post" : nil, row: row + 1, col: 4)
        }
        try posts.setColumn(first: 0, last: 0, width: 24)
        try posts.setColumn(first: 3, last: 3, width: 20)
        try posts.freezePanes(row: 1, col: 0)
        try posts.autofilter(firstRow: 0, firstCol: 0, lastRow: formulaLikeTexts.count, lastCol: 4)

        let daily = try book.addWorksheet("Daily data")
        for (col, title) in ["Day", "Rate", "Low", "High"].enumerated() {
            try daily.write(title, row: 0, col: col, format: bold)
        }
        // Columns E and F repeat the day: the x values of each two-point interval segment.
        try daily.write("Segment x", row: 0, col: 4, format: bold)
        for (index, point) in dailyRates.enumerated() {
            for col in [0, 4, 5] {
                try daily.writeDateTime(year: 2024, month: 3, day: 1 + index, row: index + 1, col: col, format: dateFormat)
            }
            try daily.write(point.rate, row: index + 1, col: 1, format: percent)
            try daily.write(point.low, row: index + 1, col: 2, format: percent)
            try daily.write(point.high, row: index + 1, col: 3, format: percent)
        }

        let heatSheet = try book.addWorksheet("Heat")
        for (r, values) in heat.enumerated() {
            for (c, value) in values.enumerated() { try heatSheet.write(value, row: r, col: c) }
        }
        try heatSheet.conditionalFormat3ColorScale(
            CellRange(firstRow: 0, firstCol: 0, lastRow: heat.count - 1, lastCol: heat[0].count - 1),
            minColor: Color(rgb: 0xF8696B), midColor: Color(rgb: 0xFFEB84), maxColor: Color(rgb: 0x63BE7B))
        try heatSheet.setTabColor(Color(rgb: 0x63BE7B))
        try heatSheet.hideGridlines()
        try heatSheet.setLandscape()

        let summary = try book.addWorksheet("Summary")
        try summary.mergeRange(CellRange(firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 5),
                               text: "=Engagement summary", format: bold)
        let chart = try book.addChart(.line)
        let last = dailyRates.count
        let days = SheetRange(sheet: "Daily data", firstRow: 1, firstCol: 0, lastRow: last, lastCol: 0)
        let styles: [(String, Int, Chart.SeriesStyle)] = [
            ("Low", 2, .markersOnly(.square, color: Color(rgb: 0x1F77B4), size: 3)),
            ("Rate", 1, .markersOnly(.circle, color: Color(rgb: 0x1F77B4), size: 6)),
            ("High", 3, .markersOnly(.square, color: Color(rgb: 0x1F77B4), size: 3)),
        ]
        for (name, col, style) in styles {
            try chart.addSeries(name: name, categories: days,
                                values: SheetRange(sheet: "Daily data", firstRow: 1, firstCol: col, lastRow: last, lastCol: col),
                                style: style)
        }
        try chart.setHighLowLines(color: Color(rgb: 0x1F77B4), width: 1.5)
        try chart.setTitle("Engagement rate with 95% interval")
        try chart.setXAxisTitle("Day")
        try chart.setYAxisTitle("Rate")
        try chart.setXAxisNumberFormat("yyyy-mm-dd")
        try chart.setYAxisNumberFormat("0.0%")
        try chart.setLegend(.none)
        try chart.setSize(width: 720, height: 360)
        try summary.insertChart(chart, row: 2, col: 0)

        try summary.insertChart(try intervalSegments(book, last: last), row: 22, col: 0)

        try book.close()
        return book
    }

    /// The same intervals as two-point line segments on a scatter chart, which LibreOffice
    /// renders too: segment i runs from (E, C) to (F, D) of row i, where E = F = the day.
    static func intervalSegments(_ book: Workbook, last: Int) throws -> Chart {
        let chart = try book.addChart(.scatterLines)
        let blue = Color(rgb: 0x1F77B4)
        for row in 1...last {
            try chart.addSeries(categories: SheetRange(sheet: "Daily data", firstRow: row, firstCol: 4, lastRow: row, lastCol: 5),
                                values: SheetRange(sheet: "Daily data", firstRow: row, firstCol: 2, lastRow: row, lastCol: 3),
                                style: Chart.SeriesStyle(color: blue, lineWidth: 1.5, marker: Chart.MarkerShape.none))
        }
        try chart.addSeries(name: "Rate",
                            categories: SheetRange(sheet: "Daily data", firstRow: 1, firstCol: 0, lastRow: last, lastCol: 0),
                            values: SheetRange(sheet: "Daily data", firstRow: 1, firstCol: 1, lastRow: last, lastCol: 1),
                            style: .markersOnly(.circle, color: blue, size: 6))
        try chart.setTitle("Engagement rate with 95% interval (segments)")
        try chart.setXAxisNumberFormat("mm-dd")
        try chart.setYAxisNumberFormat("0.0%")
        try chart.setLegend(.none)
        try chart.setSize(width: 720, height: 360)
        return chart
    }
}
