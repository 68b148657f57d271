import Charts
import EngageAnalysis
import EngageModel
import Foundation

/// The report as a multi-page PDF a manager reads on a phone: the headline (KPI tiles with
/// period-over-period change and the findings) and the daily trend on page 1, then top posts,
/// campaigns, best hours, the video funnel when there is video, and data issues with the
/// methodology last. Charts are the same values as the PNGs, drawn as vectors.
///
/// Pages are planned first (each a drawing closure; tables measured and split) so that every
/// footer can say "Page N of M". The creation date is pinned, so identical inputs give
/// identical bytes.
public struct PDFRenderer {
    let report: Report

    public init(report: Report) { self.report = report }

    /// Writes the PDF to `path`.
    /// - Throws: ``ChartsError`` when Cairo cannot create or finish the file.
    public func write(to path: String) throws {
        let pdf = try PDFDocument(
            path: path, pageSize: report.options.paper == .letter ? .letter : .a4,
            metadata: .init(title: "\(report.options.title): @\(report.handle) \(report.periodText)",
                            author: report.options.generator,
                            creationDate: PDFDocument.Metadata.isoDate(report.documentDate)))
        let layout = PageLayout(report: report, canvas: pdf.canvas)
        let pages = layout.pages()
        for (index, page) in pages.enumerated() {
            if index > 0 { pdf.newPage() }
            let top = layout.furniture.drawHeader(left: "\(report.options.title) · @\(report.handle)",
                                                  right: "\(report.periodText) · \(report.timeZoneName)",
                                                  in: pdf.canvas, content: layout.content)
            let bottom = layout.furniture.drawFooter(page: index + 1, of: pages.count, left: report.options.generator,
                                                     in: pdf.canvas, content: layout.content)
            page(CGRect(x: layout.content.minX, y: top, width: layout.content.width, height: bottom - top - 10))
        }
        try pdf.close()
    }
}

/// Plans and draws the pages of one PDF.
private struct PageLayout {
    let report: Report
    let canvas: Canvas
    let furniture: PageFurniture
    let charts: ReportCharts

    init(report: Report, canvas: Canvas) {
        self.report = report
        self.canvas = canvas
        charts = ReportCharts(report: report)
        furniture = PageFurniture(theme: charts.theme)
    }

    /// The printable area inside the margins.
    var content: CGRect { canvas.bounds.insetBy(dx: 40, dy: 36) }

    /// One page: draws into the body rectangle between header and footer.
    typealias Page = (CGRect) -> Void

    /// The headline first, then the template's sections in its order.
    func pages() -> [Page] {
        let sections = report.options.sections
        var pages: [Page] = [headline]
        if sections.contains(.daily), let followers = charts.followers {
            let sentences = report.findings.filter { $0.hasPrefix("Followers:") }
            pages.append { body in self.chartPage("Follower growth", followers, sentences: sentences, body) }
        }
        if sections.contains(.daily) { pages += trendPages() }
        for section in sections {
            switch section {
            case .summary, .daily: break  // both are on page 1
            case .topPosts: pages += topPostPages()
            case .campaigns: if report.campaigns != nil { pages.append(campaignPage) }
            case .bestHours: pages.append(bestHoursPage)
            case .video: if let funnel = videoFunnel { pages.append { body in self.section("Video completion", funnel, body) } }
            case .issues: pages += issuePages(withMethods: sections.contains(.methodology))
            case .methodology: if !sections.contains(.issues) { pages.append { body in self.methodology(body) } }
            }
        }
        return pages
    }

    // MARK: Page 1

