import Foundation
import Testing
@testable import XLSX

@Suite struct ChartAndImageTests {
    /// Writes a small data sheet and one chart of `kind` with every series option set, reads the
    /// chart part back.
    @Test(arguments: [(Chart.Kind.line, "<c:lineChart>"), (.column, "<c:barChart>"),
                      (.bar, "<c:barChart>"), (.scatter, "<c:scatterChart>")])
    func everyKindWritesItsChartElement(kind: Chart.Kind, element: String) throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "chart.xlsx")
        let book = try Workbook(path: file.path, options: WorkbookOptions(created: TestSupport.fixedDate))
        let data = try book.addWorksheet("Data sheet")
        for row in 0..<6 {
            try data.write(Double(row), row: row, col: 0)
            try data.write(Double(row * row), row: row, col: 1)
        }
        let chart = try book.addChart(kind)
        try chart.addSeries(name: "Squares",
                            categories: SheetRange(sheet: "Data sheet", firstRow: 0, firstCol: 0, lastRow: 5, lastCol: 0),
                            values: SheetRange(sheet: "Data sheet", firstRow: 0, firstCol: 1, lastRow: 5, lastCol: 1),
                            style: Chart.SeriesStyle(color: Color(rgb: 0xD62728), lineWidth: 1.5,
                                                     marker: .diamond, markerSize: 7, smooth: true))
        try chart.setTitle(nil)
        try chart.setLegend(.bottom)
        try chart.setYAxisRange(min: 0, max: 30)
        try chart.setYAxisTitle("Square")
        try data.insertChart(chart, row: 0, col: 3, xScale: 1.5, yScale: 1.2)
        try book.close()
        let json = try TestSupport.readBack(file)
        let charts = try #require(json["charts"] as? [[String: Any]])
        #expect(charts.count == 1)
        let xml = try TestSupport.zipPart(file, "xl/charts/chart1.xml")
        #expect(xml.contains(element))
        #expect(xml.contains("<c:f>'Data sheet'!$B$1:$B$6</c:f>"))
        #expect(xml.contains("D62728"))
        #expect(xml.contains("<c:legendPos val=\"b\"/>"))
        // The value axis, whichever way it points, gets the range and the title.
        // It is the vertical one except on a bar chart.
        let axes = xml.matches(of: /<c:(valAx|catAx)>.*?<\/c:(valAx|catAx)>/).map { String($0.output.0) }
        #expect(axes.count == 2)
        let ranged = try #require(axes.first { $0.contains("<c:max val=\"30\"/>") })
        #expect(ranged.hasPrefix("<c:valAx>"))
        #expect(ranged.contains("<a:t>Square</a:t>"))
        #expect(ranged.contains(kind == .bar ? "<c:axPos val=\"b\"/>" : "<c:axPos val=\"l\"/>"))
        #expect(xml.contains("<c:autoTitleDeleted val=\"1\"/>"))
    }

    @Test func sheetNamesWithApostrophesAreQuotedInSeriesReferences() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "quote.xlsx")
        let book = try Workbook(path: file.path)
        let sheet = try book.addWorksheet("Bob's data")
        for row in 0..<3 { try sheet.write(Double(row), row: row, col: 0) }
        let chart = try book.addChart(.column)
        try chart.addSeries(values: SheetRange(sheet: "Bob's data", firstRow: 0, firstCol: 0, lastRow: 2, lastCol: 0))
        try sheet.insertChart(chart, row: 0, col: 2)
        try book.close()
        let xml = try TestSupport.zipPart(file, "xl/charts/chart1.xml")
        #expect(xml.contains("<c:f>'Bob''s data'!$A$1:$A$3</c:f>"))
    }

    /// A 1×1 PNG (the usual minimal example), written by the test itself.
    static let onePixelPNG = Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!

    @Test func imageIsEmbedded() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appending(path: "pixel.png")
        try Self.onePixelPNG.write(to: png)
        let file = dir.appending(path: "image.xlsx")
        let book = try Workbook(path: file.path)
        let sheet = try book.addWorksheet("Pictures")
        try sheet.insertImage(png.path, row: 1, col: 1, scale: 2)
        try book.close()
        let parts = try #require(try TestSupport.readBack(file)["parts"] as? [String])
        #expect(parts.contains("xl/media/image1.png"))
    }

    @Test func missingImageNamesThePath() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = try Workbook(path: dir.appending(path: "x.xlsx").path)
        let sheet = try book.addWorksheet("Pictures")
        do {
            try sheet.insertImage("/no/such/picture.png", row: 0, col: 0)
            Issue.record("a missing image was accepted")
        } catch {
            guard case let .writeFailed(_, _, context) = error else { Issue.record("unexpected \(error)"); return }
            #expect(context == "inserting image '/no/such/picture.png' at Pictures!A1")
        }
    }
}
