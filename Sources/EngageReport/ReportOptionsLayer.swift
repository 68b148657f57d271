import EngageAnalysis
import EngageModel

/// The report options one source sets: a template, the command line, or a batch job. A report's
/// options are the defaults with each source's layer applied in turn, the later winning:
///
/// ```swift
/// let options = ReportOptions().applying(template).applying(flags).applying(job)
/// ```
///
/// A `nil` field leaves the value below it as it is.
public struct ReportOptionsLayer: Sendable {
    public var outputFolder: String?
    public var name: String?
    public var templateName: String?
    public var title: String?
    public var sections: [ReportSection]?
    public var formats: Set<OutputFormat>?
    public var clock: LocalClock?
    public var range: DateRange?
    public var campaigns: [CampaignDefinition]?
    public var weekStart: BestHoursWeekStart?
    public var paper: PaperSize?
    public var topCount: Int?
    public var trendWeeks: Int?
    public var hoursWindowWeeks: Int?
    public var adjustForPostKind: Bool?

    public init() {}
}

extension ReportOptions {
    /// These options with every value `layer` sets put on top.
    public func applying(_ layer: ReportOptionsLayer) -> ReportOptions {
        var options = self
        if let value = layer.outputFolder { options.outputFolder = value }
        if let value = layer.name { options.name = value }
        if let value = layer.templateName { options.templateName = value }
        if let value = layer.title { options.title = value }
        if let value = layer.sections { options.sections = value }
        if let value = layer.formats { options.formats = value }
        if let value = layer.clock { options.clock = value }
        if let value = layer.range { options.range = value }
        if let value = layer.campaigns { options.campaigns = value }
        if let value = layer.weekStart { options.weekStart = value }
        if let value = layer.paper { options.paper = value }
        if let value = layer.topCount { options.topCount = value }
        if let value = layer.trendWeeks { options.trendWeeks = value }
        if let value = layer.hoursWindowWeeks { options.hoursWindowWeeks = value }
        if let value = layer.adjustForPostKind { options.adjustForPostKind = value }
        return options
    }
}
