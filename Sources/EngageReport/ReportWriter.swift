import Dispatch
import EngageModel
import Foundation

/// Writes every output of a report into the output folder, all or nothing.
///
/// The workbook, each PNG chart and the PDF are independent jobs spread over the cores
/// (libxlsxwriter's deflate keeps one busy while Cairo draws on the other); the summaries and
/// the manifest follow, because they list the files above. Everything goes into a hidden staging
/// folder first and is renamed into place only when every file is complete.
///
/// Names: `<base>.xlsx`, `<base>-<chart>.png`, `<base>.pdf`, `<base>.eml`, and the fixed
/// `summary.txt`, `summary.html`, `report.json` (when asked for) and `manifest.json` that a mail
/// pipeline picks up after each run.
public struct ReportWriter {
    /// What a finished run wrote, for the terminal and for pipelines.
    public struct Result: Sendable {
        /// The finished report the files were rendered from.
        public var report: Report
        /// Final paths, in the order written.
        public var files: [URL]
        /// Seconds per phase, in the order run.
        public var phases: [(name: String, seconds: Double)]
        /// The report's figures as JSON (``ReportDocument``), the same bytes as `report.json`.
        public var document: Data
        /// What the workbook shows differently from the data (text cut at Excel's 32,767
        /// characters, NUL characters left out, links written as text), one line each for the
        /// first ten cells, then one line counting the rest.
        public var warnings: [String] = []
    }

    private let draft: ReportDraft
    private let emailRecipients: [EmailAddress]
    private let templateFolder: String?

    /// - Parameters:
    ///   - draft: the report to finish and write; its statistics run while the workbook's Posts
    ///     sheet is being written.
    ///   - emailRecipients: also write `<name>.eml` addressed to them (`--eml`); sender and
    ///     Reply-To come from the options.
    ///   - templateFolder: folder holding the email Mustache templates; nil uses the built-in ones.
    public init(draft: ReportDraft, emailRecipients: [EmailAddress] = [], templateFolder: String? = nil) {
        self.draft = draft
        self.emailRecipients = emailRecipients
        self.templateFolder = templateFolder
    }

    /// Finishes the report and renders and commits every output selected in ``ReportOptions/formats``.
    /// - Throws: ``ReportError`` when the statistics cannot be computed,
    ///   ``SummaryRenderer/TemplateError`` for an e-mail template that cannot be used, ``OutputError``
    ///   when a file cannot be written; nothing is left behind in any case.
    public func write() throws -> Result {
        do {
            return try writeAll()
        } catch let error as OutputError {
            throw error
        } catch let error as ReportError {
            throw error
        } catch let error as SummaryRenderer.TemplateError {
            throw error
        } catch {
            throw OutputError.cannotCreate(draft.options.outputFolder, reason: String(describing: error))
        }
    }

