import ArgumentParser
import EngageAPI
import EngageAnalysis
import EngageConfig
import EngageModel
import EngageReport
import Foundation

/// `engage report`: exports in, workbook + charts + PDF + email summary + manifest out.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the workbook, charts, PDF, email summary and manifest for one account.",
        discussion: """
        Every output lands in --out under one base name (default engage-<handle>-<start>_<end>).
        Files are written to a hidden folder first and moved into place only when all are complete,
        so a failed or interrupted run leaves the previous outputs untouched.
        With --api --user HANDLE the posts of the period come straight from the APIs (see engage fetch).
        """
    )

    @Argument(help: "Export files (CSV) or saved API responses (JSON), merged by post id.")
    var inputs: [String] = []

    @Flag(help: "Fetch the period's posts and metrics from the APIs (with --user) instead of, or besides, export files.")
    var api = false

    @Option(name: [.customLong("user"), .customLong("handle")], help: ArgumentHelp("With --api: whose posts.", valueName: "HANDLE"))
    var user: String?

    @Option(name: [.customLong("source"), .customLong("endpoint")],
            help: ArgumentHelp("With --api: where metrics come from: historical (default), totals, 28hr or v2.", valueName: "SOURCE"))
    var source: String?

    @OptionGroup(title: "API access (with --api)") var access: APIAccess

    @Option(help: ArgumentHelp("Run one report per job in this YAML file, in parallel; the other options are the jobs' defaults.", valueName: "FILE"))
    var batch: String?

    @Option(help: ArgumentHelp("Batch jobs run at once (default: the number of cores).", valueName: "N"))
    var parallel: Int?

    /// `i/N`: run only the batch jobs whose index is i modulo N, one at a time (set by `--parallel`
    /// for the worker processes it starts).
    @Option(help: .hidden)
    var shard: String?

    @Option(help: ArgumentHelp("Folder for the outputs (created if missing).", valueName: "DIR"))
    var out = "out"

    @Option(help: ArgumentHelp("Base name of every output file; may use {handle} {start} {end} {period} {template}.", valueName: "NAME"))
    var name: String?

    @Option(help: ArgumentHelp("Report template: weekly, monthly, campaign-review, or a YAML file (see templates/).", valueName: "NAME|FILE"))
    var template: String?

    @Option(help: ArgumentHelp("Period: last-week, last-7-days, last-month, month-to-date or YYYY-MM-DD..YYYY-MM-DD (in --tz).", valueName: "SPEC"))
    var period: String?

    @Option(help: ArgumentHelp("Pin \"today\" for --period (YYYY-MM-DD or an ISO 8601 instant), for reproducible runs.", valueName: "DATE"))
    var now: String?

    @Option(name: .customLong("email-templates"), help: ArgumentHelp("Folder with edited summary.txt.mustache / summary.html.mustache.", valueName: "DIR"))
    var emailTemplates: String?

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

    @Option(help: "Posts in each top-posts list (default 10).")
    var top: Int?

    @Option(name: .customLong("min-impressions"), help: "Minimum impressions for the top-by-rate list.")
    var minImpressions: Int64 = 100

    @Option(help: ArgumentHelp("Paper size of the PDF: a4 (default) or letter.", valueName: "SIZE"))
    var paper: String?

    @Option(name: .customLong("week-start"), help: ArgumentHelp("First day of the week: monday (default) or sunday.", valueName: "DAY"))
    var weekStart: String?

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
        if inputs.isEmpty && batch == nil && !api {
            throw ValidationError("give the export files to report on, --api --user HANDLE, or --batch FILE")
        }
        if api && (user == nil || batch != nil) { throw ValidationError("--api needs --user HANDLE (and no --batch)") }
        if !api && (user != nil || source != nil) { throw ValidationError("--user and --source go with --api") }
        if let source, FetchRequest.Source(rawValue: source) == nil {
            throw ValidationError("--source \(source): expected totals, 28hr, historical or v2")
        }
        if !inputs.isEmpty && batch != nil { throw ValidationError("give either export files or --batch FILE, not both") }
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if campaigns != nil && campaignBy != nil { throw ValidationError("use either --campaigns or --campaign-by, not both") }
        if let campaignBy, campaignBy != "hashtag" { throw ValidationError("--campaign-by \(campaignBy): the only rule is hashtag") }
        if let paper, PaperSize(rawValue: paper.lowercased()) == nil { throw ValidationError("--paper \(paper): expected a4 or letter") }
        if let weekStart, BestHoursWeekStart(rawValue: weekStart.lowercased()) == nil {
            throw ValidationError("--week-start \(weekStart): expected monday or sunday")
        }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if period != nil && (dates.from != nil || dates.to != nil) { throw ValidationError("use either --period or --from/--to, not both") }
        _ = try parsedFormats()
    }

    func run() async throws {
        let options = try reportOptions()
        if let batch { return try runBatch(batch, defaults: options) }
        var inputs = inputs
        let fetched = api ? try await fetchPeriod(options) : nil
        defer { if let fetched { try? FileManager.default.removeItem(at: fetched) } }
        if let fetched { inputs.insert(fetched.appending(path: "normalised.json").path, at: 0) }
        let outcome = try report(inputs, options: options, quiet: quiet)
        if !quiet { printSummary(outcome.report, files: outcome.files) }
        if timings { printTimings(outcome.phases) }
    }

    /// Fetches the report's period for `--user` into a temporary folder; returns the folder.
    /// The resume cache lives in `--out`, so a failed run resumes when run again.
    private func fetchPeriod(_ options: ReportOptions) async throws -> URL {
        guard let range = options.range else {
            throw fail(.usage, "--api needs the period to fetch: --period SPEC or --from DATE --to DATE")
        }
        let handle = APIAccess.bareHandle(user ?? "")
        let start = options.clock.startOfDay(range.start)
        let end = min(options.clock.startOfDay(range.end.adding(days: 1)), APIAccess.lastWholeHour())
        let request = FetchRequest(target: .user(handle), source: source.flatMap(FetchRequest.Source.init(rawValue:)),
                                   from: start, to: end)
        let folder = URL(filePath: out, directoryHint: .isDirectory).appending(path: ".engage-fetch-" + String(handle.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "_" }))
        let (outcome, _, resumed) = try await access.fetch(request, handle: handle, into: folder, verbose: !quiet)
        if !quiet {
            Console.info("fetched \(outcome.posts.count) posts of @\(handle)\(resumed > 0 ? " (\(resumed) responses resumed)" : "")")
        }
        return folder
    }

    /// One finished report.
    struct Outcome {
        let report: Report
        let files: [URL]
        let phases: [(name: String, seconds: Double)]
    }

    /// Reads `inputs`, builds the report and writes every output; failures carry their exit status.
    private func report(_ inputs: [String], options: ReportOptions, quiet: Bool) throws -> Outcome {
        var phases = PhaseClock()
        let dataset = try phases.time("read") { try InputLoading.dataset(inputs, quiet: quiet) }
        let result: ReportWriter.Result
        do {
            let draft = try phases.time("select") { try ReportDraft(dataset: dataset, options: options) }
            result = try ReportWriter(draft: draft, emailRecipient: eml, templateFolder: emailTemplates).write()
        } catch let error as ReportError {
            switch error {
            case .emptyPeriod, .noData: throw fail(.dataError, error.description)
            case .campaigns: throw fail(.dataError, "\(campaigns ?? "campaigns"): \(error.description)")
            case .namePattern: throw fail(.usage, error.description)
            }
        } catch let error as OutputError {
            throw fail(.cannotCreate, error.description)
        }
        phases.phases += result.phases
        return Outcome(report: result.report, files: result.files, phases: phases.phases)
    }

    /// Runs every job of `path`, several at once; one failing job does not stop the others.
    /// Exits with the most serious status of any job.
    ///
    /// Several at once means worker processes, each running every N-th job with this command
    /// line: measured on two cores, two processes finished 40 jobs in 5.7 s where two threads in
    /// one process took 6.8 s (they share the allocator, Cairo's font locks and GCD's pool, and
    /// each report already uses both cores for its own jobs).
    private func runBatch(_ path: String, defaults: ReportOptions) throws {
        let jobs: [BatchJob]
        do { jobs = try BatchFile.load(path: path) } catch {
            throw fail(error.isUnreadable ? .noInput : .usage, error.description)
        }
        MallocTuning.keepFreedMemoryForNextReport()
        let start = DispatchTime.now().uptimeNanoseconds
        let workers = min(parallel ?? ProcessInfo.processInfo.activeProcessorCount, jobs.count)
        let outcome: (written: Int, worst: ExitStatus?)
        if let shard {
            guard let (index, count) = Self.parseShard(shard) else { throw fail(.usage, "--shard \(shard): expected i/N") }
            outcome = runJobs(jobs, indices: Array(stride(from: index, to: jobs.count, by: count)), path: path, defaults: defaults)
            // The parent reads this line to count; it is not shown to people.
            print("\(Self.shardMarker) \(outcome.written) \(outcome.worst?.rawValue ?? 0)")
            if let worst = outcome.worst { throw ReportedFailure(status: worst) }
            return
        } else if workers > 1 {
            outcome = try runWorkers(workers)
        } else {
            outcome = runJobs(jobs, indices: Array(jobs.indices), path: path, defaults: defaults)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if !quiet { Console.out("\(outcome.written) of \(jobs.count) reports written in \(String(format: "%.1f", seconds)) s (\(workers) at a time)") }
        if let worst = outcome.worst { throw ReportedFailure(status: worst) }
    }

    /// Runs the jobs at `indices` one after another, printing a line for each.
    private func runJobs(_ jobs: [BatchJob], indices: [Int], path: String, defaults: ReportOptions) -> (written: Int, worst: ExitStatus?) {
        var written = 0
        var worst: ExitStatus?
        for index in indices {
            let job = jobs[index]
            do {
                let outcome = try report(job.inputs, options: try options(for: job, defaults: defaults), quiet: true)
                written += 1
                if !quiet { Console.out("ok   \(job.name): \(outcome.report.posts.count) posts, \(outcome.files.count) files in \(outcome.report.options.outputFolder)/") }
            } catch let failure as ReportedFailure {
                worst = failure.status.worse(than: worst)
                Console.error("job \(job.name) (\(path) line \(job.line ?? 0)): \(failure.message ?? "failed")")
            } catch {
                worst = ExitStatus.dataError.worse(than: worst)
                Console.error("job \(job.name): \(error)")
            }
        }
        return (written, worst)
    }

    /// Starts `workers` copies of this command with `--shard i/N`, passes their output through
    /// and adds up what they wrote. An interrupting signal is passed on to them (``Interrupts``).
    private func runWorkers(_ workers: Int) throws -> (written: Int, worst: ExitStatus?) {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let tally = ShardTally()
        let readers = DispatchGroup()
        var running: [Process] = []
        for index in 0..<workers {
            let process = Process()
            process.executableURL = URL(filePath: "/proc/self/exe")
            process.arguments = arguments + ["--shard", "\(index)/\(workers)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            do { try process.run() } catch { throw fail(.cannotCreate, "cannot start a batch worker: \(error.localizedDescription)") }
            Interrupts.passOn(to: process.processIdentifier)
            DispatchQueue.global().async(group: readers) {
                var pending = Data()
                while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty {
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: 0x0A) {
                        tally.take(String(decoding: pending[..<newline], as: UTF8.self))
                        pending.removeSubrange(...newline)
                    }
                }
            }
            running.append(process)
        }
        var worst: ExitStatus?
        for process in running {
            process.waitUntilExit()
            worst = (ExitStatus(rawValue: process.terminationStatus) ?? .dataError).worse(than: worst)
        }
        readers.wait()
        return (tally.written, worst)
    }

    static let shardMarker = "engage-shard-done"

    /// `i/N` with 0 ≤ i < N.
    static func parseShard(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, (0..<count).contains(index) else { return nil }
        return (index, count)
    }

    /// The command line's options with a job's own values on top.
    private func options(for job: BatchJob, defaults: ReportOptions) throws -> ReportOptions {
        var options = defaults
        options.name = job.name
        options.outputFolder = job.out ?? (out as NSString).appendingPathComponent(FileNaming.safe(job.name))
        if let zone = job.timeZone, let clock = LocalClock(identifier: zone) { options.clock = clock }
        if let from = job.from, let to = job.to { options.range = DateRange(start: from, end: to) }
        if let campaigns = job.campaigns { options.campaigns = try InputLoading.campaigns(campaigns) }
        return options
    }

    /// Options from the defaults, then the template, then the flags (flags win).
    private func reportOptions() throws -> ReportOptions {
        var options = ReportOptions()
        options.outputFolder = out
        let chosen = try template.map(loadTemplate)
        if let chosen {
            options.templateName = chosen.name
            if let value = chosen.title { options.title = value }
            if let value = chosen.weekStart { options.weekStart = value }
            if let value = chosen.paper.flatMap(PaperSize.init(rawValue:)) { options.paper = value }
            if let value = chosen.font { options.fontFamily = value }
            if let value = chosen.topCount { options.topCount = value }
            if let value = chosen.namePattern { options.name = value }
            if let value = chosen.sections { options.sections = value.compactMap(ReportSection.init(rawValue:)) }
            if let value = chosen.outputs { options.formats = Set(value.compactMap(OutputFormat.init(rawValue:))) }
        }
        if let name { options.name = name }
        if timeZone.zone != nil || chosen?.timeZone == nil {
            options.clock = try timeZone.clock(warnIfMissing: !quiet && batch == nil)
        } else if let clock = chosen?.timeZone {
            options.clock = clock
        }
        if let weekStart, let value = BestHoursWeekStart(rawValue: weekStart.lowercased()) { options.weekStart = value }
        if dates.from != nil || dates.to != nil {
            guard let from = dates.fromDay, let to = dates.toDay else {
                throw fail(.usage, "give both --from and --to, or neither (then every post is reported)")
            }
            options.range = DateRange(start: from, end: to)
        } else if let expression = try period.map({ try parsePeriod($0) }) ?? chosen?.period {
            let today: Date
            do { today = try now.map { try PeriodExpression.instant($0, clock: options.clock) } ?? Date() } catch {
                throw fail(.usage, String(describing: error))
            }
            options.range = expression.range(now: today, clock: options.clock, weekStart: options.weekStart)
        }
        if let campaigns { options.campaigns = try InputLoading.campaigns(campaigns) }
        options.campaignsByHashtag = campaignBy == "hashtag"
        options.controlCampaign = control
        options.metric = try InputLoading.metric(metric, allowed: CampaignMetric.supported)
        if let top { options.topCount = top }
        options.minimumImpressionsForRate = minImpressions
        if let paper, let value = PaperSize(rawValue: paper.lowercased()) { options.paper = value }
        if formats != nil { options.formats = try parsedFormats() }
        if let title { options.title = title }
        options.failOnEmpty = failOnEmpty
        options.documentDate = BuildEnvironment.sourceDateEpoch
        options.generator = "engage \(EngageVersion.current)"
        return options
    }

    private func loadTemplate(_ nameOrPath: String) throws -> ReportTemplate {
        do { return try ReportTemplate.load(nameOrPath) } catch {
            throw fail(error.isUnreadable ? .noInput : .usage, error.description)
        }
    }

    private func parsePeriod(_ text: String) throws -> PeriodExpression {
        do { return try PeriodExpression.parse(text) } catch { throw fail(.usage, error.description) }
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
        Console.out("wrote \(files.count) file\(files.count == 1 ? "" : "s") to \(out)/")
        let width = files.map(\.lastPathComponent.count).max() ?? 0
        for file in files {
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            Console.out("  \(file.lastPathComponent.padding(toLength: width, withPad: " ", startingAt: 0))  \(ByteCount.text(size))")
        }
    }

    private func printTimings(_ phases: [(name: String, seconds: Double)]) {
        var lines = ["timings in seconds (the Posts sheet is written while analyse runs; the other workbook rows, its zlib zip, charts and pdf run side by side after it; render is their wall time):"]
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

/// The reports the batch's worker processes wrote, counted from their closing lines.
private final class ShardTally: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Counts a worker's closing line; passes every other line to stdout.
    func take(_ line: String) {
        if line.hasPrefix(ReportCommand.shardMarker + " ") {
            let written = Int(line.split(separator: " ")[1]) ?? 0
            lock.withLock { count += written }
        } else {
            lock.withLock { Console.out(line) }
        }
    }

    var written: Int { lock.withLock { count } }
}