    private func headline(_ body: CGRect) {
        var y = body.minY
        y += furniture.drawSectionTitle(report.options.title, in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40))
        let tiles = kpiTiles
        let gap = 10.0
        let width = (body.width - gap * Double(tiles.count - 1)) / Double(tiles.count)
        for (i, tile) in tiles.enumerated() {
            tile.draw(in: canvas, rect: CGRect(x: body.minX + Double(i) * (width + gap), y: y, width: width, height: 74))
        }
        y += 74 + 8
        if report.account?.days ?? 0 > 0 {
            let note = report.headlineFromAccount
                ? "Impressions, engagements and rate are account totals from the daily exports (engagement with older posts included); "
                    + "Posts counts the posts published in the period. The two count different things (workbook, Summary sheet)."
                : "The tiles add up the posts published in the period; the account totals below come from the daily exports and "
                    + "include engagement with older posts. The two count different things (workbook, Summary sheet)."
            y += furniture.drawParagraph(note, in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40), maxLines: 3,
                                         color: furniture.theme.secondaryTextColor)
        }
        y += 8
        for sentence in report.findings {
            y += furniture.drawParagraph(sentence, in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 60), maxLines: 4)
        }
        guard report.options.sections.contains(.daily) else { return }
        y += 8
        var daily = charts.daily
        daily.theme.chartPadding = 0
        daily.draw(in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: max(120, min(320, body.maxY - y))))
    }

    /// Posts, impressions, engagements and rate, each with its change on the previous period: the
    /// account's own totals when daily or overview rows cover the period at least as well as the
    /// per-post exports (with net follows when they carry unfollows), else the period's posts.
    private var kpiTiles: [KPITile] {
        func tile(_ key: String, _ label: String, _ value: String, from list: [KPIChange]) -> KPITile {
            guard let change = list.first(where: { $0.key == key }), let sign = change.sign, let text = change.text else {
                return KPITile(label: label, value: value, change: report.previousRange == nil ? "no prior data" : nil,
                               theme: charts.theme)
            }
            return KPITile(label: label, value: value, change: text,
                           direction: sign > 0 ? .up : sign < 0 ? .down : .flat, higherIsBetter: true, theme: charts.theme)
        }
        let posts = tile("posts", "Posts", Findings.grouped(Int64(report.kpis.posts)), from: report.changes)
        if report.headlineFromAccount, let account = report.account {
            let totals = account.totals, changes = report.accountChanges
            var tiles = [
                tile(Metric.impressions.key, "Impressions", totals[.impressions].map(Findings.grouped) ?? "–", from: changes),
                tile(Metric.engagements.key, "Engagements", totals[.engagements].map(Findings.grouped) ?? "–", from: changes),
                tile("engagement_rate", "Engagement rate", account.engagementRate.map(Findings.percent) ?? "–", from: changes),
            ]
            if let net = account.netFollows { tiles.append(tile("net_follows", "Net follows", Findings.signed(net), from: changes)) }
            return tiles + [posts]
        }
        let totals = report.kpis.totals
        var tiles = [
            posts,
            tile(Metric.impressions.key, "Impressions", totals[.impressions].map(Findings.grouped) ?? "–", from: report.changes),
            tile(Metric.engagements.key, "Engagements", totals[.engagements].map(Findings.grouped) ?? "–", from: report.changes),
            tile("engagement_rate", "Engagement rate", report.kpis.engagementRate.rate.map(Findings.percent) ?? "–", from: report.changes),
        ]
        if let account = report.account, account.days > 0, let net = account.netFollows {
            tiles.append(tile("net_follows", "Net follows", Findings.signed(net), from: report.accountChanges))
        }
        return tiles
    }

    // MARK: Trend

    /// The weekly trend: its chart, its sentences and a table of the weeks, the table on pages of
    /// its own when it does not fit under the chart (a long trend).
    private func trendPages() -> [Page] {
        guard let trend = report.shownTrend, var chart = charts.trend else { return [] }
        let follows = trend.weeks.contains { $0.newFollows != nil }
        let widths = [50.0, 74, 76, 56, 110] + (follows ? [70.0] : [])
        var columns: [TableDrawer.Column] = [.init(title: "Week starting", width: content.width - widths.reduce(0, +))]
        for (title, width) in zip(["Posts", "Impressions", "Engagements", "Rate", "95% interval", "Net follows"], widths) {
            columns.append(.init(title: title, width: width, alignment: .right))
        }
        let table = TableDrawer(columns: columns, theme: charts.theme)
        func count(_ value: Int64?) -> String { value.map(Findings.grouped) ?? "–" }
        let rows = trend.weeks.map { week -> [String] in
            let interval: String = week.rate?.interval.map { "\(Findings.percent($0.low)) – \(Findings.percent($0.high))" } ?? "–"
            let rate: String = week.rate?.rate.map(Findings.percent) ?? "–"
            var row: [String] = [week.start.description, count(week.posts.map(Int64.init)), count(week.impressions),
                                 count(week.engagements), rate, interval]
            if follows {
                let net: String = week.netFollows.map(Findings.signed) ?? week.newFollows.map { "+\(Findings.grouped($0)) new" } ?? "–"
                row.append(net)
            }
            return row
        }
        let sentences = trend.sentences()
        chart.theme.chartPadding = 0
        let chartHeight = 260.0
        let body = bodyRect
        let textHeight = sentences.reduce(0) { $0 + furniture.paragraphHeight($1, in: canvas, width: body.width) }
        let tableHeight = table.headerHeight(in: canvas) + rows.reduce(0) { $0 + table.rowHeight($1, in: canvas) }
        let fits = titleHeight("Trend") + chartHeight + 14 + textHeight + 8 + tableHeight <= body.height
        let first: Page = { body in
            var y = body.minY + self.furniture.drawSectionTitle("Trend", in: self.canvas, rect: CGRect(x: body.minX, y: body.minY, width: body.width, height: 40))
            chart.draw(in: self.canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: chartHeight))
            y += chartHeight + 14
            for sentence in sentences {
                y += self.furniture.drawParagraph(sentence, in: self.canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 60), maxLines: 4)
            }
            if fits {
                _ = table.draw(rows: rows, in: self.canvas, at: CGPoint(x: body.minX, y: y + 8), maxHeight: body.maxY - y - 8)
            }
        }
        return fits ? [first] : [first] + paginate(table: table, rows: rows, title: "Trend by week", empty: "", after: nil)
    }

    // MARK: Top posts

    /// Top posts by engagements, then top posts by engagement rate among those with enough
    /// impressions: the first says what reached people, the second what worked per view.
    private func topPostPages() -> [Page] {
        let byEngagements = report.topPosts.first { $0.ranking == .engagements }
        let byRate = report.topPosts.first { $0.ranking == .engagementRate }
        let table = TableDrawer(columns: [
            .init(title: "#", width: 22, alignment: .right),
            .init(title: "Posted", width: 78),
            .init(title: "Post", width: content.width - 22 - 78 - 74 - 70 - 52, maxLines: 2),
            .init(title: "Engagements", width: 74, alignment: .right),
            .init(title: "Impressions", width: 70, alignment: .right),
            .init(title: "Rate", width: 52, alignment: .right),
        ], theme: charts.theme)
        func rows(_ list: TopPosts.List?) -> [[String]] {
            (list?.entries ?? []).enumerated().map { rank, entry in
                [String(rank + 1), clockText(entry.post.postedAt), entry.post.text.replacingOccurrences(of: "\n", with: " "),
                 entry.post.metrics[.engagements].map(Findings.grouped) ?? "–", entry.post.metrics[.impressions].map(Findings.grouped) ?? "–",
                 entry.post.engagementRate.map(Findings.percent) ?? "–"]
            }
        }
        let rateTitle = "Top posts by engagement rate"
            + (byRate?.minimumImpressions.map { " (at least \(NumberText.grouped($0)) impressions)" } ?? "")
        let engagementRows = rows(byEngagements), rateRows = rows(byRate)
        let rateEmpty = "No post reached the minimum impressions."
        func height(_ rows: [[String]], title: String) -> Double {
            titleHeight(title) + table.headerHeight(in: canvas) + rows.reduce(0) { $0 + table.rowHeight($1, in: canvas) } + 16
        }
        // Both lists on one page when they fit, else each on its own.
        guard height(engagementRows, title: "Top posts by engagements") + height(rateRows, title: rateTitle) <= bodyRect.height else {
            return paginate(table: table, rows: engagementRows, title: "Top posts by engagements", empty: report.postsAbsentReason ?? "No posts in this period.", after: nil)
                + paginate(table: table, rows: rateRows, title: rateTitle, empty: rateEmpty, after: nil)
        }
        return [{ body in
            var y = body.minY
            for (title, rows, empty) in [("Top posts by engagements", engagementRows, report.postsAbsentReason ?? "No posts in this period."), (rateTitle, rateRows, rateEmpty)] {
                y += self.furniture.drawSectionTitle(title, in: self.canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40))
                if rows.isEmpty {
                    y += self.furniture.drawParagraph(empty, in: self.canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40))
                } else {
                    y += table.draw(rows: rows, in: self.canvas, at: CGPoint(x: body.minX, y: y), maxHeight: body.maxY - y).height
                }
                y += 16
            }
        }]
    }

    // MARK: Campaigns

    private func campaignPage(_ body: CGRect) {
        guard let analysis = report.campaigns?.analysis, var chart = charts.campaigns else { return }
        var y = body.minY
        y += furniture.drawSectionTitle("Campaigns", in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40))
        chart.theme.chartPadding = 0
        let height = min(300, 90 + 48 * Double(analysis.campaigns.count))
        chart.draw(in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: height))
        y += height + 14
        for comparison in analysis.comparisons {
            y += furniture.drawParagraph("\(comparison.campaign) vs \(comparison.control): \(comparison.verdict).", in: canvas,
                                         rect: CGRect(x: body.minX, y: y, width: body.width, height: 60), maxLines: 3)
        }
        y += 6
        // The weighted rate first: it is what the lifts compare; the total rate Σ/Σ beside it.
        let table = TableDrawer(columns: [
            .init(title: "Campaign", width: body.width - 40 - 70 - 115 - 105 - 70),
            .init(title: "Posts", width: 40, alignment: .right),
            .init(title: "Impressions", width: 70, alignment: .right),
            .init(title: "Per post (weighted)", width: 115, alignment: .right),
            .init(title: "95% interval", width: 105, alignment: .right),
            .init(title: "Total (Σ/Σ)", width: 70, alignment: .right),
        ], theme: charts.theme)
        let rows = analysis.campaigns.map { c -> [String] in
            [c.name + (c.name == analysis.control ? " (control)" : ""), String(c.estimate.posts), Findings.grouped(c.estimate.impressions),
             c.weighted.mean.map(Findings.percent) ?? "–",
             c.weighted.interval.map { "\(Findings.percent($0.low)) – \(Findings.percent($0.high))" } ?? "–",
             c.estimate.rate.map(Findings.percent) ?? "–"]
        }
        let drawn = table.draw(rows: rows, in: canvas, at: CGPoint(x: body.minX, y: y), maxHeight: body.maxY - y - 40)
        y += drawn.height + 8
        for note in analysis.notes where y < body.maxY - 20 {
            y += furniture.drawParagraph(note, in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40), maxLines: 2,
                                         color: furniture.theme.secondaryTextColor)
        }
    }

    // MARK: Best hours

    private func bestHoursPage(_ body: CGRect) {
        var y = body.minY
        y += furniture.drawSectionTitle("Best hours to post", in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40))
        var heatmap = charts.bestHours
        heatmap.theme.chartPadding = 0
        let height = min(300, body.width * 0.5)
        heatmap.draw(in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: height))
        y += height + 14
        for sentence in report.bestHours.sentences(audience: report.audience) where y < body.maxY - 30 {
            y += furniture.drawParagraph(sentence, in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 60), maxLines: 4)
        }
    }

    // MARK: Video funnel

    /// Share of video starts reaching 25/50/75/100%, when the inputs carry playback counts.
    private var videoFunnel: BarChart? {
        let steps: [(Metric, String)] = [(.videoPlayback0, "Started"), (.videoPlayback25, "25%"), (.videoPlayback50, "50%"),
                                         (.videoPlayback75, "75%"), (.videoPlayback100, "100%")]
        let totals = report.kpis.totals
        guard steps.dropFirst().contains(where: { totals.has($0.0) }) else { return nil }
        var chart = BarChart(title: "Video completion funnel", subtitle: "Plays reaching each point, all posts of the period",
                             orientation: .horizontal,
                             bars: steps.filter { totals.has($0.0) }.map { BarChart.Bar(label: $0.1, value: totals[$0.0].map(Double.init)) })
        chart.theme = charts.theme
        chart.theme.chartPadding = 0
        return chart
    }

    // MARK: Data issues and methodology

    /// One row per file and reason, with how many rows it concerns and their first line
    /// numbers: thirty junk rows are one line here; the workbook lists each.
    private func issuePages(withMethods: Bool) -> [Page] {
        let shown = report.issues.filter { $0.kind != .merged }
        let merged = report.issues.count - shown.count
        let groups = IssueGroup.grouping(shown)
        let table = TableDrawer(columns: [
            .init(title: "File", width: 150, maxLines: 4),
            .init(title: "Rows", width: 140, maxLines: 4),
            .init(title: "Kind", width: 80),
            .init(title: "Reason", width: content.width - 370, maxLines: 4),
        ], theme: charts.theme)
        let rows = groups.map { group in
            [URL(filePath: group.file).lastPathComponent, group.linesText, group.kind.rawValue, group.reason]
        }
        let warnings = shown.filter { $0.kind == .warning }.count, undrawn = shown.filter { $0.kind == .textNotDrawn }.count
        var summary = "\(NumberText.grouped(report.skippedRows.count)) skipped row\(report.skippedRows.count == 1 ? "" : "s"), "
            + "\(NumberText.grouped(warnings)) warning\(warnings == 1 ? "" : "s")"
        if undrawn > 0 { summary += ", \(NumberText.grouped(undrawn)) post\(undrawn == 1 ? "" : "s") with characters no installed font has (drawn as boxes)" }
        if merged > 0 { summary += "; \(NumberText.grouped(merged)) posts or days replaced by a newer export of the same post" }
        if groups.count < shown.count { summary += ". Identical reasons in one file are grouped; every row is listed on the workbook's DataIssues sheet" }
        return paginate(table: table, rows: rows, title: "Data issues", intro: summary + ".",
                        empty: "No data issues: every row of every input was used.",
                        after: withMethods ? { body in self.methodology(body) } : nil)
    }

    private func methodology(_ body: CGRect) {
        var y = body.minY
        y += furniture.drawSectionTitle("Methodology", in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40))
        for paragraph in Methods.paragraphs where y < body.maxY - 20 {
            y += furniture.drawParagraph(paragraph, in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: body.maxY - y), maxLines: 5)
        }
    }

    // MARK: Helpers

    /// Pages for a titled table split where it fills a page, followed by `after`, which gets the
    /// rest of the last page or a page of its own when less than a third of a page is left.
    private func paginate(table: TableDrawer, rows: [[String]], title: String, intro: String? = nil, empty: String,
                          after: ((CGRect) -> Void)?) -> [Page] {
        let body = bodyRect
        var pages: [Page] = []
        var start = 0
        var remaining: CGFloat = 0
        repeat {
            let first = start
            var top = body.minY
            if first == 0 {
                top += titleHeight(title) + (intro.map { furniture.paragraphHeight($0, in: canvas, width: body.width) } ?? 0)
            }
            var end = first
            var height = table.headerHeight(in: canvas)
            while end < rows.count {
                let h = table.rowHeight(rows[end], in: canvas)
                if top + height + h > body.maxY && end > first { break }
                height += h
                end += 1
            }
            remaining = body.maxY - (top + height) - 16
            pages.append { body in
                var y = body.minY
                if first == 0 {
                    y += self.furniture.drawSectionTitle(title, in: self.canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40))
                    if let intro {
                        y += self.furniture.drawParagraph(intro, in: self.canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 80))
                    }
                }
                if rows.isEmpty {
                    y += self.furniture.drawParagraph(empty, in: self.canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 40))
                } else {
                    y += table.draw(rows: Array(rows[first..<end]), in: self.canvas, at: CGPoint(x: body.minX, y: y),
                                    maxHeight: body.maxY - y).height
                }
                if end == rows.count, let after, body.maxY - y - 16 >= body.height / 3 {
                    after(CGRect(x: body.minX, y: y + 16, width: body.width, height: body.maxY - y - 16))
                }
            }
            start = end
        } while start < rows.count
        if remaining < body.height / 3, let after {
            pages.append(after)
        }
        return pages
    }

    /// The body rectangle every page gets (header and footer heights measured once).
    private var bodyRect: CGRect {
        let style = furniture.theme.text(size: furniture.smallSize)
        let m = canvas.measure("", style: style)
        let top = content.minY + m.ascent + m.descent + 5 + 14
        let bottom = content.maxY - m.ascent - m.descent - 5 - 10
        return CGRect(x: content.minX, y: top, width: content.width, height: bottom - top)
    }

    private func titleHeight(_ title: String) -> Double {
        canvas.wrappedHeight(title, width: content.width, style: furniture.theme.text(size: furniture.sectionSize, weight: .bold), maxLines: 2) + 8
    }

    /// A titled page holding one chart (its own title left out: the page's says it) and the sentences under it.
    private func chartPage(_ title: String, _ chart: LineChart, sentences: [String] = [], _ body: CGRect) {
        var chart = chart
        chart.theme.chartPadding = 0
        chart.title = ""
        var y = body.minY + furniture.drawSectionTitle(title, in: canvas, rect: CGRect(x: body.minX, y: body.minY, width: body.width, height: 40))
        let height = min(340, body.maxY - y)
        chart.draw(in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: height))
        y += height + 14
        for sentence in sentences where y < body.maxY - 30 {
            y += furniture.drawParagraph(sentence, in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: 60), maxLines: 4)
        }
    }

    private func section(_ title: String, _ chart: BarChart, _ body: CGRect) {
        let y = body.minY + furniture.drawSectionTitle(title, in: canvas, rect: CGRect(x: body.minX, y: body.minY, width: body.width, height: 40))
        chart.draw(in: canvas, rect: CGRect(x: body.minX, y: y, width: body.width, height: min(320, body.maxY - y)))
    }

    /// `2025-10-08 08:26`.
    private func clockText(_ date: Date) -> String { report.options.clock.local(date).text }
}
