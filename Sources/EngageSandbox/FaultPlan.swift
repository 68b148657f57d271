/// Faults the sandbox injects, parsed from a spec such as `429x3,503x2,slow=200ms,unavailable=2`.
///
/// Tokens, comma separated:
/// - `STATUS` or `STATUSxN` (429, 500, 502, 503): the next N requests (1 by default) answer with
///   that status, in spec order, before normal service; 429s carry `Retry-After`.
/// - `retry-after=S`: seconds sent in `Retry-After` (default 1).
/// - `slow=Nms` or `slow=Ns`: every response waits that long.
/// - `unavailable=N`: the first N ids of every Engagement API request come back as unavailable.
/// - `rate=N`: at most N requests per minute of the sandbox clock; more get 429 with
///   `x-rate-limit-reset` (the next minute, Unix seconds) and no `Retry-After`, as the real API does.
/// - `none` or an empty spec: no faults.
public struct FaultPlan: Sendable, Equatable {
    /// Statuses answered to the first requests, in order.
    public var statuses: [Int] = []
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
                case "unavailable":
                    guard let n = Int(value), n >= 0 else { throw SandboxError("fault \"\(token)\": expected a count") }
                    unavailablePerRequest = n
                case "rate":
                    guard let n = Int(value), n > 0 else { throw SandboxError("fault \"\(token)\": expected requests per minute") }
                    requestsPerMinute = n
                case "retry-after":
                    guard let n = Int(value), n >= 0 else { throw SandboxError("fault \"\(token)\": expected seconds") }
                    retryAfterSeconds = n
                default:
                    throw SandboxError("unknown fault \"\(token)\" (known: 429xN, 500xN, 502xN, 503xN, slow=, unavailable=, rate=, retry-after=)")
                }
                continue
            }
            let parts = token.split(separator: "x")
            guard let status = Int(parts[0]), [429, 500, 502, 503].contains(status), parts.count <= 2 else {
                throw SandboxError("unknown fault \"\(token)\" (known: 429xN, 500xN, 502xN, 503xN, slow=, unavailable=, rate=, retry-after=)")
            }
            let n = parts.count == 2 ? Int(parts[1]) : 1
            guard let count = n, count >= 0 else { throw SandboxError("fault \"\(token)\": expected STATUSxCOUNT") }
            statuses += Array(repeating: status, count: count)
        }
    }
}
