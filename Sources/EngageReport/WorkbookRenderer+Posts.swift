import EngageAnalysis
import EngageModel
import Foundation
import XLSX

/// The Posts sheet, written from the draft while the analysis still runs.
struct PostsSheet: SheetWriting {
    /// Posts whose Link cell is a clickable hyperlink; later rows carry the address as text.
    /// Each hyperlink is a relationship libxlsxwriter keeps in memory until the workbook closes and
    /// Excel parses on open: at 100,000 posts the 65,530 Excel allows cost 160 MB and 40% of the
    /// zip time, for links nobody scrolls to. Closing the workbook takes about 2 KB more per link
    /// for a moment (measured: 21 MB at 10,000 links, the peak of a million-post report).
    /// A weekly or monthly report is below this.
    static let clickableLinks = 2_000

    let draft: ReportDraft
    let workbook: Workbook
    let styles: WorkbookStyles

    var clock: LocalClock { draft.options.clock }
    var printLayout: PrintLayout { PrintLayout(draft) }

    /// One row per post: id (as text, so Excel cannot round it), local time, text, campaign, every
    /// metric with a value somewhere in the period, the engagement rate and a clickable link.
    func write() throws {
        let sheet = try workbook.addWorksheet("Posts")
        // The campaign of each post, by position (the assignment was made from these posts).
        let groups = draft.assignment?.campaigns ?? []
        var campaignOfPost = [Int32](repeating: -1, count: groups.isEmpty ? 0 : draft.posts.count)
        for (number, group) in groups.enumerated() {
            for position in group.positions { campaignOfPost[position] = Int32(number) }
        }
        let hasCampaigns = draft.assignment != nil
        let metrics = draft.postMetrics
        var titles = ["Post id", "Posted (\(draft.timeZoneName))", "Text"]
        if hasCampaigns { titles.append("Campaign") }
        titles += metrics.map(\.title) + ["Engagement rate", "Link"]
        try header(sheet, row: 0, titles)
        let firstMetric = hasCampaigns ? 4 : 3
        let rateColumn = firstMetric + metrics.count
        try sheet.setColumn(first: 0, last: 0, width: 21)
        try sheet.setColumn(first: 1, last: 1, width: 17)
        try sheet.setColumn(first: 2, last: 2, width: 60)
        if hasCampaigns { try sheet.setColumn(first: 3, last: 3, width: 16) }
        if !metrics.isEmpty { try sheet.setColumn(first: firstMetric, last: rateColumn - 1, width: 12) }
        try sheet.setColumn(first: rateColumn, last: rateColumn, width: 12)
        try sheet.setColumn(first: rateColumn + 1, last: rateColumn + 1, width: 44)
        try sheet.freezePanes(row: 1, col: 1)
        let shown = min(draft.posts.count, Sheets.gridDataRows)
        try sheet.autofilter(firstRow: 0, firstCol: 0, lastRow: max(1, shown), lastCol: rateColumn + 1)
        // The links are left off paper, where they cannot be followed.
        try printLayout.apply(to: sheet, lastRow: max(1, shown), lastCol: rateColumn, headerRows: 0...0, landscape: true)

        for (index, post) in draft.posts.prefix(shown).enumerated() {
            let row = index + 1
            try sheet.write(String(post.id), row: row, col: 0)
            try sheet.write(serial(post.postedAt), row: row, col: 1, format: styles.dateTime)
            try sheet.write(post.text, row: row, col: 2)
            if hasCampaigns, campaignOfPost[index] >= 0 {
                try sheet.write(groups[Int(campaignOfPost[index])].definition.name, row: row, col: 3)
            }
            for (offset, metric) in metrics.enumerated() {
                if let value = post.metrics[metric] {
                    try sheet.write(Double(value), row: row, col: firstMetric + offset)
                }
            }
            if let rate = post.engagementRate { try sheet.write(rate, row: row, col: rateColumn, format: styles.percent) }
            if index < Self.clickableLinks {
                try sheet.writeURL(Self.link(post), row: row, col: rateColumn + 1, format: styles.link)
            } else {
                try sheet.write(Self.link(post), row: row, col: rateColumn + 1)
            }
        }
        if let reason = draft.postsAbsentReason {
            try sheet.write(reason, row: 1, col: 0, format: styles.note)
        }
        if let note = Sheets.leftOut(draft.posts.count, "post", "posts") {
            try sheet.write(note, row: shown + 1, col: 0, format: styles.note)
        }
    }
}