    private func writeAll() throws -> Result {
        let staging = try OutputStaging(outputFolder: draft.options.outputFolder)
        let formats = draft.options.formats
        let base = draft.baseName
        var phases = PhaseClock()

        let workbookName = "\(base).xlsx", pdfName = "\(base).pdf"
        let workbookPath = formats.contains(.xlsx) ? staging.stagedPath(for: workbookName) : nil
        let pdfPath = formats.contains(.pdf) ? staging.stagedPath(for: pdfName) : nil
        let stagingFolder = staging.stagingFolder.path

        // The Posts sheet needs only the draft: it is written on another thread while the
        // statistics run here.
        let opened = EarlyWorkbook()
        let postsDone = DispatchGroup()
        if let workbookPath {
            let draft = self.draft
            DispatchQueue.global().async(group: postsDone) {
                opened.result = Swift.Result { try WorkbookRenderer.begin(draft, path: workbookPath) }
            }
        }
        let finished = phases.time("analyse") { Swift.Result { () throws(ReportError) in try draft.finish() } }
        postsDone.wait()
        let report = try finished.get()

        // Independent jobs (the rest of the workbook, each chart, the PDF) spread over the cores by GCD;
        // the workbook is first so it starts at once, being the longest.
        var jobs: [(phase: String, run: @Sendable () throws -> Void)] = []
        let workbookSplit = JobResults(count: 2)  // rows (the Posts sheet included), zip
        if let workbook = try opened.result?.get() {
            jobs.append(("workbook", {
                let split = try workbook.finish(report)
                workbookSplit.setSeconds(0, split.rows)
                workbookSplit.setSeconds(1, split.zip)
            }))
        }
        var pngNames: [String] = []
        if formats.contains(.png) {
            for job in ChartRenderer(report: report).jobs(directory: stagingFolder) {
                pngNames.append(job.name)
                jobs.append(("charts", job.write))
            }
        }
        if let pdfPath { jobs.append(("pdf", { try PDFRenderer(report: report).write(to: pdfPath) })) }
        let results = JobResults(count: jobs.count)
        let allJobs = jobs
        let renderStart = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: allJobs.count) { index in
            let start = DispatchTime.now().uptimeNanoseconds
            do { try allJobs[index].run() } catch { results.record(error) }
            results.setSeconds(index, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        if let error = results.firstError { throw OutputError.cannotCreate(report.options.outputFolder, reason: String(describing: error)) }
        if workbookPath != nil {
            phases.phases += [("workbook", workbookSplit.seconds[0]), ("zip", workbookSplit.seconds[1])]
        }
        for phase in ["charts", "pdf"] where allJobs.contains(where: { $0.phase == phase }) {
            phases.phases.append((phase, zip(allJobs, results.seconds).filter { $0.0.phase == phase }.map(\.1).reduce(0, +)))
        }
        phases.phases.append(("render", Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9))
        for name in pngNames { _ = staging.stagedPath(for: name) }

        var document = Data()
        try phases.time("summary") {
            let written = try Manifest.entries(for: staging.stagedNames, in: staging)
            if formats.contains(.summary) || !emailRecipients.isEmpty {
                let summary = try SummaryRenderer(report: report, attachments: written, templateFolder: templateFolder)
                let text = try summary.text(), html = try summary.html()
                if formats.contains(.summary) {
                    try staging.write(Data(text.utf8), as: "summary.txt")
                    try staging.write(Data(html.utf8), as: "summary.html")
                }
                if !emailRecipients.isEmpty {
                    let attachments = try written.map { file in
                        (name: file.path, mime: file.mime, data: try Data(contentsOf: URL(filePath: staging.stagedPath(for: file.path))))
                    }
                    let message = EmailMessage.build(report: report, to: emailRecipients, from: report.options.mailFrom,
                                                     replyTo: report.options.replyTo, text: text, html: html, attachments: attachments)
                    try staging.write(message, as: "\(base).eml")
                }
            }
            // The document lists every file of the run, itself and the manifest (written next) included.
            let listed = staging.stagedNames + (formats.contains(.json) ? ["report.json"] : [])
                + (formats.contains(.manifest) ? ["manifest.json"] : [])
            document = try ReportDocument(report: report, files: listed).encoded()
            if formats.contains(.json) { try staging.write(document, as: "report.json") }
            if formats.contains(.manifest) {
                // Hash only what was added since `written` (the summaries and the .eml); the rest is known.
                let known = Set(written.map(\.path))
                let files = try written + Manifest.entries(for: staging.stagedNames.filter { !known.contains($0) }, in: staging)
                let manifest = Manifest(
                    files: files,
                    period: .init(start: report.range.start.description, end: report.range.end.description, tz: report.timeZoneName),
                    inputs: report.inputs.map { .init(path: $0.path, sha256: $0.sha256) },
                    generator: report.options.generator)
                try staging.write(try manifest.encoded(), as: "manifest.json")
            }
        }
        var files: [URL] = []
        try phases.time("commit") { files = try staging.commit() }
        let all = (try? opened.result?.get())?.warnings ?? []
        var warnings = all.prefix(10).map { "workbook \($0)" }
        if all.count > 10 { warnings.append("workbook: \(all.count - 10) more cells like these") }
        return Result(report: report, files: files, phases: phases.phases, document: document, warnings: warnings)
    }
}

/// Wall-clock seconds per named phase.
public struct PhaseClock: Sendable {
    /// Recorded phases in order.
    public var phases: [(name: String, seconds: Double)] = []

    public init() {}

    /// Runs `body`, recording its duration under `name`.
    public mutating func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { phases.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try body()
    }
}

/// Outcomes of the rendering jobs, written from several threads under a lock.
private final class JobResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var firstError: (any Error)?
    private(set) var seconds: [Double]

    init(count: Int) { seconds = Array(repeating: 0, count: count) }

    func record(_ error: any Error) { lock.withLock { if firstError == nil { firstError = error } } }
    func setSeconds(_ index: Int, _ value: Double) { lock.withLock { seconds[index] = value } }
}

/// The workbook opened with its Posts sheet, handed from the thread that wrote it.
private final class EarlyWorkbook: @unchecked Sendable {
    var result: Swift.Result<OpenWorkbook, any Error>?
}
