import EngageAnalysis
import EngageModel
import Foundation
import XLSX

extension Sheets {
    // MARK: Campaigns

    /// The campaign table, the comparisons against the control with their verdicts, and a native
    /// chart of each campaign's rate with its 95% interval (one two-point line per interval and a
    /// marker per estimate: libxlsxwriter has no custom error bars and LibreOffice ignores
    /// high-low lines).
    func campaigns() throws {
        guard let section = report.campaigns else { return }
        let analysis = section.analysis
        let sheet = try workbook.addWorksheet("Campaigns")
        let rateName = analysis.metric == .engagements ? "Engagement rate" : "\(analysis.metric.title) per impression"
        try sheet.setColumn(first: 0, last: 0, width: 24)
        try sheet.setColumn(first: 1, last: 13, width: 13)
        var row = 0
        try sheet.write("Campaigns: \(rateName.lowercased()), the post as the unit", row: row, col: 0, format: styles.title); row += 1
        try sheet.write("Control: \(analysis.control ?? "none") · \(section.assignment.unassignedIDs.count) posts in no campaign (left out of the tests)",
                        row: row, col: 0, format: styles.subtitle)
        row += 2
        try header(sheet, row: row, ["Campaign", "Posts", "Impressions", analysis.metric.title, rateName, "95% CI low", "95% CI high",
                                     "Naive Wilson low", "Naive Wilson high", "Mean of post rates", "Mean CI low", "Mean CI high"])
        try header(sheet, row: row, ["Chart x", "Chart x", "Chart low", "Chart high"], from: Self.chartDataColumn)
        row += 1
        let tableStart = row
        for campaign in analysis.campaigns {
            let e = campaign.estimate
            try sheet.write(campaign.name + (campaign.name == analysis.control ? " (control)" : ""), row: row, col: 0,
                            format: campaign.name == analysis.control ? styles.bold : nil)
            try sheet.write(integer: Int64(e.posts), row: row, col: 1, format: styles.integer)
            try sheet.write(integer: e.impressions, row: row, col: 2, format: styles.integer)
            try sheet.write(integer: e.events, row: row, col: 3, format: styles.integer)
            try sheet.write(e.rate, row: row, col: 4, format: styles.percent)
            try sheet.write(e.interval?.low, row: row, col: 5, format: styles.percent)
            try sheet.write(e.interval?.high, row: row, col: 6, format: styles.percent)
            try sheet.write(e.naiveWilson?.low, row: row, col: 7, format: styles.percent)
            try sheet.write(e.naiveWilson?.high, row: row, col: 8, format: styles.percent)
            try sheet.write(e.meanOfPostRates, row: row, col: 9, format: styles.percent)
            try sheet.write(e.meanInterval?.low, row: row, col: 10, format: styles.percent)
            try sheet.write(e.meanInterval?.high, row: row, col: 11, format: styles.percent)
            if let rate = e.rate {
                // Chart data in the same row (rows are written in order for constant-memory mode).
                let x = Double(row - tableStart + 1)
                try sheet.write(x, row: row, col: Self.chartDataColumn)
                try sheet.write(x, row: row, col: Self.chartDataColumn + 1)
                try sheet.write(e.interval?.low ?? rate, row: row, col: Self.chartDataColumn + 2, format: styles.percent)
                try sheet.write(e.interval?.high ?? rate, row: row, col: Self.chartDataColumn + 3, format: styles.percent)
            }
            row += 1
        }
        try sheet.write("Naive Wilson: \(RateEstimate.naiveLabel), shown for contrast only.", row: row, col: 0, format: styles.note)
        row += 2

        if !analysis.comparisons.isEmpty {
            try header(sheet, row: row, ["Campaign vs control", "Relative lift", "Lift CI low", "Lift CI high", "Absolute lift",
                                         "p (post level)", "p (Holm)", "Welch p", "Mann–Whitney p", "Bootstrap CI low",
                                         "Bootstrap CI high", "Bootstrap draws", "Min. detectable lift", "Verdict"])
            try sheet.setColumn(first: 13, last: 13, width: 90)
            row += 1
            for c in analysis.comparisons {
                try sheet.write("\(c.campaign) vs \(c.control)", row: row, col: 0)
                try sheet.write(c.lift, row: row, col: 1, format: styles.percentChange)
                try sheet.write(c.liftInterval?.low, row: row, col: 2, format: styles.percentChange)
                try sheet.write(c.liftInterval?.high, row: row, col: 3, format: styles.percentChange)
                try sheet.write(c.absoluteLift, row: row, col: 4, format: styles.percent)
                try sheet.write(c.pValue, row: row, col: 5, format: styles.decimal)
                try sheet.write(c.pValueHolm, row: row, col: 6, format: styles.decimal)
                try sheet.write(c.welch?.pValue, row: row, col: 7, format: styles.decimal)
                try sheet.write(c.mannWhitney?.pValue, row: row, col: 8, format: styles.decimal)
                try sheet.write(c.bootstrapInterval?.low, row: row, col: 9, format: styles.percentChange)
                try sheet.write(c.bootstrapInterval?.high, row: row, col: 10, format: styles.percentChange)
                try sheet.write(integer: Int64(c.bootstrapDrawsUsed), row: row, col: 11, format: styles.integer)
                try sheet.write(c.minimumDetectableLift, row: row, col: 12, format: styles.percentChange)
                try sheet.write(c.verdict, row: row, col: 13)
                row += 1
            }
            row += 1
        }
        for note in analysis.notes + section.assignment.warnings {
            try sheet.write(note, row: row, col: 0, format: styles.note); row += 1
        }
        row += 1
        try intervalChart(sheet, at: row, tableStart: tableStart, campaigns: analysis.campaigns, control: analysis.control, rateName: rateName)
    }

