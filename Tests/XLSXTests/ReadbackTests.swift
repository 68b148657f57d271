import Foundation
import Testing
@testable import XLSX

/// Writes `SampleWorkbook` and reads it back with openpyxl (Tests/Fixtures/xlsx/readback.py).
@Suite struct ReadbackTests {
    let json: [String: Any]
    let warnings: [XLSXWarning]

    init() throws {
        let dir = try TestSupport.temporaryDirectory()
        let file = dir.appending(path: "sample.xlsx")
        let book = try SampleWorkbook.write(to: file.path, options: WorkbookOptions(created: TestSupport.fixedDate))
        warnings = book.warnings
        json = try TestSupport.readBack(file)
        try? FileManager.default.removeItem(at: dir)
    }

    func cells(_ sheet: String) throws -> [String: [String: Any]] {
        let all = try #require(json["cells"] as? [String: Any])
        return try #require(all[sheet] as? [String: [String: Any]])
    }

    @Test func sheetNamesInOrder() throws {
        #expect(json["sheets"] as? [String] == ["Posts", "Daily data", "Heat", "Summary"])
    }

    @Test func noCellIsAFormula() throws {
        let all = try #require(json["cells"] as? [String: [String: [String: Any]]])
        let types = all.values.flatMap { $0.values.compactMap { $0["type"] as? String } }
        #expect(!types.isEmpty)
        #expect(!types.contains("f"))
    }

    @Test(arguments: SampleWorkbook.formulaLikeTexts.indices)
    func formulaLikeTextStaysText(index: Int) throws {
        let cell = try #require(try cells("Posts")["A\(index + 2)"])
        #expect(cell["type"] as? String == "s")
        #expect(cell["value"] as? String == SampleWorkbook.formulaLikeTexts[index])
    }

    @Test func headerIsBold() throws {
        let cell = try #require(try cells("Posts")["A1"])
        #expect(cell["value"] as? String == "Text")
        #expect(cell["bold"] as? Bool == true)
    }

    @Test func integersReadBackAsNumbers() throws {
        let posts = try cells("Posts")
        for (index, value) in SampleWorkbook.impressions.enumerated() {
            let cell = try #require(posts["B\(index + 2)"])
            #expect(cell["type"] as? String == "n")
            #expect((cell["value"] as? NSNumber)?.int64Value == value)
        }
    }

    @Test func undefinedRatesAreBlankCells() throws {
        let posts = try cells("Posts")
        for (index, rate) in SampleWorkbook.rates.enumerated() {
            let cell = posts["C\(index + 2)"]
            if let rate, rate.isFinite {
                #expect((cell?["value"] as? Double) == rate)
                #expect(cell?["number_format"] as? String == "0.00%")
            } else {
                // A formatted blank is reported with value null, or not at all.
                #expect(cell == nil || cell?["value"] is NSNull, "C\(index + 2) should be blank")
            }
        }
        let blanked = warnings.filter { if case .nonFiniteNumberBlanked = $0 { true } else { false } }
        #expect(blanked.count == 3)
    }

    @Test func datesAreUTCFieldsWithDefaultFormat() throws {
        let posts = try cells("Posts")
        let first = try #require(posts["D2"])
        #expect(first["is_date"] as? Bool == true)
        #expect(first["value"] as? String == "2024-03-10T07:30:00")
        #expect(first["number_format"] as? String == "yyyy-mm-dd hh:mm:ss")
        #expect(posts["D6"]?["value"] as? String == "2024-03-14T07:30:00")
        let daily = try cells("Daily data")
        #expect(daily["A2"]?["value"] as? String == "2024-03-01T00:00:00")
        #expect(daily["A11"]?["number_format"] as? String == "yyyy-mm-dd")
    }

    @Test func validLinksAreClickableOthersArePlainText() throws {
        let posts = try cells("Posts")
        let link = try #require(posts["E2"])
        #expect(link["hyperlink"] as? String == SampleWorkbook.links[0])
        #expect(link["value"] as? String == "open post")
        #expect(posts["E5"]?["hyperlink"] as? String == SampleWorkbook.links[3])
        for row in [3, 4, 6] {
            let cell = try #require(posts["E\(row)"])
            #expect(cell["hyperlink"] == nil, "E\(row) must not be a link")
            #expect(cell["value"] as? String == SampleWorkbook.links[row - 2])
            #expect(cell["type"] as? String == "s")
        }
        let fallbacks = warnings.filter { if case .urlWrittenAsText = $0 { true } else { false } }
        #expect(fallbacks.count == 3)
    }

    @Test func sheetLayout() throws {
        #expect((json["freeze_panes"] as? [String: Any])?["Posts"] as? String == "A2")
        #expect((json["autofilter"] as? [String: Any])?["Posts"] as? String == "A1:E6")
        #expect((json["merged"] as? [String: [String]])?["Summary"] == ["A1:F1"])
        let title = try #require(try cells("Summary")["A1"])
        #expect(title["value"] as? String == "=Engagement summary")
        #expect(title["type"] as? String == "s")
    }

    @Test func threeColorScale() throws {
        let rules = try #require((json["conditional_formats"] as? [String: [[String: Any]]])?["Heat"])
        #expect(rules.count == 1)
        #expect(rules.first?["type"] as? String == "colorScale")
        #expect(rules.first?["range"] as? String == "A1:D3")
        #expect(rules.first?["colors"] as? [String] == ["FFF8696B", "FFFFEB84", "FF63BE7B"])
    }

    @Test func intervalChartHasHighLowLinesAndMarkerOnlySeries() throws {
        let charts = try #require(json["charts"] as? [[String: Any]])
        #expect(charts.count == 2)
        let chart = try #require(charts.first)
        #expect(chart["high_low_lines"] as? Bool == true)
        #expect(chart["line_charts"] as? Int == 1)
        #expect(chart["series_count"] as? Int == 3)
        #expect(chart["no_line_series"] as? Int == 3)
        let formulas = try #require(chart["formulas"] as? [String])
        #expect(formulas.contains("'Daily data'!$A$2:$A$11"))
        #expect(formulas.contains("'Daily data'!$B$2:$B$11"))
        #expect(formulas.contains("'Daily data'!$D$2:$D$11"))
        let numberFormats = try #require(chart["axis_num_formats"] as? [String])
        #expect(numberFormats.contains("yyyy-mm-dd"))
        #expect(numberFormats.contains("0.0%"))
        #expect((chart["title_texts"] as? [String])?.contains("Engagement rate with 95% interval") == true)
    }

    @Test func segmentChartHasOneTwoPointSeriesPerInterval() throws {
        let charts = try #require(json["charts"] as? [[String: Any]])
        let chart = try #require(charts.last)
        #expect(chart["series_count"] as? Int == SampleWorkbook.dailyRates.count + 1)
        let formulas = try #require(chart["formulas"] as? [String])
        #expect(formulas.contains("'Daily data'!$E$2:$F$2"))
        #expect(formulas.contains("'Daily data'!$C$11:$D$11"))
        #expect(chart["high_low_lines"] as? Bool == false)
    }
}
