import EngageAnalysis
import EngageModel
import Foundation
import XLSX

extension Sheets {
    // MARK: Campaigns

    /// The campaign table, the comparisons against the control with their verdicts, and a native
    /// chart of each campaign's 95% interval as a floating bar beside its name with a dark mark
    /// at the estimate (libxlsxwriter has no custom error bars and LibreOffice ignores high-low
    /// lines; stacked bars over an invisible offset draw the same everywhere).
    func campaigns() throws {
        guard let section = report.campaigns else { return }
        let analysis = section.analysis
        let sheet = try workbook.addWorksheet("Campaigns")
        let rateName = analysis.metric == .engagements ? "Engagement rate" : "\(analysis.metric.title) per impression"
        try sheet.setColumn(first: 0, last: 0, width: 24)
        try sheet.setColumn(first: 1, last: 12, width: 13)
        try sheet.setColumn(first: 13, last: 13, width: analysis.comparisons.isEmpty ? 13 : 90)
        try sheet.setColumn(first: Self.chartDataColumn, last: Self.chartDataColumn + 3, width: 13)
        var row = 0
        try sheet.write("Campaigns: \(rateName.lowercased()), the post as the unit", row: row, col: 0, format: styles.title); row += 1
        try sheet.write("Control: \(analysis.control ?? "none") · \(section.assignment.unassignedIDs.count) posts in no campaign (left out of the tests)",
                        row: row, col: 0, format: styles.subtitle)
        row += 2
        try header(sheet, row: row, ["Campaign", "Posts", "Impressions", analysis.metric.title,
                                     "Per-post rate (weighted)", "95% CI low", "95% CI high",
                                     "Total rate (Σ/Σ)", "95% CI low", "95% CI high", "Naive Wilson low", "Naive Wilson high"])
        try header(sheet, row: row, ["Chart: interval start", "Chart: to the estimate", "Chart: estimate mark", "Chart: to the interval end"],
                   from: Self.chartDataColumn)
        row += 1
        let tableStart = row
        // The chart shows the weighted rate, the figure the lifts are measured on. Its mark: 1% of the
        // widest interval span, so it shows at any scale.
        let ends = analysis.campaigns.flatMap { [$0.weighted.interval?.low, $0.weighted.interval?.high, $0.weighted.mean] }.compactMap { $0 }
        let markWidth = ((ends.max() ?? 0) - (ends.min() ?? 0)) / 100
        for campaign in analysis.campaigns {
            let e = campaign.estimate
            try sheet.write(campaign.name + (campaign.name == analysis.control ? " (control)" : ""), row: row, col: 0,
                            format: campaign.name == analysis.control ? styles.bold : nil)
            try sheet.write(integer: Int64(e.posts), row: row, col: 1, format: styles.integer)
            try sheet.write(integer: e.impressions, row: row, col: 2, format: styles.integer)
            try sheet.write(integer: e.events, row: row, col: 3, format: styles.integer)
            let w = campaign.weighted
            try sheet.write(w.mean, row: row, col: 4, format: styles.percent)
            try sheet.write(w.interval?.low, row: row, col: 5, format: styles.percent)
            try sheet.write(w.interval?.high, row: row, col: 6, format: styles.percent)
            try sheet.write(e.rate, row: row, col: 7, format: styles.percent)
            try sheet.write(e.interval?.low, row: row, col: 8, format: styles.percent)
            try sheet.write(e.interval?.high, row: row, col: 9, format: styles.percent)
            try sheet.write(e.naiveWilson?.low, row: row, col: 10, format: styles.percent)
            try sheet.write(e.naiveWilson?.high, row: row, col: 11, format: styles.percent)
            if let rate = w.mean {
                // Chart data in the same row (rows are written in order for constant-memory mode):
                // the four stacked lengths of the floating bar, the mark centred on the estimate.
                let low = w.interval?.low ?? rate, high = w.interval?.high ?? rate
                let mark = min(markWidth, high - low) / 2
                let lengths = [low - mark, max(0, rate - low - mark), 2 * mark, max(0, high - rate - mark)]
                for (offset, length) in lengths.enumerated() {
                    try sheet.write(length, row: row, col: Self.chartDataColumn + offset, format: styles.percent)
                }
            }
            row += 1
        }
        try sheet.write("Naive Wilson: \(RateEstimate.naiveLabel), shown for contrast only.", row: row, col: 0, format: styles.note)
        row += 2

        if !analysis.comparisons.isEmpty {
            try header(sheet, row: row, ["Campaign vs control", "Relative lift", "Lift CI low", "Lift CI high", "Absolute lift",
                                         "p (post level)", "p (Holm)", "Welch p", "Mann–Whitney p", "Bootstrap CI low",
                                         "Bootstrap CI high", "Bootstrap draws", "Min. detectable lift", "Verdict"])
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
        let chartRows = try intervalChart(sheet, at: row, tableStart: tableStart, campaigns: analysis.campaigns, rateName: rateName)
        // The chart's data columns stay off paper.
        try printLayout.apply(to: sheet, lastRow: row + chartRows, lastCol: Self.chartDataColumn - 1, headerRows: nil, landscape: true)
    }

    /// Column of the chart data (x, low, high) written beside the campaign table.
    static let chartDataColumn = 14

    /// The interval chart over the campaign table's rows, campaign names on its axis.
    /// - Returns: the rows it covers (0 when no campaign has a rate).
    private func intervalChart(_ sheet: Worksheet, at chartRow: Int, tableStart: Int,
                               campaigns: [CampaignAnalysis.Campaign], rateName: String) throws -> Int {
        guard campaigns.contains(where: { $0.weighted.mean != nil }) else { return 0 }
        let chart = try workbook.addChart(.stackedBar)
        try chart.setTitle("\(rateName) per post, weighted (what the lifts compare): 95% intervals (bars) and estimates (dark marks)")
        let first = tableStart, last = tableStart + campaigns.count - 1
        let names = SheetRange(sheet: "Campaigns", firstRow: first, firstCol: 0, lastRow: last, lastCol: 0)
        func column(_ offset: Int) -> SheetRange {
            SheetRange(sheet: "Campaigns", firstRow: first, firstCol: Self.chartDataColumn + offset, lastRow: last, lastCol: Self.chartDataColumn + offset)
        }
        let bar = Chart.SeriesStyle(color: Color(rgb: 0x9FC3E7)), mark = Chart.SeriesStyle(color: Color(rgb: 0x1F2933))
        try chart.addSeries(name: "Interval start", categories: names, values: column(0), style: .invisibleBars)
        try chart.addSeries(name: "Interval below the estimate", categories: names, values: column(1), style: bar)
        try chart.addSeries(name: "Estimate", categories: names, values: column(2), style: mark)
        try chart.addSeries(name: "Interval above the estimate", categories: names, values: column(3), style: bar)
        try chart.reverseXAxis()
        try chart.labelEveryXAxisCategory()
        try chart.setYAxisNumberFormat("0.0%")
        try chart.setYAxisTitle("\(rateName) per post (weighted by effective impressions)")
        try chart.setLegend(.none)
        let height = 150 + 50 * campaigns.count
        try chart.setSize(width: 760, height: height)
        try sheet.insertChart(chart, row: chartRow, col: 0)
        return height / 20 + 1
    }

    // MARK: BestHours

    /// The 7 × 24 grid of the estimates the recommendations rank (shrunk toward the baseline),
    /// coloured as the PNG is: red below the account's average, green above, slots with fewer
    /// than ``BestHoursOptions/minimumPostsPerSlot`` posts hatched, slots without posts grey and
    /// empty, recommended slots outlined; a legend under the grid. Then the matching post counts,
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
        let numberFormat = perImpression ? "0.00%" : "0.0000"
        let thin = BestHoursOptions(objective: result.objective).minimumPostsPerSlot
        let recommended = Set(result.recommendations.map(\.slot))
        let colours = HeatColours(values: result.cells.filter { $0.posts > 0 }.compactMap(\.rate), middle: result.baseline)
        func cellFormat(_ cell: BestHoursCell?, marked: Bool) throws -> Format {
            guard let cell, cell.posts > 0, let rate = cell.rate else {
                return try workbook.addFormat(FormatSpec(fillColor: HeatColours.empty))
            }
            return try workbook.addFormat(FormatSpec(bold: marked, fillColor: colours.colour(rate), numberFormat: numberFormat,
                                                     border: marked ? .medium : nil, borderColor: marked ? Color(rgb: 0x1F2933) : nil,
                                                     hatchColor: cell.posts < thin ? HeatColours.hatch : nil))
        }

        try sheet.write("Estimated \(result.objective.phrase) by slot (shrunk toward your baseline; the estimate the recommendations rank)",
                        row: row, col: 0, format: styles.bold)
        row += 1
        try header(sheet, row: row, ["Weekday"] + (0..<24).map { "\($0)h" }); row += 1
        for day in days {
            try sheet.write(day.name, row: row, col: 0)
            for hour in 0..<24 {
                let cell = result.cell(weekday: day, hour: hour)
                let marked = recommended.contains(BestHoursSlot(weekday: day, hour: hour))
                    || recommended.contains(BestHoursSlot(weekday: nil, hour: hour)) && (cell?.posts ?? 0) > 0
                let format = try cellFormat(cell, marked: marked)
                if let cell, cell.posts > 0, let rate = cell.rate {
                    try sheet.write(rate, row: row, col: hour + 1, format: format)
                } else {
                    try sheet.writeBlank(row: row, col: hour + 1, format: format)
                }
            }
            row += 1
        }
        // The legend, one key per cell: low, average, high, thin, empty, recommended.
        var keys: [(Format, String)] = []
        if let low = colours.low, let high = colours.high {
            keys.append((try workbook.addFormat(FormatSpec(fillColor: colours.colour(low))), "lowest \(Self.text(low, perImpression))"))
            if let middle = result.baseline {
                keys.append((try workbook.addFormat(FormatSpec(fillColor: colours.colour(middle))), "your average \(Self.text(middle, perImpression))"))
            }
            keys.append((try workbook.addFormat(FormatSpec(fillColor: colours.colour(high))), "highest \(Self.text(high, perImpression))"))
        }
        keys.append((try workbook.addFormat(FormatSpec(fillColor: colours.colour(colours.middle), hatchColor: HeatColours.hatch)),
                     "hatched: fewer than \(thin) posts, less certain"))
        keys.append((try workbook.addFormat(FormatSpec(fillColor: HeatColours.empty)), "grey and empty: no posts"))
        keys.append((try workbook.addFormat(FormatSpec(bold: true, border: .medium, borderColor: Color(rgb: 0x1F2933))), "outlined: recommended"))
        row += 1
        for (format, label) in keys {
            try sheet.writeBlank(row: row, col: 1, format: format)
            try sheet.write(label, row: row, col: 2)
            row += 1
        }
        row += 1
        try sheet.write("Posts published in each slot", row: row, col: 0, format: styles.bold); row += 1
        try header(sheet, row: row, ["Weekday"] + (0..<24).map { "\($0)h" }); row += 1
        let countsStart = row
        for day in days {
            try sheet.write(day.name, row: row, col: 0)
            for hour in 0..<24 {
                try sheet.write(integer: result.cell(weekday: day, hour: hour).map { Int64($0.posts) }, row: row, col: hour + 1, format: styles.integer)
            }
            row += 1
        }
        try sheet.conditionalFormat3ColorScale(CellRange(firstRow: countsStart, firstCol: 1, lastRow: row - 1, lastCol: 24),
                                               minColor: .white, midColor: Color(rgb: 0xC6DBEF), maxColor: Color(rgb: 0x2F6DB5))
        row += 1

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
        guard let audience = report.audience else {
            return try printLayout.apply(to: sheet, lastRow: row - 1, lastCol: 24, headerRows: nil, landscape: true)
        }
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
        try printLayout.apply(to: sheet, lastRow: row - 1, lastCol: 24, headerRows: nil, landscape: true)
    }

    /// `2.41%` or `1.2345` (per post), for the legend.
    private static func text(_ value: Double, _ perImpression: Bool) -> String {
        perImpression ? Findings.percent(value) : String(format: "%.4f", value)
    }
}
