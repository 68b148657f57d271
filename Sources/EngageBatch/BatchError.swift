/// Why a batch could not run as a whole (a single job's failure is a ``JobResult`` instead).
public enum BatchError: Error, CustomStringConvertible, Sendable {
    /// Two jobs would write into the same folder; names both jobs and their lines.
    case sharedFolder(String)
    /// A worker process could not be started.
    case workerNotStarted(String)

    public var description: String {
        switch self {
        case .sharedFolder(let message), .workerNotStarted(let message): message
        }
    }
}
