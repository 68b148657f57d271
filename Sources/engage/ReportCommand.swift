import ArgumentParser
import EngageAnalysis
import EngageModel
import EngageReport
import Foundation

/// `engage report`: exports in, workbook + charts + PDF + email summary + manifest out.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the workbook, charts, PDF, email summary and manifest for one account.",
        discussion: """
        Every output lands in --out under one base name (default engage-<handle>-<start>_<end>).
        Files are written to a hidden folder first and moved into place only when all are complete,
        so a failed or interrupted run leaves the previous outputs untouched.
        """
    )

    @Argument(help: "Export files (CSV) or saved API responses (JSON), merged by post id.")
    var inputs: [String]

    @Option(help: ArgumentHelp("Folder for the outputs (created if missing).", valueName: "DIR"))
    var out = "out"

    @Option(help: ArgumentHelp("Base name of every output file.", valueName: "NAME"))
    var name: String?

    @OptionGroup var timeZone: TimeZoneOption
    @OptionGroup var dates: DateRangeOptions

    @Option(help: ArgumentHelp("Campaign definitions: YAML rules or a post_id,campaign CSV.", valueName: "FILE"))
    var campaigns: String?

    @Option(name: .customLong("campaign-by"), help: ArgumentHelp("Group posts into campaigns automatically: hashtag.", valueName: "RULE"))
    var campaignBy: String?

    @Option(help: ArgumentHelp("Campaign to compare the others against (default: the one with control: true).", valueName: "NAME"))
    var control: String?

    @Option(help: ArgumentHelp("Events per impression to compare: engagement_rate, url_clicks, video_views, media_engagements, follows, likes, reposts, replies.", valueName: "M"))
    var metric = "engagement_rate"

    @Option(help: "Posts in each top-posts list.")
    var top = 10

    @Option(name: .customLong("min-impressions"), help: "Minimum impressions for the top-by-rate list.")
    var minImpressions: Int64 = 100

    @Option(help: ArgumentHelp("Paper size of the PDF: a4 or letter.", valueName: "SIZE"))
    var paper = "a4"

    @Option(name: .customLong("week-start"), help: ArgumentHelp("First day of the week: monday or sunday.", valueName: "DAY"))
    var weekStart = "monday"

    @Option(help: ArgumentHelp("Outputs to write, comma-separated: xlsx,png,pdf,summary,manifest (default all).", valueName: "LIST"))
    var formats: String?

    @Option(help: ArgumentHelp("Report title.", valueName: "TEXT"))
    var title: String?

    @Option(help: ArgumentHelp("Also write <name>.eml, a MIME message with every output attached, to this address.", valueName: "TO"))
    var eml: String?

    @Flag(name: .customLong("fail-on-empty"), help: "Exit 65 instead of writing a report when the period has no posts.")
    var failOnEmpty = false

    @Flag(help: "Print how long each phase took to stderr.")
    var timings = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        if campaigns != nil && campaignBy != nil { throw ValidationError("use either --campaigns or --campaign-by, not both") }
        if let campaignBy, campaignBy != "hashtag" { throw ValidationError("--campaign-by \(campaignBy): the only rule is hashtag") }
        if PaperSize(rawValue: paper.lowercased()) == nil { throw ValidationError("--paper \(paper): expected a4 or letter") }
        if BestHoursWeekStart(rawValue: weekStart.lowercased()) == nil { throw ValidationError("--week-start \(weekStart): expected monday or sunday") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
        _ = try parsedFormats()
    }

    func run() throws {
        var phases = PhaseClock()
        let options = try reportOptions()
        let dataset = try phases.time("read") { try InputLoading.dataset(inputs, quiet: quiet) }
        let report: Report
        do {
            report = try phases.time("analyse") { try Report.build(dataset: dataset, options: options) }
        } catch let error as ReportError {
            switch error {
            case .emptyPeriod, .noData: throw fail(.dataError, error.description)
            case .campaigns: throw fail(.dataError, "\(campaigns ?? "campaigns"): \(error.description)")
            }
        }
        let result: ReportWriter.Result
        do {
            result = try ReportWriter(report: report, emailRecipient: eml).write()
        } catch {
            throw fail(.cannotCreate, error.description)
        }
        phases.phases += result.phases
        if !quiet { printSummary(report, files: result.files) }
        if timings { printTimings(phases.phases) }
    }

    /// Options from the flags.
    private func reportOptions() throws -> ReportOptions {
        var options = ReportOptions()
        options.outputFolder = out
        options.name = name
        options.clock = try timeZone.clock(warnIfMissing: !quiet)
        if dates.from != nil || dates.to != nil {
            guard let from = dates.fromDay, let to = dates.toDay else {
                throw fail(.usage, "give both --from and --to, or neither (then every post is reported)")
            }
            options.range = DateRange(start: from, end: to)
        }
        if let campaigns { options.campaigns = try InputLoading.campaigns(campaigns) }
        options.campaignsByHashtag = campaignBy == "hashtag"
        options.controlCampaign = control
        options.metric = try InputLoading.metric(metric, allowed: CampaignMetric.supported)
        options.topCount = top
        options.minimumImpressionsForRate = minImpressions
        options.paper = PaperSize(rawValue: paper.lowercased()) ?? .a4
        options.weekStart = BestHoursWeekStart(rawValue: weekStart.lowercased()) ?? .monday
        options.formats = try parsedFormats()
        if let title { options.title = title }
        options.failOnEmpty = failOnEmpty
        options.documentDate = BuildEnvironment.sourceDateEpoch
        options.generator = "engage \(EngageVersion.current)"
        return options
    }

    private func parsedFormats() throws -> Set<OutputFormat> {
        guard let formats else { return Set(OutputFormat.allCases) }
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

    /// The findings and the files written, for the analyst at the terminal.
    private func printSummary(_ report: Report, files: [URL]) {
        Console.out("@\(report.handle) \(report.periodText) (\(report.timeZoneName))")
        for sentence in report.findings { Console.out("  " + sentence) }
        let notable = report.issues.filter { $0.kind != .merged }.count
        if notable > 0 {
            Console.out("  \(notable) data issue\(notable == 1 ? "" : "s") (\(report.skippedRows.count) skipped row\(report.skippedRows.count == 1 ? "" : "s")): see the DataIssues sheet")
        }
        Console.out("wrote \(files.count) files to \(out)/")
        for file in files {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            Console.out("  \(file.lastPathComponent.padding(toLength: max(48, file.lastPathComponent.count), withPad: " ", startingAt: 0)) \(ByteCount.text(size))")
        }
    }

    private func printTimings(_ phases: [(name: String, seconds: Double)]) {
        var lines = ["timings (wall seconds; workbook runs beside charts + pdf):"]
        for (name, seconds) in phases {
            lines.append("  " + name.padding(toLength: 9, withPad: " ", startingAt: 0) + String(format: " %8.3f s", seconds))
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// Human file sizes: `812 B`, `14.2 KB`, `3.1 MB`.
enum ByteCount {
    static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
