import Charts
import EngageAnalysis
import EngageModel
import Foundation

/// Everything that shapes one report, built by the CLI and passed down as one value.
public struct ReportOptions: Sendable {
    /// Folder the outputs land in. Default `out`.
    public var outputFolder: String = "out"
    /// Base name of every output file, a pattern with `{handle}`, `{start}`, `{end}`, `{period}`
    /// and `{template}`. Default `engage-{handle}-{start}_{end}`.
    public var name: String = "engage-{handle}-{start}_{end}"
    /// Template name for `{template}` in file names. Default `weekly`.
    public var templateName: String = "weekly"
    /// Sections of the PDF, in order; the workbook leaves out sheets of sections not listed. Default all.
    public var sections: [ReportSection] = ReportSection.allCases
    /// Time zone for days, hours and weekdays. Default UTC.
    public var clock: LocalClock = .utc
    /// Days to report; `nil` reports every post in the inputs.
    public var range: DateRange?
    /// Which outputs to write. Default: every one but `json` (``OutputFormat/standard``).
    public var formats: Set<OutputFormat> = OutputFormat.standard
    /// Campaign definitions (`--campaigns`); empty means no campaign section.
    public var campaigns: [CampaignDefinition] = []
    /// Group posts by the campaign hashtags that occur (`--campaign-by hashtag`) instead of definitions.
    public var campaignsByHashtag: Bool = false
    /// The campaign to compare against; default the one marked `control: true`, else the first.
    public var controlCampaign: String?
    /// Events counted in rates (numerator): engagements by default.
    public var metric: Metric = .engagements
    /// Posts in each top-posts list. Default 10.
    public var topCount: Int = 10
    /// Minimum impressions for a post to enter the top-by-rate list. Default 100.
    public var minimumImpressionsForRate: Int64 = 100
    /// Pixel density of PNG charts (1 or 2). Default 2, sharp on high-resolution screens.
    public var chartScale: Double = 2
    /// Document creation date written into xlsx/pdf metadata; default: the end of the period
    /// (so that the same inputs give byte-identical files).
    public var documentDate: Date?
    /// Report title on page 1 and in the summary. Default "Engagement report".
    public var title: String = "Engagement report"
    /// First day of the week for weekday tables and heatmaps. Default Monday.
    public var weekStart: BestHoursWeekStart = .monday
    /// Weeks of posts before the period's end that the best-hour analysis uses (the period itself
    /// when it is longer): a weekly report's slots hold one or two posts each, too few to name a
    /// best time. 0 uses the period only. Default 16.
    public var hoursWindowWeeks: Int = 16
    /// Weeks of the trend (posts, impressions, engagements, rate, follower growth per week) that
    /// ends with the period's last week; 0 turns it off. Default 12.
    public var trendWeeks: Int = 12
    /// Whether best hours compare slots adjusted for what was posted (replies, media, links);
    /// the default is ``BestHoursOptions/adjustForPostKind``'s.
    public var adjustForPostKind: Bool = BestHoursOptions().adjustForPostKind
    /// Refuse (exit 65) a period without posts instead of writing a report that says so.
    public var failOnEmpty: Bool = false
    /// Refuse (exit 65, nothing written) a period with neither posts nor account days: the
    /// exports were not refreshed, and a cron job should say so rather than mail an empty
    /// report. Default false; the command line sets it for `--period` unless `--allow-empty`.
    public var failOnNoData: Bool = false
    /// The `.eml` sender. Default `engage@localhost`.
    public var mailFrom = EmailAddress("engage@localhost")!
    /// The `.eml` Reply-To addresses. Default none.
    public var replyTo: [EmailAddress] = []
    /// Paper size of the PDF report.
    public var paper: PaperSize = .a4
    /// Primary font family of the charts and the PDF (characters it lacks come from other
    /// installed fonts). Default "DejaVu Sans".
    public var fontFamily: String = ChartTheme.standard.fontFamily
    /// Print phase timings to stderr.
    public var timings: Bool = false
    /// The engage version, for About sheets.
    public var generator: String = "engage"

    public init() {}
}

/// An output kind the report can write.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// The Excel workbook.
    case xlsx
    /// PNG charts.
    case png
    /// The multi-page PDF report.
    case pdf
    /// `summary.html` and `summary.txt` email bodies.
    case summary
    /// `manifest.json`.
    case manifest
    /// `report.json`: the report's figures (``ReportDocument``); only when asked for.
    case json

    /// The outputs written when `--formats` is not given.
    public static let standard: Set<OutputFormat> = [.xlsx, .png, .pdf, .summary, .manifest]
}

/// Paper size of the PDF report.
public enum PaperSize: String, CaseIterable, Sendable {
    /// ISO A4, 210 × 297 mm.
    case a4
    /// US Letter, 8.5 × 11 in.
    case letter
}

/// A part of the report a template can include, leave out or reorder.
public enum ReportSection: String, CaseIterable, Sendable {
    /// KPIs, changes and findings (always on the first page and the first sheet).
    case summary
    /// Daily trend.
    case daily
    /// Top posts.
    case topPosts = "top_posts"
    /// Campaign comparison (when campaigns were given).
    case campaigns
    /// Best hours to post.
    case bestHours = "best_hours"
    /// Video completion funnel (when the inputs carry playback counts).
    case video
    /// Data issues.
    case issues
    /// Methodology.
    case methodology
}
