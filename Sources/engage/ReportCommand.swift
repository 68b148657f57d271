import ArgumentParser
import EngageAPI
import EngageAnalysis
import EngageBatch
import EngageConfig
import EngageModel
import EngageReport
import Foundation
import Synchronization
import XLSX

/// `engage report`: exports in, workbook + charts + PDF + email summary + manifest out.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the workbook, charts, PDF, email summary and manifest for one account.",
        discussion: """
        Every output lands in --out under one base name (default engage-<handle>-<start>_<end>). \
        Files are written to a hidden folder first and moved into place only when all are complete, \
        so a failed or interrupted run leaves the previous outputs untouched. \
        With --api --user HANDLE the posts of the period come straight from the APIs (see engage fetch).

        A --period run (a cron job) whose period has no posts and no account days writes and mails nothing \
        and exits 65, naming the days the inputs cover; --allow-empty writes the empty report instead.
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

    @OptionGroup(title: "History store") var history: StoreOptions

    @Option(help: ArgumentHelp("Run one report per job in this YAML file, in parallel; the other options are the jobs' defaults.", valueName: "FILE"))
    var batch: String?

    @Option(help: ArgumentHelp("Batch jobs run at once (default: the number of cores).", valueName: "N"))
    var parallel: Int?

    /// `i/N`: run only the batch jobs whose index is i modulo N, one at a time (set by `--parallel`
    /// for the worker processes it starts, and by users splitting a batch over machines).
    @Option(help: ArgumentHelp("With --batch: run only the jobs whose index is i modulo N (one of N machines or Kubernetes pods).", valueName: "i/N"))
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
    @OptionGroup var grouping: CampaignOptions
    @OptionGroup var metricOption: MetricOption

    @Option(help: ArgumentHelp("Posts in each top-posts list (default 10).", valueName: "n"))
    var top: Int?

    @Option(name: .customLong("min-impressions"), help: ArgumentHelp("Minimum impressions for the top-by-rate list.", valueName: "n"))
    var minImpressions: Int64 = 100

    @Option(help: ArgumentHelp("Paper size of the PDF: a4 (default) or letter.", valueName: "SIZE"))
    var paper: String?

    @OptionGroup var weekStart: WeekStartOption

    @Option(name: .customLong("hours-window"), help: ArgumentHelp("Weeks of posts up to the period's end used for best hours (default 16; 0 = the period only).", valueName: "WEEKS"))
    var hoursWindow: Int?

    @Option(name: .customLong("trend-weeks"), help: ArgumentHelp("Weeks of the weekly trend ending with the period's last week (default 12; 0 = none).", valueName: "WEEKS"))
    var trendWeeks: Int?
    @Flag(name: .customLong("adjust-for-kind"), inversion: .prefixedNo, help: "Best hours: compare slots adjusted for what was posted in them (replies, media, links), or not; default on (see docs/METHODS.md).")
    var adjustForKind: Bool?

    @Option(help: ArgumentHelp("Outputs to write, comma-separated: xlsx,png,pdf,summary,manifest,json (default all but json).", valueName: "LIST"))
    var formats: String?

    @Option(help: ArgumentHelp("Report title.", valueName: "TEXT"))
    var title: String?

    @Option(help: ArgumentHelp("Also write <name>.eml, a MIME message with every output attached, to these addresses (comma-separated).", valueName: "ADDRESS"))
    var eml: String?

    @Option(name: .customLong("mail-from"), help: ArgumentHelp("Sender of the .eml (default engage@localhost, or the template's mail_from).", valueName: "ADDRESS"))
    var mailFrom: String?

    @Option(name: .customLong("reply-to"), help: ArgumentHelp("Reply-To of the .eml (comma-separated; default the template's reply_to, else none).", valueName: "ADDRESS"))
    var replyTo: String?

    @Flag(name: .customLong("fail-on-empty"), help: "Exit 65 instead of writing a report when the period has no posts.")
    var failOnEmpty = false

    @Flag(help: "Print the report's figures as one JSON document on stdout (the files are still written; see README).")
    var json = false

    @Flag(name: .customLong("allow-empty"), help: "With --period: write (and mail) the report even when the period has no posts and no account days, instead of exiting 65.")
    var allowEmpty = false

    @Flag(help: "Print how long each phase took to stderr.")
    var timings = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        // A template may name the store; run() checks these two again once it is read.
        if inputs.isEmpty && batch == nil && !api && history.path == nil && template == nil {
            throw ValidationError(Self.nothingToReport)
        }
        if json && batch != nil { throw ValidationError("--json prints one report's figures; it does not go with --batch") }
        if api && (user == nil || batch != nil) { throw ValidationError("--api needs --user HANDLE (and no --batch)") }
        if !api && (source != nil || (user != nil && history.path == nil && template == nil)) { throw ValidationError(Self.userWithoutAPI) }
        if let source, FetchRequest.Source(rawValue: source) == nil {
            throw ValidationError("--source \(source): expected totals, 28hr, historical or v2")
        }
        if !inputs.isEmpty && batch != nil { throw ValidationError("give either export files or --batch FILE, not both") }
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if let paper, PaperSize(rawValue: paper.lowercased()) == nil { throw ValidationError("--paper \(paper): expected a4 or letter") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if let hoursWindow, hoursWindow < 0 { throw ValidationError("--hours-window \(hoursWindow): expected a number of weeks, 0 or more") }
        if let trendWeeks, !(0...520).contains(trendWeeks) { throw ValidationError("--trend-weeks \(trendWeeks): expected a number of weeks from 0 to 520") }
        if period != nil && (dates.from != nil || dates.to != nil) { throw ValidationError("use either --period or --from/--to, not both") }
        for (flag, value) in [("--eml", eml), ("--mail-from", mailFrom), ("--reply-to", replyTo)] {
            if let value, case .failure(let error) = EmailAddress.list(value) { throw ValidationError("\(flag): \(error)") }
        }
        if let mailFrom, case .success(let senders) = EmailAddress.list(mailFrom), senders.count != 1 {
            throw ValidationError("--mail-from: give one sender address, not \(senders.count)")
        }
        _ = try parsedFormats()
    }

    static let nothingToReport = "give the export files to report on, --api --user HANDLE, --store FILE, or --batch FILE"
    static let userWithoutAPI = "--user and --source go with --api (or --handle with --store)"

    func run() async throws {
        let chosen = try template.map(loadTemplate)
        let options = try reportOptions(template: chosen)
        // The store: a batch job's own, else --store, else the template's, else ENGAGE_STORE.
        let store = history.store ?? chosen?.store
        if StoreOptions(store: store).path == nil {
            if inputs.isEmpty && batch == nil && !api { throw fail(.usage, Self.nothingToReport) }
            if !api && user != nil { throw fail(.usage, Self.userWithoutAPI) }
        }
        if let batch { return try runBatch(batch, defaults: options, store: store) }
        var inputs = inputs
        let fetchStart = DispatchTime.now().uptimeNanoseconds
        let fetched = api ? try await fetchPeriod(options) : nil
        let fetchSeconds = Double(DispatchTime.now().uptimeNanoseconds - fetchStart) / 1e9
        defer { if let fetched { try? FileManager.default.removeItem(at: fetched) } }
        if let fetched { inputs.insert(fetched.appending(path: "normalised.json").path, at: 0) }
        let outcome = try report(inputs, options: options, quiet: quiet, store: store)
        if json {
            FileHandle.standardOutput.write(outcome.document)
        } else if !quiet {
            printSummary(outcome.report, files: outcome.files)
        }
        if timings { printTimings((fetched == nil ? [] : [("fetch", fetchSeconds)]) + outcome.phases) }
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
        let (outcome, _, resumed) = try await access.fetch(request, handle: handle, into: folder, verbose: false, quiet: quiet)
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
        let document: Data
    }

    /// Reads `inputs` (through `store` when given, else `ENGAGE_STORE`'s), builds the report and
    /// writes every output; failures carry their exit status.
    private func report(_ inputs: [String], options: ReportOptions, quiet: Bool, store: String?) throws -> Outcome {
        let hooksBefore = Tuning.counters
        var phases = PhaseClock()
        let dataset = try phases.time("read") { try history.reportDataset(inputs, handle: user, quiet: quiet, store: store) }
        let result: ReportWriter.Result
        do {
            let draft = try phases.time("select") { try ReportDraft(dataset: dataset, options: options) }
            let recipients = eml.flatMap { try? EmailAddress.list($0).get() } ?? []   // checked in validate()
            result = try ReportWriter(draft: draft, emailRecipients: recipients, templateFolder: emailTemplates).write()
        } catch let error as ReportError {
            switch error {
            case .emptyPeriod, .nothingInPeriod, .noData: throw fail(.dataError, error.description)
            case .campaigns: throw fail(.dataError, "\(grouping.campaigns ?? "campaigns"): \(error.description)")
            case .namePattern: throw fail(.usage, error.description)
            }
        } catch let error as SummaryRenderer.TemplateError {
            throw fail(.dataError, error.description)
        } catch let error as OutputError {
            throw fail(.cannotCreate, error.description)
        }
        if options.formats.contains(.xlsx) { Self.warnAboutIdleHooks(since: hooksBefore) }
        phases.phases += result.phases
        if !quiet { for warning in result.warnings { Console.warning(warning) } }
        return Outcome(report: result.report, files: result.files, phases: phases.phases, document: result.document)
    }

    /// Runs every job of `path` (``BatchRunner``), several at once; one failing job does not stop
    /// the others; a job without a `store:` of its own uses `store`. Exits with the most serious
    /// status of any job.
    private func runBatch(_ path: String, defaults: ReportOptions, store: String?) throws {
        let plan: BatchPlan
        do { plan = try BatchPlan(path: path, jobs: try BatchFile.load(path: path), out: out) } catch let error as ConfigError {
            throw fail(error.isUnreadable ? .noInput : .usage, error.description)
        } catch {
            throw fail(.usage, String(describing: error))
        }
        MallocTuning.keepFreedMemoryForNextReport()
        let runner = BatchRunner(plan: plan, showsProgress: !quiet, reportError: { Console.error($0) })
        let run = { (job: BatchJob, folder: String) -> JobResult in self.runJob(job, into: folder, defaults: defaults, store: store) }
        if let shard {
            guard let (index, count) = BatchRunner.shard(shard) else { throw fail(.usage, "--shard \(shard): expected i/N") }
            let outcome = runner.run(runner.indices(worker: index, of: count), marked: true, job: run)
            if let worst = ExitStatus(batchStatus: outcome.worst) { throw ReportedFailure(status: worst) }
            return
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let workers = min(parallel ?? ProcessInfo.processInfo.activeProcessorCount, plan.jobs.count)
        let outcome: BatchOutcome
        if workers > 1 {
            do {
                outcome = try runner.runWorkers(workers, executable: URL(filePath: "/proc/self/exe"),
                                                arguments: Array(CommandLine.arguments.dropFirst()),
                                                started: Interrupts.passOn(to:))
            } catch { throw fail(.cannotCreate, error.description) }
        } else {
            outcome = runner.run(Array(plan.jobs.indices), job: run)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if !quiet { Console.out("\(outcome.written) of \(plan.jobs.count) reports written in \(String(format: "%.1f", seconds)) s (\(workers) at a time)") }
        if let worst = ExitStatus(batchStatus: outcome.worst) { throw ReportedFailure(status: worst) }
    }

    /// One batch job: the command line's options with the job's own values on top.
    private func runJob(_ job: BatchJob, into folder: String, defaults: ReportOptions, store: String?) -> JobResult {
        do {
            var layer = ReportOptionsLayer()
            layer.outputFolder = folder
            layer.clock = job.timeZone.flatMap(LocalClock.init(identifier:))
            if let from = job.from, let to = job.to { layer.range = DateRange(start: from, end: to) }
            layer.campaigns = try job.campaigns.map(InputLoading.campaigns)
            let options = defaults.applying(layer)
            let outcome = try report(job.inputs, options: options, quiet: true, store: job.store ?? store)
            return .written("\(outcome.report.posts.count) posts, \(outcome.files.count) files in \(options.outputFolder)/")
        } catch let failure as ReportedFailure {
            return .failed(status: failure.status.rawValue, message: failure.message ?? "failed")
        } catch {
            return .failed(status: ExitStatus.dataError.rawValue, message: String(describing: error))
        }
    }

    /// Says once per process when libxlsxwriter wrote a workbook without calling one of the hooks
    /// that speed it up (a distribution's libxlsxwriter or minizip built differently): the workbook
    /// is still complete and correct, only slower.
    private static func warnAboutIdleHooks(since before: Tuning.Counters) {
        let idle = Tuning.counters.idleHooks(since: before)
        guard Tuning.isEnabled, !idle.isEmpty, idleHooksWarned.withLock({ warned in
            defer { warned = true }
            return !warned
        }) else { return }
        Console.warning("libxlsxwriter did not call engage's \(idle.joined(separator: ", ")) hook; "
            + "the workbook is complete, only written more slowly (ENGAGE_NO_TUNING=1 turns the hooks off)")
    }

    private static let idleHooksWarned = Mutex(false)

    /// The findings and the files written, for the analyst at the terminal.
    private func printSummary(_ report: Report, files: [URL]) {
        Console.out("@\(report.handle) \(report.periodText) (\(report.timeZoneName))")
        for sentence in report.findings { Console.out("  " + sentence) }
        for issue in report.issues where issue.kind == .outsidePeriod { Console.out("  " + issue.reason) }
        let notable = report.issues.filter { $0.kind != .merged && $0.kind != .outsidePeriod }.count
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
