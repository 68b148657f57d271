/// A failure while creating or writing a chart file, naming the file and what was being done.
///
/// Cairo keeps an error status on its surfaces and contexts; `Charts` checks it when a file is
/// finished and turns a failure into this error, keeping Cairo's own message.
public enum ChartsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Cairo reported `message` while `action` for the file at `path`.
    case cairoFailed(message: String, path: String, action: String)
    /// Encoding or saving the file at `path` failed while `action`, for the system's reason `message`.
    case writeFailed(message: String, path: String, action: String)
    /// A size or scale that cannot make an image (zero, negative, not finite or too large).
    case invalidSize(String)
    /// A PNG could not be read back (only `PNGInspector` reports this).
    case unreadablePNG(path: String, message: String)

    public var description: String {
        switch self {
        case let .cairoFailed(message, path, action), let .writeFailed(message, path, action):
            return "\(path): \(action) failed: \(message)"
        case let .invalidSize(detail):
            return "invalid size: \(detail)"
        case let .unreadablePNG(path, message):
            return "\(path): cannot read PNG: \(message)"
        }
    }
}
