import Foundation
import EngageModel
import EngageAPI

/// A local fake of the Engagement API and X API v2 on 127.0.0.1, for demos and tests.
///
/// ```swift
/// let server = try SandboxServer(port: 0, seed: 42, faults: "429x2,unavailable=1")
/// let port = try await server.start()
/// // point the clients at http://127.0.0.1:\(port) with SandboxServer.credentials
/// server.stop()
/// ```
/// Serves `POST /insights/engagement/{totals,28hr,historical}`, `GET /2/users/by/username/:u`,
/// `GET /2/users/:id/tweets` and `GET /2/tweets?ids=` over ``SyntheticAccounts``, enforces the
/// documented limits with the real status codes, verifies OAuth 1.0a signatures against
/// ``credentials`` (wrong signature → 401), gzips bodies when asked, and injects a ``FaultPlan``.
public final class SandboxServer: @unchecked Sendable {
    /// The sandbox's documented credentials (they are not secret; print them freely).
    /// consumer key `sandbox-consumer-key`, consumer secret `sandbox-consumer-secret`,
    /// access token `1000001-sandbox-access-token`, token secret `sandbox-access-token-secret`,
    /// bearer token `sandbox-bearer-token`.
    public static let credentials = Credentials(
        consumerKey: Secret("sandbox-consumer-key"), consumerSecret: Secret("sandbox-consumer-secret"),
        accessToken: Secret("1000001-sandbox-access-token"), accessTokenSecret: Secret("sandbox-access-token-secret"),
        bearerToken: Secret("sandbox-bearer-token"))

    /// Users whose posts the sandbox access token may read in user context.
    public static let ownedUserIDs: Set<UInt64> = [1_000_001, 1_000_002, SyntheticAccounts.liveUserID]

    /// One request as the sandbox saw it.
    public struct Record: Sendable {
        /// HTTP method.
        public var method: String
        /// Path without query.
        public var path: String
        /// Status answered.
        public var status: Int
        /// Number of ids in the request (`tweet_ids` or `ids=`), 0 otherwise.
        public var idCount: Int
        /// Echoed historical window start/end after rounding, when any.
        public var start: Date?
        public var end: Date?
        /// Whether the body was sent gzip-encoded.
        public var gzipped = false
    }

    /// The synthetic data served.
    public let data: SyntheticAccounts
    /// Faults injected.
    public let faults: FaultPlan
    let requestedPort: Int
    let clock: @Sendable () -> Date
    /// "Now" for the data served: ``clock``, or faster with a live speed.
    let dataClock: @Sendable () -> Date
    let lock = NSLock()
    var remainingFaults: [FaultPlan.Fault]
    var served = 0
    var records: [Record] = []
    var minuteCounts: [Int: Int] = [:]
    var server: HTTPServer?

    /// Creates a server (not yet listening).
    /// - Parameters:
    ///   - port: port to bind on 127.0.0.1; 0 (default) picks a free one.
    ///   - seed: seed of the synthetic data; default 42.
    ///   - faults: faults to inject; default none.
    ///   - clock: the sandbox's "now" (future ends, 28hr window, 90-day rule); default `Date()`.
    ///   - liveSpeed: adds the live account `sandbox_live`, whose posts were made just before the
    ///     server was created (see ``SyntheticAccounts``), and runs the clock of the data (not of
    ///     signatures and rate limits) this many times faster from then on; default none.
    public init(port: Int = 0, seed: UInt64 = 42, faults: FaultPlan = .none,
                clock: @escaping @Sendable () -> Date = { Date() }, liveSpeed: Double? = nil) {
        let started = clock()
        requestedPort = port; data = SyntheticAccounts(seed: seed, liveSince: liveSpeed.map { _ in started })
        self.faults = faults; self.clock = clock
        let speed = liveSpeed ?? 1
        if speed == 1 {
            dataClock = clock
        } else {
            dataClock = { @Sendable in started.addingTimeInterval(clock().timeIntervalSince(started) * speed) }
        }
        remainingFaults = faults.faults
    }

    /// Creates a server from a fault spec string (see ``FaultPlan/init(spec:)``).
    /// - Throws: ``SandboxError`` for a bad spec.
    public convenience init(port: Int = 0, seed: UInt64 = 42, faults spec: String,
                            clock: @escaping @Sendable () -> Date = { Date() }, liveSpeed: Double? = nil) throws {
        self.init(port: port, seed: seed, faults: try FaultPlan(spec: spec), clock: clock, liveSpeed: liveSpeed)
    }

    /// Starts listening; returns the bound port.
    /// - Throws: ``SandboxError`` when the port cannot be bound.
    public func start() async throws -> Int {
        let http = HTTPServer { [self] request in handle(request) }
        let port = try http.start(port: requestedPort)
        lock.withLock { server = http }
        return port
    }

    /// Stops listening.
    public func stop() {
        lock.lock(); let s = server; server = nil; lock.unlock()
        s?.stop()
    }

    /// Every request served so far, in arrival order.
    public func requestLog() -> [Record] { lock.lock(); defer { lock.unlock() }; return records }