    /// Column of the chart data (x, low, high) written beside the campaign table.
    static let chartDataColumn = 14

    /// The interval chart over the campaign table's rows.
    private func intervalChart(_ sheet: Worksheet, at chartRow: Int, tableStart: Int,
                               campaigns: [CampaignAnalysis.Campaign], control: String?, rateName: String) throws {
        guard campaigns.contains(where: { $0.estimate.rate != nil }) else { return }
        let xCol = Self.chartDataColumn
        let chart = try workbook.addChart(.scatterLines)
        try chart.setTitle("\(rateName) with 95% intervals (post as the unit)")
        let isControl = { (c: CampaignAnalysis.Campaign) in c.name == control }
        for (index, campaign) in campaigns.enumerated() where campaign.estimate.rate != nil {
            let row = tableStart + index
            let colour = isControl(campaign) ? Color(rgb: 0x5F6B76) : Color(rgb: 0x2F6DB5)
            // (x, low) to (x, high): a vertical segment at the campaign's position.
            try chart.addSeries(name: campaign.name,
                                categories: SheetRange(sheet: "Campaigns", firstRow: row, firstCol: xCol, lastRow: row, lastCol: xCol + 1),
                                values: SheetRange(sheet: "Campaigns", firstRow: row, firstCol: xCol + 2, lastRow: row, lastCol: xCol + 3),
                                style: .init(color: colour, lineWidth: 3))
        }
        let first = tableStart, last = tableStart + campaigns.count - 1
        try chart.addSeries(name: "Rate", categories: SheetRange(sheet: "Campaigns", firstRow: first, firstCol: xCol, lastRow: last, lastCol: xCol),
                            values: SheetRange(sheet: "Campaigns", firstRow: first, firstCol: 4, lastRow: last, lastCol: 4),
                            style: .markersOnly(.diamond, color: Color(rgb: 0xE07B39), size: 9))
        try chart.setYAxisNumberFormat("0.0%")
        try chart.setXAxisTitle(campaigns.enumerated().map { "\($0.offset + 1) = \($0.element.name)\(isControl($0.element) ? " (control)" : "")" }
            .joined(separator: ", "))
        try chart.setLegend(.none)
        try chart.setSize(width: 760, height: 380)
        try sheet.insertChart(chart, row: chartRow, col: 0)
    }

    // MARK: BestHours

