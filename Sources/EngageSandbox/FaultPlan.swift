/// Faults the sandbox injects, parsed from a spec such as `429x3,503x2,slow=200ms,unavailable=2`.
///
/// Tokens, comma separated:
/// - `STATUS` or `STATUSxN` (429, 500, 502, 503): the next N requests (1 by default) answer with
///   that status, in spec order, before normal service; 429s carry `Retry-After`.
/// - `reset`, `html`, `badjson`, `badgzip` (each also `…xN`): the connection is cut halfway through
///   the body; a 200 with an HTML error page; a 200 with JSON cut short; a body labelled gzip that is not.
/// - `skip=N`: the first N requests are served normally before the faults above begin.
/// - `retry-after=S`: seconds sent in `Retry-After` (default 1).
/// - `slow=Nms` or `slow=Ns`: every response waits that long.
/// - `unavailable=N`: the first N ids of every Engagement API request come back as unavailable.
/// - `rate=N`: at most N requests per minute of the sandbox clock; more get 429 with
///   `x-rate-limit-reset` (the next minute, Unix seconds) and no `Retry-After`, as the real API does.
/// - `none` or an empty spec: no faults.
public struct FaultPlan: Sendable, Equatable {
    /// One fault answered instead of normal service.
    public enum Fault: Sendable, Equatable, CustomStringConvertible {
        /// An error status (429, 500, 502, 503).
        case status(Int)
        /// Half the body, then the connection is reset.
        case reset
        /// HTTP 200 with an HTML error page.
        case html
        /// HTTP 200 with JSON cut short.
        case badJSON
        /// `Content-Encoding: gzip` over a body that is not gzip.
        case badGzip

        public var description: String {
            switch self {
            case .status(let s): String(s)
            case .reset: "reset"
            case .html: "html"
            case .badJSON: "badjson"
            case .badGzip: "badgzip"
            }
        }
    }

    /// Faults answered to the first requests (after ``skip``), in order.
    public var faults: [Fault] = []
    /// Requests served normally before ``faults`` begin.
    public var skip: Int = 0
    /// `Retry-After` seconds on injected 429s.
    public var retryAfterSeconds: Int = 1
    /// Delay added to every response, seconds.
    public var slowSeconds: Double = 0
    /// Ids per engagement request reported unavailable.
    public var unavailablePerRequest: Int = 0
    /// Requests allowed per clock minute; nil for no limit.
    public var requestsPerMinute: Int? = nil

    /// No faults.
    public static let none = FaultPlan()

    /// Most faults of one kind (`STATUSxN`), and the longest `slow=` and `retry-after=`, seconds.
    static let maxCount = 100_000, maxSeconds = 3_600

    public init() {}

    /// Parses a spec.
    /// - Throws: ``SandboxError`` naming the token that is not understood.
    public init(spec: String) throws {
        for raw in spec.split(separator: ",") {
            let token = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if token.isEmpty || token == "none" { continue }
            if let eq = token.firstIndex(of: "=") {
                let key = token[..<eq], value = String(token[token.index(after: eq)...])
                switch key {
                case "slow":
                    if value.hasSuffix("ms"), let n = Double(value.dropLast(2)) { slowSeconds = n / 1000 }
                    else if value.hasSuffix("s"), let n = Double(value.dropLast()) { slowSeconds = n }
                    else { throw SandboxError("fault \"\(token)\": write slow=200ms or slow=2s") }
                    guard slowSeconds >= 0, slowSeconds <= Double(Self.maxSeconds) else {
                        throw SandboxError("fault \"\(token)\": expected 0 to \(Self.maxSeconds) s")
                    }
                case "unavailable":
                    guard let n = Int(value), n >= 0 else { throw SandboxError("fault \"\(token)\": expected a count") }
                    unavailablePerRequest = n
                case "rate":
                    guard let n = Int(value), n > 0 else { throw SandboxError("fault \"\(token)\": expected requests per minute") }
                    requestsPerMinute = n
                case "skip":
                    guard let n = Int(value), n >= 0 else { throw SandboxError("fault \"\(token)\": expected a count") }
                    skip = n
                case "retry-after":
                    guard let n = Int(value), n >= 0, n <= Self.maxSeconds else {
                        throw SandboxError("fault \"\(token)\": expected 0 to \(Self.maxSeconds) seconds")
                    }
                    retryAfterSeconds = n
                default:
                    throw SandboxError("unknown fault \"\(token)\" (known: 429xN, 500xN, 502xN, 503xN, reset, html, badjson, badgzip, slow=, unavailable=, rate=, retry-after=, skip=)")
                }
                continue
            }
            let parts = token.split(separator: "x")
            let named: [String: Fault] = ["reset": .reset, "html": .html, "badjson": .badJSON, "badgzip": .badGzip]
            let fault: Fault? = parts.first.flatMap { first in
                named[String(first)] ?? Int(first).flatMap { [429, 500, 502, 503].contains($0) ? .status($0) : nil }
            }
            guard let fault, parts.count <= 2 else {
                throw SandboxError("unknown fault \"\(token)\" (known: 429xN, 500xN, 502xN, 503xN, reset, html, badjson, badgzip, slow=, unavailable=, rate=, retry-after=, skip=)")
            }
            let n = parts.count == 2 ? Int(parts[1]) : 1
            guard let count = n, count >= 0, count <= Self.maxCount else {
                throw SandboxError("fault \"\(token)\": expected STATUSxCOUNT with a count of 0 to \(Self.maxCount)")
            }
            faults += Array(repeating: fault, count: count)
        }
    }
}
