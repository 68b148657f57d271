import ArgumentParser
import EngageAnalysis
import EngageConfig
import EngageModel
import EngageReport
import Foundation

/// `engage report`'s options: the template's and the flags' layers over the defaults
/// (``ReportOptionsLayer``), and the checks of the values the flags give.
extension ReportCommand {
    /// Options from the defaults, then the template `chosen`, then the flags (flags win).
    func reportOptions(template chosen: ReportTemplate?) throws -> ReportOptions {
        var options = ReportOptions().applying(chosen.map(Self.layer) ?? ReportOptionsLayer()).applying(try flagLayer())
        if timeZone.zone == nil && chosen?.timeZone == nil {
            options.clock = try timeZone.clock(warnIfMissing: !quiet && batch == nil)
        }
        if dates.from == nil && dates.to == nil, let expression = try period.map({ try parsePeriod($0) }) ?? chosen?.period {
            let today: Date
            do { today = try now.map { try PeriodExpression.instant($0, clock: options.clock) } ?? Date() } catch {
                throw fail(.usage, String(describing: error))
            }
            options.range = expression.range(now: today, clock: options.clock, weekStart: options.weekStart)
        }
        if let value = chosen?.font { options.fontFamily = value }
        if let value = chosen?.mailFrom { options.mailFrom = value }
        if let value = chosen?.replyTo { options.replyTo = value }
        if let mailFrom, let value = try? EmailAddress.list(mailFrom).get().first { options.mailFrom = value }
        if let replyTo, let value = try? EmailAddress.list(replyTo).get() { options.replyTo = value }
        // A scheduled run (a period relative to today) refuses a period the inputs do not reach.
        options.failOnNoData = (period != nil || chosen?.period != nil) && dates.from == nil && !allowEmpty
        options.campaignsByHashtag = grouping.campaignBy == "hashtag"
        options.controlCampaign = grouping.control
        options.metric = try InputLoading.metric(metricOption.metric, allowed: CampaignMetric.supported)
        options.minimumImpressionsForRate = minImpressions
        options.failOnEmpty = failOnEmpty
        options.documentDate = BuildEnvironment.sourceDateEpoch
        options.generator = "engage \(EngageVersion.current)"
        return options
    }

    /// What a template sets.
    static func layer(_ template: ReportTemplate) -> ReportOptionsLayer {
        var layer = ReportOptionsLayer()
        layer.templateName = template.name
        layer.title = template.title
        layer.weekStart = template.weekStart
        layer.paper = template.paper.flatMap(PaperSize.init(rawValue:))
        layer.topCount = template.topCount
        layer.trendWeeks = template.trendWeeks
        layer.hoursWindowWeeks = template.hoursWindowWeeks
        layer.adjustForPostKind = template.adjustForPostKind
        layer.name = template.namePattern
        layer.clock = template.timeZone
        layer.sections = template.sections?.compactMap(ReportSection.init(rawValue:))
        layer.formats = template.outputs.map { Set($0.compactMap(OutputFormat.init(rawValue:))) }
        return layer
    }

    /// What the flags set.
    func flagLayer() throws -> ReportOptionsLayer {
        var layer = ReportOptionsLayer()
        layer.outputFolder = out
        layer.name = name
        if timeZone.zone != nil { layer.clock = try timeZone.clock() }
        layer.weekStart = weekStart.day
        layer.adjustForPostKind = adjustForKind
        if dates.from != nil || dates.to != nil {
            guard let from = dates.fromDay, let to = dates.toDay else {
                throw fail(.usage, "give both --from and --to, or neither (then every post is reported)")
            }
            layer.range = DateRange(start: from, end: to)
        }
        layer.campaigns = try grouping.campaigns.map(InputLoading.campaigns)
        layer.topCount = top
        layer.trendWeeks = trendWeeks
        layer.hoursWindowWeeks = hoursWindow
        layer.paper = paper.flatMap { PaperSize(rawValue: $0.lowercased()) }
        if formats != nil { layer.formats = try parsedFormats() }
        layer.title = title
        return layer
    }

    func loadTemplate(_ nameOrPath: String) throws -> ReportTemplate {
        do { return try ReportTemplate.load(nameOrPath) } catch {
            throw fail(error.isUnreadable ? .noInput : .usage, error.description)
        }
    }

    func parsePeriod(_ text: String) throws -> PeriodExpression {
        do { return try PeriodExpression.parse(text) } catch { throw fail(.usage, error.description) }
    }

    func parsedFormats() throws -> Set<OutputFormat> {
        guard let formats else { return OutputFormat.standard }
        var set = Set<OutputFormat>()
        for item in formats.split(separator: ",") {
            let key = item.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = OutputFormat(rawValue: key) else {
                throw ValidationError("--formats: unknown output \"\(key)\" (expected \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            set.insert(format)
        }
        return set
    }
}
