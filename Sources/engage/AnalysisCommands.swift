import ArgumentParser
import EngageAnalysis
import EngageModel
import Foundation

/// Inputs, time zone and period shared by `compare` and `hours`.
struct AnalysisInputs: ParsableArguments {
    @Argument(help: "Export files (CSV) or saved API responses (JSON), merged by post id.")
    var inputs: [String]

    @OptionGroup var timeZone: TimeZoneOption
    @OptionGroup var dates: DateRangeOptions

    @OptionGroup var metricOption: MetricOption

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    /// The posts of the requested days (all posts without --from/--to) and the clock.
    func posts() throws -> (posts: [Post], clock: LocalClock) {
        let clock = try timeZone.clock(warnIfMissing: !json)
        let dataset = try InputLoading.dataset(inputs, quiet: json)
        if let from = dates.fromDay, let to = dates.toDay {
            return (PeriodSelection.posts(dataset.posts, in: DateRange(start: from, end: to), clock: clock), clock)
        }
        return (dataset.posts, clock)
    }

    /// Pretty, key-sorted JSON on stdout.
    func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        Console.out(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// `engage compare`: campaigns against the control with the post as the unit.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare campaigns against a control, with the post as the unit of analysis.",
        discussion: "Rates are ratios of sums with delta-method intervals; p-values are Holm-adjusted across the run. See docs/METHODS.md."
    )

    @OptionGroup var common: AnalysisInputs

    @OptionGroup var grouping: CampaignOptions

    func validate() throws {
        if !grouping.given { throw ValidationError("give --campaigns FILE or --campaign-by hashtag") }
    }

    func run() throws {
        let metric = try InputLoading.metric(common.metricOption.metric, allowed: CampaignMetric.supported)
        let definitions = try grouping.definitions()
        let (posts, clock) = try common.posts()
        let analysis: CampaignAnalysis
        let assignment: CampaignAssignment
        do {
            assignment = definitions.isEmpty ? campaignsByHashtag(posts: posts)
                : try assignCampaigns(posts: posts, definitions: definitions, clock: clock)
            analysis = try analyzeCampaigns(assignment, options: CampaignAnalysisOptions(metric: metric, controlName: grouping.control))
        } catch {
            throw fail(error.isUsage ? .usage : .dataError, "\(grouping.campaigns ?? "campaigns"): \(error.description)")
        }
        for warning in assignment.warnings where !common.json { Console.warning(warning) }
        if common.json { try common.printJSON(analysis); return }
        printTable(analysis)
    }

    private func printTable(_ analysis: CampaignAnalysis) {
        let rateName = analysis.metric == .engagements ? "engagement rate" : "\(analysis.metric.title.lowercased()) per impression"
        Console.out("\(rateName), 95% intervals with the post as the unit")
        // The weighted per-post rate first: it is what the lifts compare; the total rate Σ/Σ beside it.
        var rows = [["campaign", "posts", "impressions", "events", "per post (weighted)", "95% CI", "total (Σ/Σ)", "95% CI"]]
        for c in analysis.campaigns {
            rows.append([c.name + (c.name == analysis.control ? " (control)" : ""), "\(c.estimate.posts)",
                         "\(c.estimate.impressions)", "\(c.estimate.events)", Format.percent(c.weighted.mean),
                         Format.interval(c.weighted.interval), Format.percent(c.estimate.rate), Format.interval(c.estimate.interval)])
        }
        Console.out(Format.table(rows, rightAligned: [1, 2, 3, 4, 6]))
        for c in analysis.comparisons { Console.out("  \(c.campaign) vs \(c.control): \(c.verdict)") }
        for note in analysis.notes { Console.out("  note: " + note) }
    }
}

/// `engage hours`: the best hours to post, shrunk toward the account's baseline.
struct HoursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hours",
        abstract: "Recommend the best weekday and hour to post, in your time zone, with intervals.",
        discussion: "Slot rates are shrunk toward the account's baseline by empirical Bayes, so thin slots cannot win on luck. See docs/METHODS.md."
    )

    @OptionGroup var common: AnalysisInputs

    @OptionGroup var weekStart: WeekStartOption

    @Option(name: .customLong("min-posts"), help: ArgumentHelp("Posts needed before any recommendation is made.", valueName: "n"))
    var minPosts = 30

    @Flag(name: .customLong("adjust-for-kind"), inversion: .prefixedNo, help: "Compare slots adjusted for what was posted in them (replies, media, links), or not; default on (see docs/METHODS.md).")
    var adjustForKind: Bool?

    func run() throws {
        let start = weekStart.day ?? .monday
        let key = common.metricOption.metric
        guard let objective = BestHoursObjective(key: key) else {
            throw fail(.usage, "--metric \(key): expected engagement_rate, a metric per impression (url_clicks, video_views, …) or <metric>_per_post")
        }
        let (posts, clock) = try common.posts()
        var options = BestHoursOptions(objective: objective, weekStart: start, minimumPosts: minPosts)
        if let adjustForKind { options.adjustForPostKind = adjustForKind }
        let result = BestHours.analyze(posts, on: clock, options: options)
        if common.json { try common.printJSON(result); return }
        Console.out("Best hours to post (\(clock.zoneName), \(result.posts) posts)")
        for sentence in result.sentences() { Console.out("  " + sentence) }
        guard !result.recommendations.isEmpty else { return }
        var rows = [["slot", "rate", "95% interval", "posts", "confidence"]]
        for r in result.recommendations {
            rows.append([r.slot.description, Format.percent(r.rate), Format.interval(.init(low: r.ciLow, high: r.ciHigh)),
                         "\(r.posts)", r.confidence.rawValue])
        }
        Console.out(Format.table(rows, rightAligned: [1, 3]))
        Console.out("  method: " + result.method)
    }
}

/// Terminal formatting for the analysis commands.
enum Format {
    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.2f%%", $0 * 100) } ?? "–"
    }

    static func interval(_ interval: ConfidenceInterval?) -> String {
        interval.map { "\(percent($0.low)) to \(percent($0.high))" } ?? "–"
    }

    /// Columns padded to their widest cell; a rule under the header.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }
            lines.append(String(("  " + cells.joined(separator: "  ")).reversed().drop(while: { $0 == " " }).reversed()))
            if index == 0 { lines.append("  " + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n")
    }
}

extension CampaignError {
    /// Errors about the command line rather than the data.
    var isUsage: Bool {
        if case .unknownControl = self { return true }
        return false
    }
}
