import EngageAnalysis
import EngageModel
import XLSX

extension Sheets {
    // MARK: Trend

    /// One row per week of the trend, oldest first: the week's posts, impressions, engagements and
    /// engagement rate with its 95% interval (the post as the unit), and follower growth from the
    /// account rows. Weeks without data are blank rows, not zeros.
    func trend() throws {
        guard let trend = report.shownTrend else { return }
        let sheet = try workbook.addWorksheet("Trend")
        try header(sheet, row: 0, ["Week starting", "Week ending", "Posts", "Impressions", "Engagements", "Engagement rate",
                                   "95% CI low", "95% CI high", "New follows", "Unfollows", "Net follows"])
        try sheet.setColumn(first: 0, last: 1, width: 15)
        try sheet.setColumn(first: 2, last: 10, width: 13)
        try sheet.freezePanes(row: 1, col: 1)
        let notes = [
            "Posts, impressions, engagements and the rate add up the lifetime counts of the posts published each week; the interval treats the post as the unit.",
            "New follows, unfollows and net follows come from the daily and account overview rows of the week.",
            "Blank cells are weeks (or figures) the inputs do not cover: unknown, not zero.",
        ]
        let lastRow = trend.weeks.count + 1 + notes.count
        try printLayout.apply(to: sheet, lastRow: lastRow, lastCol: 10, headerRows: 0...0, landscape: true)
        let formats = [styles.integer, styles.integer, styles.integer, styles.percent, styles.percent, styles.percent,
                       styles.integer, styles.integer, styles.integer]
        for (index, week) in trend.weeks.enumerated() {
            let row = index + 1
            try sheet.write(Self.serial(week.start), row: row, col: 0, format: styles.date)
            try sheet.write(Self.serial(week.end), row: row, col: 1, format: styles.date)
            for (offset, value) in Self.trendFigures(week).enumerated() {
                try sheet.write(value, row: row, col: 2 + offset, format: formats[offset])
            }
        }
        for (offset, note) in notes.enumerated() {
            try sheet.write(note, row: trend.weeks.count + 2 + offset, col: 0, format: styles.note)
        }
    }

    /// A week's figures in the sheet's column order, `nil` for unknown. Kept out of line: reading
    /// the week's optional summaries inside `trend()`'s throwing loop crashes Swift 6.3.1's
    /// optimiser (CopyPropagation) in release builds.
    @inline(never)
    static func trendFigures(_ week: WeeklyTrend.Week) -> [Double?] {
        [week.posts.map(Double.init), week.impressions.map(Double.init), week.engagements.map(Double.init),
         week.rate?.rate, week.rate?.interval?.low, week.rate?.interval?.high,
         week.newFollows.map(Double.init), week.unfollows.map(Double.init), week.netFollows.map(Double.init)]
    }
}
