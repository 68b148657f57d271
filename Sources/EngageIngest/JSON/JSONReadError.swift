/// Why a saved API response could not be read.
public struct JSONReadError: Error, CustomStringConvertible, Sendable {
    /// The file (or response) concerned.
    public var path: String
    /// What is wrong, in plain words.
    public var reason: String

    public init(path: String, reason: String) { self.path = path; self.reason = reason }

    public var description: String { "\(path): \(reason)" }
}
