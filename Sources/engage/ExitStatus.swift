import ArgumentParser
import EngageIngest
import EngageReport

/// sysexits-style exit codes; cron jobs and pipelines branch on them.
enum ExitStatus: Int32 {
    /// Everything written.
    case ok = 0
    /// Bad command line.
    case usage = 64
    /// Input read but unusable (nothing parseable, unknown header, undecodable bytes).
    case dataError = 65
    /// An input file is missing or unreadable.
    case noInput = 66
    /// The API stayed unavailable after retries.
    case unavailable = 69
    /// engage itself failed: a batch worker process crashed or was killed.
    case software = 70
    /// An output file or folder cannot be created.
    case cannotCreate = 73
    /// The API refused the request (400, 403, 404): retrying will not help.
    case refused = 76
    /// Credentials missing, wrong or too widely readable.
    case noPermission = 77

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// The status a batch ends with when the worst of its jobs ended with `status`; `nil` for 0
    /// (every job written).
    init?(batchStatus status: Int32) {
        guard status != 0 else { return nil }
        self = ExitStatus(rawValue: status) ?? .software
    }

    /// The more serious of `worst` (nil: none yet) and `self`; higher codes are more serious.
    func worse(than worst: ExitStatus?) -> ExitStatus? {
        self != .ok && rawValue > (worst?.rawValue ?? 0) ? self : worst
    }
}

/// A failure that ends the command with its own exit status. `message`, when present, is printed
/// once as `engage: error: …` by the top level (so batch jobs can prefix it with the job name).
struct ReportedFailure: Error {
    let status: ExitStatus
    var message: String?
}

/// The failure to throw for `status`, explained by `message`.
func fail(_ status: ExitStatus, _ message: String) -> ReportedFailure {
    ReportedFailure(status: status, message: message)
}

extension IngestError {
    /// The exit status this ingest failure ends the run with.
    var exitStatus: ExitStatus { isInputMissing ? .noInput : .dataError }
}
