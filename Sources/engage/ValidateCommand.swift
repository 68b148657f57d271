import ArgumentParser
import EngageIngest
import EngageModel
import Foundation

/// `engage validate`: what each input was detected as and what is wrong with it; writes nothing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Show what each input was detected as, how many rows were read or skipped, and why.",
        discussion: "Nothing is written. Exit 0 when every file could be read, 65/66 otherwise."
    )

    @Argument(help: "Export files (CSV) or saved API responses (JSON).")
    var inputs: [String]

    @Flag(help: "Print JSON: [{file, variant, rows, skipped, issues: [{line, reason}]}].")
    var json = false

    @Option(help: ArgumentHelp("Issues listed per file on the terminal (all are in --json).", valueName: "n"))
    var maxIssues = 10

    /// One file's verdict, in the JSON shape the issue tracker specifies.
    struct FileReport: Encodable {
        struct Issue: Encodable {
            let line: Int?
            let column: String?
            let kind: String
            let reason: String
        }
        let file: String
        let variant: String?
        let encoding: String?
        let rows: Int
        let skipped: Int
        let issues: [Issue]
        let error: String?
    }

    func run() throws {
        var reports: [FileReport] = []
        var worst: ExitStatus = .ok
        for path in inputs {
            do {
                let file = try ExportFile.read(path: path)
                reports.append(FileReport(
                    file: path, variant: file.input.variant, encoding: file.input.encoding,
                    rows: file.input.rows, skipped: file.input.skipped,
                    issues: file.issues.map { .init(line: $0.location.line, column: $0.column, kind: $0.kind.rawValue, reason: $0.reason) },
                    error: nil))
            } catch {
                if worst == .ok || error.exitStatus == .noInput { worst = error.exitStatus }
                reports.append(FileReport(file: path, variant: nil, encoding: nil, rows: 0, skipped: 0, issues: [],
                                          error: error.description))
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Console.out(String(decoding: try encoder.encode(reports), as: UTF8.self))
        } else {
            for r in reports { printHuman(r) }
        }
        if worst != .ok { throw ReportedFailure(status: worst) }
    }

    private func printHuman(_ r: FileReport) {
        if let error = r.error {
            Console.out("\(r.file)\n  error: \(error)")
            return
        }
        Console.out("\(r.file)\n  detected: \(r.variant ?? "?") (\(r.encoding ?? "?"))\n  rows read: \(r.rows), skipped: \(r.skipped), issues: \(r.issues.count)")
        for issue in r.issues.prefix(maxIssues) {
            let line = issue.line.map { "line \($0)" } ?? "file"
            let column = issue.column.map { ", column \"\($0)\"" } ?? ""
            Console.out("    \(line)\(column): \(issue.reason) [\(issue.kind)]")
        }
        if r.issues.count > maxIssues { Console.out("    … and \(r.issues.count - maxIssues) more (use --json to see all)") }
    }
}