    // MARK: - Dispatch

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        var response: HTTPResponse
        var record = Record(method: request.method, path: request.path, status: 0, idCount: 0)
        let minute = Int((clock().timeIntervalSince1970 / 60).rounded(.down))
        lock.lock()
        served += 1
        let fault = served <= faults.skip || remainingFaults.isEmpty ? nil : remainingFaults.removeFirst()
        minuteCounts[minute, default: 0] += 1
        let overLimit = faults.requestsPerMinute.map { minuteCounts[minute]! > $0 } ?? false
        lock.unlock()
        var contentType = "application/json"
        if overLimit {
            response = Self.error(429, "Too Many Requests: rate limit of \(faults.requestsPerMinute!) requests per minute")
            response.headers.append(("x-rate-limit-limit", String(faults.requestsPerMinute!)))
            response.headers.append(("x-rate-limit-remaining", "0"))
            response.headers.append(("x-rate-limit-reset", String((minute + 1) * 60)))
        } else if case .status(let status)? = fault {
            response = Self.error(status, status == 429 ? "Too Many Requests" : "Service temporarily unavailable (injected)")
            if status == 429 {
                response.headers.append(("Retry-After", String(faults.retryAfterSeconds)))
                response.headers.append(("x-rate-limit-reset", String(Int(clock().timeIntervalSince1970) + faults.retryAfterSeconds)))
            }
        } else if fault == .html {
            response = HTTPResponse(status: 200, body: Data(Self.maintenancePage.utf8))
            contentType = "text/html; charset=utf-8"
        } else {
            response = route(request, record: &record)
            if fault == .badJSON { response.body = response.body.prefix(response.body.count / 2) }
        }
        response.delay = faults.slowSeconds
        record.status = response.status
        response.headers.append(("Content-Type", contentType))
        if fault == .badGzip {
            response.headers.append(("Content-Encoding", "gzip"))
        } else if (request.headers["accept-encoding"] ?? "").contains("gzip"), !response.body.isEmpty {
            response.body = Gzip.wrap(response.body)
            response.headers.append(("Content-Encoding", "gzip"))
            record.gzipped = true
        }
        if fault == .reset { response.resetAfter = response.body.count / 2 }
        lock.lock(); records.append(record); lock.unlock()
        return response
    }

    /// What a proxy or load balancer sends when the service behind it is down.
    static let maintenancePage = """
        <!DOCTYPE html><html><head><title>Over capacity</title></head>
        <body><h1>Something is technically wrong.</h1><p>We're working on it.</p></body></html>
        """

    func route(_ request: HTTPRequest, record: inout Record) -> HTTPResponse {
        let path = request.path
        let caller: Caller
        switch authenticate(request) {
        case .failure(let f): return Self.error(401, f.message)
        case .success(let c): caller = c
        }
        if path.hasPrefix("/insights/engagement/") {
            guard request.method == "POST" else { return Self.error(405, "use POST") }
            guard let endpoint = EngagementEndpoint(rawValue: String(path.dropFirst("/insights/engagement/".count))) else {
                return Self.error(404, "no such endpoint \(path)")
            }
            return engagement(endpoint, request, caller: caller, record: &record)
        }
        guard request.method == "GET" else { return Self.error(404, "no such route \(request.method) \(path)") }
        let parts = path.split(separator: "/").map(String.init)
        if parts.count == 5, parts[0] == "2", parts[1] == "users", parts[2] == "by", parts[3] == "username" {
            return userLookup(parts[4])
        }
        if parts.count == 4, parts[0] == "2", parts[1] == "users", parts[3] == "tweets", let id = UInt64(parts[2]) {
            return timeline(id, query: request.query, caller: caller)
        }
        if parts == ["2", "tweets"] { return lookup(query: request.query, caller: caller, record: &record) }
        return Self.error(404, "no such route \(path)")
    }

    // MARK: - Auth

    enum Caller { case user(UInt64), app }

    func authenticate(_ request: HTTPRequest) -> Result<Caller, AuthFailure> {
        let c = Self.credentials
        guard let header = request.headers["authorization"] else { return .failure(AuthFailure("Unauthorized: no Authorization header")) }
        if header.hasPrefix("Bearer ") {
            return String(header.dropFirst(7)) == c.bearerToken!.revealed ? .success(.app)
                : .failure(AuthFailure("Unauthorized: invalid bearer token"))
        }
        guard let params = OAuth1Signer.parseAuthorizationHeader(header) else {
            return .failure(AuthFailure("Unauthorized: unsupported Authorization scheme"))
        }
        let dict = Dictionary(params, uniquingKeysWith: { a, _ in a })
        guard dict["oauth_consumer_key"] == c.consumerKey!.revealed, dict["oauth_token"] == c.accessToken!.revealed,
              dict["oauth_signature_method"] == "HMAC-SHA1", let given = dict["oauth_signature"],
              let host = request.headers["host"], let url = URL(string: "http://\(host)\(request.target)") else {
            return .failure(AuthFailure("Unauthorized: unknown consumer key or access token"))
        }
        let signer = OAuth1Signer(credentials: c)!
        var form: [(String, String)] = []
        if (request.headers["content-type"] ?? "").hasPrefix("application/x-www-form-urlencoded") {
            form = OAuth1Signer.formDecode(String(decoding: request.body, as: UTF8.self))
        }
        let base = OAuth1Signer.baseString(method: request.method, url: url,
                                           parameters: params.filter { $0.0 != "oauth_signature" } + form)
        guard signer.signature(ofBaseString: base) == given else {
            return .failure(AuthFailure("Unauthorized: OAuth signature does not match"))
        }
        guard let ts = dict["oauth_timestamp"].flatMap(Double.init), abs(ts - clock().timeIntervalSince1970) <= 900 else {
            return .failure(AuthFailure("Unauthorized: oauth_timestamp is more than 15 minutes from the server's clock"))
        }
        return .success(.user(1_000_001))
    }

    struct AuthFailure: Error { var message: String; init(_ m: String) { message = m } }

    // MARK: - Responses

    static func error(_ status: Int, _ message: String) -> HTTPResponse {
        let body: [String: Any] = ["errors": [["message": message, "code": status]]]
        return json(status, body)
    }

    static func json(_ status: Int, _ object: Any) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return HTTPResponse(status: status, body: data)
    }
}