    /// The 7 × 24 grid of shrunk rates under a three-colour scale, the matching post counts,
    /// the recommendations in words and as a table, and the audience activity when known.
    func bestHours() throws {
        let result = report.bestHours
        let sheet = try workbook.addWorksheet("BestHours")
        try sheet.setColumn(first: 0, last: 0, width: 14)
        try sheet.setColumn(first: 1, last: 24, width: 6.5)
        var row = 0
        try sheet.write("Best hours to post (\(result.objective.phrase), times in \(report.timeZoneName))", row: row, col: 0, format: styles.title)
        row += 1
        for sentence in result.sentences(audience: report.audience) {
            try sheet.write(sentence, row: row, col: 0); row += 1
        }
        row += 1
        let days = BestHoursWeekday.ordered(startingOn: report.options.weekStart)
        let perImpression = result.objective.key.hasSuffix("_per_post") == false
        let gridFormat = perImpression ? styles.percent : styles.decimal
        func grid(title: String, value: (BestHoursCell) -> Double?, format: Format) throws -> CellRange {
            try sheet.write(title, row: row, col: 0, format: styles.bold); row += 1
            try header(sheet, row: row, ["Weekday"] + (0..<24).map { "\($0)h" }); row += 1
            let first = row
            for day in days {
                try sheet.write(day.name, row: row, col: 0)
                for hour in 0..<24 {
                    try sheet.write(result.cell(weekday: day, hour: hour).flatMap(value), row: row, col: hour + 1, format: format)
                }
                row += 1
            }
            row += 1
            return CellRange(firstRow: first, firstCol: 1, lastRow: first + days.count - 1, lastCol: 24)
        }
        let rates = try grid(title: "Estimated \(result.objective.phrase) by slot (shrunk toward your baseline)", value: { $0.rate }, format: gridFormat)
        try sheet.conditionalFormat3ColorScale(rates, minColor: Color(rgb: 0xF8696B), midColor: Color(rgb: 0xFFEB84), maxColor: Color(rgb: 0x63BE7B))
        let counts = try grid(title: "Posts published in each slot", value: { Double($0.posts) }, format: styles.integer)
        try sheet.conditionalFormat3ColorScale(counts, minColor: .white, midColor: Color(rgb: 0xC6DBEF), maxColor: Color(rgb: 0x2F6DB5))

        try sheet.write("Recommendations", row: row, col: 0, format: styles.bold); row += 1
        if result.recommendations.isEmpty {
            try sheet.write(result.status == .notEnoughData ? "Not enough data for a recommendation." : "No slot has enough posts to recommend.",
                            row: row, col: 0, format: styles.note)
            row += 1
        } else {
            try header(sheet, row: row, ["Slot", "Rate", "CI low", "CI high", "Posts", "Confidence"]); row += 1
            for r in result.recommendations {
                try sheet.write(r.slot.description, row: row, col: 0)
                try sheet.write(r.rate, row: row, col: 1, format: gridFormat)
                try sheet.write(r.ciLow, row: row, col: 2, format: gridFormat)
                try sheet.write(r.ciHigh, row: row, col: 3, format: gridFormat)
                try sheet.write(integer: Int64(r.posts), row: row, col: 4, format: styles.integer)
                try sheet.write(r.confidence.rawValue, row: row, col: 5)
                row += 1
            }
        }
        for note in result.notes {
            try sheet.write(note, row: row, col: 0, format: styles.note); row += 1
        }
        guard let audience = report.audience else { return }
        row += 1
        try sheet.write("When your audience engages (share of engagements and impressions by local hour, from hourly API data)",
                        row: row, col: 0, format: styles.bold)
        row += 1
        try header(sheet, row: row, ["Hour", "Engagements", "Impressions"]); row += 1
        for (hour, share) in audience.byHour.enumerated() {
            try sheet.write("\(hour)h", row: row, col: 0)
            try sheet.write(share.engagements, row: row, col: 1, format: styles.percent)
            try sheet.write(share.impressions, row: row, col: 2, format: styles.percent)
            row += 1
        }
    }
}
