import Foundation

/// How the clients talk to the APIs: where, how patiently and how fast. One value, built by the CLI.
public struct APIConfiguration: Sendable {
    /// Engagement API base URL. Default `https://data-api.x.com`.
    public var engagementBaseURL: URL
    /// X API v2 base URL. Default `https://api.x.com`.
    public var xBaseURL: URL
    /// Attempts per request including the first. Default 6.
    public var maxAttempts: Int
    /// First backoff delay in seconds, doubled per attempt. Default 1.
    public var baseDelay: Double
    /// Longest backoff delay in seconds. Default 60.
    public var maxDelay: Double
    /// Longest wait honoured from `Retry-After` / `x-rate-limit-reset`, seconds; a longer request is
    /// cut to this and announced. Default 300.
    public var maxServerDelay: Double
    /// Seed of the jitter generator. Default 1.
    public var jitterSeed: UInt64
    /// Requests started within any minute at most (a sliding window: a burst below it never
    /// waits); `nil` for no pacing. Default 60.
    public var requestsPerMinute: Int?
    /// Seconds without a byte before a request times out (then retried). Default 30; at least 1,
    /// because Foundation on Linux times a sub-second interval out at once.
    public var timeout: Double
    /// Total seconds one exchange may take, however the server paces its bytes (then retried).
    /// Default 120 (`--request-timeout`); at least 1.
    public var requestDeadline: Double
    /// Total seconds of exchanges and waits a session may spend before it gives up. Default 3,600
    /// (`--fetch-timeout`).
    public var fetchDeadline: Double
    /// Largest response body accepted, in bytes, as declared (`Content-Length`) and as received
    /// after gzip decoding; a larger one ends the fetch (exit 69). Default 64 MiB: a full page of
    /// the largest endpoint is under 10 MiB.
    public var maxResponseBytes: Int
    /// The current instant, for pacing, OAuth timestamps and `x-rate-limit-reset`. Default `Date()`,
    /// read only through this closure so tests can pin it.
    public var clock: @Sendable () -> Date

    public init(engagementBaseURL: URL = URL(string: "https://data-api.x.com")!,
                xBaseURL: URL = URL(string: "https://api.x.com")!,
                maxAttempts: Int = 6, baseDelay: Double = 1, maxDelay: Double = 60, maxServerDelay: Double = 300,
                jitterSeed: UInt64 = 1, requestsPerMinute: Int? = 60, timeout: Double = 30,
                requestDeadline: Double = 120, fetchDeadline: Double = 3_600, maxResponseBytes: Int = 64 << 20,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.engagementBaseURL = engagementBaseURL; self.xBaseURL = xBaseURL; self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay; self.maxDelay = maxDelay; self.maxServerDelay = maxServerDelay
        self.jitterSeed = jitterSeed; self.requestsPerMinute = requestsPerMinute; self.timeout = max(1, timeout)
        self.requestDeadline = max(1, requestDeadline); self.fetchDeadline = fetchDeadline
        self.maxResponseBytes = max(1, maxResponseBytes); self.clock = clock
    }

    /// Both APIs at one base (the sandbox: `http://127.0.0.1:PORT`).
    public init(apiBase: URL, maxAttempts: Int = 6, baseDelay: Double = 1, maxDelay: Double = 60,
                jitterSeed: UInt64 = 1, requestsPerMinute: Int? = 60, timeout: Double = 30,
                requestDeadline: Double = 120, fetchDeadline: Double = 3_600, maxResponseBytes: Int = 64 << 20,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.init(engagementBaseURL: apiBase, xBaseURL: apiBase, maxAttempts: maxAttempts, baseDelay: baseDelay,
                  maxDelay: maxDelay, jitterSeed: jitterSeed, requestsPerMinute: requestsPerMinute,
                  timeout: timeout, requestDeadline: requestDeadline, fetchDeadline: fetchDeadline,
                  maxResponseBytes: maxResponseBytes, clock: clock)
    }
}