extension Sheets {
    // MARK: Daily

    /// Every day of the period, one row each: the posts published that day (columns B–E); the
    /// account's own totals from daily or account overview exports (from column G); follower growth
    /// (new follows, unfollows, net) when an overview export gives unfollows. A day that no input of
    /// a group covers is blank in that group, never 0.
    func daily() throws {
        let sheet = try workbook.addWorksheet("Daily")
        let days = report.daily
        try header(sheet, row: 0, ["Day", "Posts", "Post impressions", "Post engagements", "Post engagement rate"])
        try sheet.setColumn(first: 0, last: 0, width: 15)
        try sheet.setColumn(first: 1, last: 4, width: 13)
        let account = Dictionary(report.accountDaily.map { ($0.day, $0) }, uniquingKeysWith: { _, b in b })
        let growth = report.account?.hasFollowerGrowth == true
        let followerMetrics: [Metric] = growth ? [.follows, .unfollows] : []
        let accountMetrics = Metric.allCases.filter { m in !followerMetrics.contains(m) && report.accountDaily.contains { $0.metrics.has(m) } }
        let accountColumn = 6
        let accountRateColumn = accountColumn + accountMetrics.count
        let followerColumn = accountRateColumn + 2
        if report.account != nil {
            try header(sheet, row: 0, accountMetrics.map { "Account " + Findings.inSentence($0.title) } + ["Account engagement rate"], from: accountColumn)
            try sheet.setColumn(first: accountColumn, last: accountRateColumn, width: 13)
            if growth {
                try header(sheet, row: 0, ["New follows", "Unfollows", "Net follows"], from: followerColumn)
                try sheet.setColumn(first: followerColumn, last: followerColumn + 2, width: 12)
            }
        }
        try sheet.freezePanes(row: 1, col: 1)
        // Room below the days for the notes (the charts go beside the table, where the sheet opens).
        let shown = min(days.count, Sheets.gridDataRows - 40)
        let chartColumn = report.account == nil ? 6 : (growth ? followerColumn + 4 : accountRateColumn + 2)
        let lastRow = shown + 3
        try printLayout.apply(to: sheet, lastRow: days.isEmpty ? lastRow : max(lastRow, 34), lastCol: days.isEmpty ? chartColumn - 2 : chartColumn + 9,
                              headerRows: 0...0, landscape: true)
        for (index, day) in days.prefix(shown).enumerated() {
            let row = index + 1
            try sheet.write(Self.serial(day.day), row: row, col: 0, format: styles.date)
            if day.isCovered {
                try sheet.write(integer: Int64(day.posts), row: row, col: 1, format: styles.integer)
                try sheet.write(integer: day.impressions, row: row, col: 2, format: styles.integer)
                try sheet.write(integer: day.engagements, row: row, col: 3, format: styles.integer)
                try sheet.write(day.engagementRate, row: row, col: 4, format: styles.percent)
            }
            guard let values = account[day.day]?.metrics else { continue }
            for (offset, metric) in accountMetrics.enumerated() {
                try sheet.write(integer: values[metric], row: row, col: accountColumn + offset, format: styles.integer)
            }
            if let i = values[.impressions], i > 0, let e = values[.engagements] {
                try sheet.write(Double(e) / Double(i), row: row, col: accountRateColumn, format: styles.percent)
            }
            if growth {
                try sheet.write(integer: values[.follows], row: row, col: followerColumn, format: styles.integer)
                try sheet.write(integer: values[.unfollows], row: row, col: followerColumn + 1, format: styles.integer)
                if let new = values[.follows], let lost = values[.unfollows] {
                    try sheet.write(integer: new - lost, row: row, col: followerColumn + 2, format: styles.integer)
                }
            }
        }
        var noteRow = shown + 2
        if let note = Sheets.leftOut(days.count, "day", "days", room: Sheets.gridDataRows - 40, counted: "the totals count them all") {
            try sheet.write(note, row: shown + 1, col: 0, format: styles.note)
        }
        var notes = ["Blank cells are days no input covers: unknown, not zero."]
        if report.account != nil {
            notes.append("Columns G onward come from the daily and account overview exports: " + Report.totalsNote)
        }
        for note in notes {
            try sheet.write(note, row: noteRow, col: 0, format: styles.note)
            noteRow += 1
        }
        guard !days.isEmpty else { return }
        // Two charts: their scales differ by orders of magnitude and libxlsxwriter 1.1.4 has no secondary axis.
        // The account's own columns when they make the headline (they count every post, old ones included).
        let accountImpressions = report.headlineFromAccount ? accountMetrics.firstIndex(of: .impressions).map { accountColumn + $0 } : nil
        let source = accountImpressions == nil ? "posts published each day" : "account totals"
        let charts: [(String, Int, UInt32, String)] = [
            ("Impressions by day", accountImpressions ?? 2, 0x2F6DB5, "#,##0"),
            ("Engagement rate by day", accountImpressions == nil ? 4 : accountRateColumn, 0xE07B39, "0.0%"),
        ]
        for (offset, (title, column, colour, format)) in charts.enumerated() {
            let chart = try workbook.addChart(.line)
            try chart.setTitle("\(title) (\(source)), \(report.periodText)")
            try chart.addSeries(name: title,
                                categories: SheetRange(sheet: "Daily", firstRow: 1, firstCol: 0, lastRow: shown, lastCol: 0),
                                values: SheetRange(sheet: "Daily", firstRow: 1, firstCol: column, lastRow: shown, lastCol: column),
                                style: .init(color: Color(rgb: colour), lineWidth: 2))
            try chart.setXAxisNumberFormat("mmm d")
            try chart.setYAxisNumberFormat(format)
            try chart.setLegend(.none)
            try chart.setSize(width: 620, height: 320)
            try sheet.insertChart(chart, row: 1 + offset * 17, col: chartColumn)
        }
    }

    // MARK: TopPosts

    /// One block per ranking: rank, id, time, text, then impressions, engagements and the rate
    /// (and the ranked count when it is another), the ranked column's title marked "▼".
    func topPosts() throws {
        let sheet = try workbook.addWorksheet("TopPosts")
        try sheet.setColumn(first: 0, last: 0, width: 6)
        try sheet.setColumn(first: 1, last: 1, width: 21)
        try sheet.setColumn(first: 2, last: 2, width: 17)
        try sheet.setColumn(first: 3, last: 3, width: 70)
        try sheet.setColumn(first: 4, last: 7, width: 15)
        var row = 0
        if report.topPosts.isEmpty {
            try sheet.write(report.postsAbsentReason ?? "No posts with counts in this period.", row: 0, col: 0, format: styles.note)
        }
        for list in report.topPosts {
            try sheet.write(list.ranking.title, row: row, col: 0, format: styles.bold)
            if let note = list.note { try sheet.write(note, row: row, col: 3, format: styles.note) }
            row += 1
            var columns: [(title: String, ranking: TopPosts.Ranking)] = [("Impressions", .impressions), ("Engagements", .engagements),
                                                                        ("Engagement rate", .engagementRate)]
            if !columns.contains(where: { $0.ranking == list.ranking }) { columns.append((list.ranking.metric.title, list.ranking)) }
            try header(sheet, row: row, ["Rank", "Post id", "Posted", "Text"] + columns.map { $0.ranking == list.ranking ? "\($0.title) ▼" : $0.title })
            row += 1
            for (rank, entry) in list.entries.enumerated() {
                try sheet.write(integer: Int64(rank + 1), row: row, col: 0)
                try sheet.write(String(entry.post.id), row: row, col: 1)
                try sheet.write(serial(entry.post.postedAt), row: row, col: 2, format: styles.dateTime)
                try sheet.writeURL(Self.link(entry.post), text: Findings.excerpt(entry.post.text, limit: 200), row: row, col: 3, format: styles.link)
                for (offset, column) in columns.enumerated() {
                    if column.ranking == .engagementRate {
                        try sheet.write(entry.post.engagementRate, row: row, col: 4 + offset, format: styles.percent)
                    } else {
                        try sheet.write(integer: entry.post.metrics[column.ranking.metric], row: row, col: 4 + offset, format: styles.integer)
                    }
                }
                row += 1
            }
            row += 1
        }
        try printLayout.apply(to: sheet, lastRow: max(0, row - 1), lastCol: 7, headerRows: nil, landscape: true)
    }
}
