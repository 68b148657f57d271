import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How one request is authorised.
public enum Authorization: Sendable {
    /// OAuth 1.0a user context (HMAC-SHA1).
    case oauth1(OAuth1Signer)
    /// OAuth 2.0 app-only bearer token.
    case bearer(Secret)
}

/// The HTTP layer both clients share: signing, pacing, retries with backoff and jitter, timeouts,
/// plain-words errors, and a log of every raw response.
///
/// Retried: 429, 500, 502, 503, 504 and timeouts/connection failures, up to
/// ``APIConfiguration/maxAttempts``; the wait is `Retry-After` (seconds) or `x-rate-limit-reset`
/// (Unix seconds) when sent, capped at ``APIConfiguration/maxServerDelay`` and announced, else
/// `min(maxDelay, baseDelay·2^(n−1))` scaled by a seeded jitter in [0.5, 1). Not retried: 400, 401,
/// 403, 404, a body over ``APIConfiguration/maxResponseBytes``, a redirect to another origin (never
/// followed: credentials stay with the API's origin), and anything past
/// ``APIConfiguration/fetchDeadline``.
public actor APISession {
    /// Settings.
    public let configuration: APIConfiguration
    let credentials: Credentials
    let sleeper: any Sleeper
    let transfer: BoundedTransfer
    /// Told what is awaited before every exchange (`-v`); nil for silence.
    let progress: (@Sendable (String) -> Void)?
    /// Told about waits the server asked for (always shown: they can be long).
    let notice: (@Sendable (String) -> Void)?
    /// Seconds spent in exchanges and waits so far, against ``APIConfiguration/fetchDeadline``.
    var spent = 0.0
    var rng: SeededGenerator
    /// When the requests of the last minute started, oldest first (for pacing).
    var recentStarts: [Date] = []
    var log: [RawResponse] = []
    var counter = 0
    /// Waits performed (seconds), in order, for tests and progress.
    public private(set) var waits: [Double] = []
    /// Where successful responses are kept so that a rerun after a failure resumes; nil for none.
    let cache: ResponseCache?
    /// Responses taken from ``cache`` instead of the network.
    public private(set) var reused = 0

    /// Creates a session.
    /// - Parameters:
    ///   - sleeper: how to wait between retries; default ``TaskSleeper``.
    ///   - cache: successful responses are saved there and reused by identical later requests.
    ///   - progress: told what is being waited for before each exchange.
    ///   - notice: told when the server asks for a wait, and how long engage waits.
    public init(configuration: APIConfiguration, credentials: Credentials, sleeper: any Sleeper = TaskSleeper(),
                cache: ResponseCache? = nil, progress: (@Sendable (String) -> Void)? = nil,
                notice: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration; self.credentials = credentials; self.sleeper = sleeper; self.cache = cache
        self.progress = progress; self.notice = notice
        transfer = BoundedTransfer(idleTimeout: min(configuration.timeout, configuration.requestDeadline))
        rng = SeededGenerator(seed: configuration.jitterSeed)
    }

    deinit { transfer.finish() }

    /// Every response received so far (retried failures included), oldest first.
    public func responses() -> [RawResponse] { log }

    /// Number of HTTP exchanges attempted so far.
    public var attempts: Int { counter }

    /// User-context signer, or a credentials error naming the missing variables.
    func userContext(for what: String) throws -> Authorization {
        guard let signer = OAuth1Signer(credentials: credentials) else {
            throw APIError.credentials("\(what) needs OAuth 1.0a user-context credentials: set X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET (present: \(credentials))")
        }
        return .oauth1(signer)
    }

    /// User context when available, else the bearer token, else a credentials error.
    func anyAuthorization(for what: String) throws -> Authorization {
        if let signer = OAuth1Signer(credentials: credentials) { return .oauth1(signer) }
        if let bearer = credentials.bearerToken { return .bearer(bearer) }
        throw APIError.credentials("\(what) needs credentials: set X_BEARER_TOKEN, or the four OAuth 1.0a variables X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET")
    }

    /// Sends one request with retries; returns the final 2xx response (or a 403 whose body names
    /// forbidden posts, for the caller to handle).
    /// - Throws: ``APIError`` in plain words.
    func send(name: String, method: String, url: URL, body: Data?, authorization: Authorization) async throws -> RawResponse {
        if let saved = cache?.load(method: method, url: url, body: body) {
            reused += 1
            log.append(RawResponse(name: name, method: method, url: url, requestBody: body, status: 200, body: saved, attempt: 1))
            return log[log.count - 1]
        }
        var attempt = 0
        while true {
            attempt += 1
            try await pace()
            try checkBudget(before: "\(method) \(url.path)")
            var request = URLRequest(url: url)
            request.httpMethod = method
            request.timeoutInterval = min(configuration.timeout, configuration.requestDeadline)
            if let body {
                request.httpBody = body
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            request.setValue("engage", forHTTPHeaderField: "User-Agent")
            switch authorization {
            case .bearer(let token):
                request.setValue("Bearer \(token.revealed)", forHTTPHeaderField: "Authorization")
            case .oauth1(let signer):
                let nonce = String(rng.next(), radix: 36) + String(rng.next(), radix: 36)
                let ts = Int(configuration.clock().timeIntervalSince1970)
                request.setValue(signer.authorizationHeader(method: method, url: url, nonce: nonce, timestamp: ts),
                                 forHTTPHeaderField: "Authorization")
            }
            counter += 1
            progress?("waiting for \(method) \(Self.shown(url)) (attempt \(attempt) of \(configuration.maxAttempts), at most \(Self.seconds(configuration.requestDeadline)) s, \(Self.size(configuration.maxResponseBytes)))")
            let data: Data
            let http: HTTPURLResponse
            let started = ContinuousClock.now
            do {
                defer { spent += Self.seconds(since: started) }
                (data, http) = try await transfer.send(request, limit: configuration.maxResponseBytes,
                                                       deadline: configuration.requestDeadline)
            } catch let stop as BoundedTransfer.Stop {
                switch stop {
                case .tooLarge(let limit):
                    throw APIError.unavailable("\(url.host ?? "the API") sent more than engage accepts for one response: \(method) \(url.path) passed the \(Self.size(limit)) cap on a response body (compressed or decoded); nothing from it was kept")
                case .crossOriginRedirect(let status, let location):
                    throw APIError.rejected(status: status, message: "\(method) \(url.path) was redirected to another origin (\(location)); engage does not follow a redirect away from \(BoundedTransfer.origin(url)), so the credentials were not sent there (check --api-base)")
                case .deadline:
                    if attempt >= configuration.maxAttempts {
                        throw APIError.unavailable("\(url.host ?? "the API") stayed unavailable: \(method) \(url.path) did not finish within the \(Self.seconds(configuration.requestDeadline)) s request deadline (--request-timeout) on all \(attempt) attempts")
                    }
                    try await wait(backoff(attempt))
                    continue
                }
            } catch {
                if attempt >= configuration.maxAttempts {
                    throw APIError.unavailable("\(url.host ?? "the API") stayed unavailable: \(method) \(url.path) \(transportFailure(error, url: url)) on all \(attempt) attempts")
                }
                try await wait(backoff(attempt))
                continue
            }
            let status = http.statusCode
            log.append(RawResponse(name: name, method: method, url: url, requestBody: body, status: status,
                                   body: data, attempt: attempt))
            switch status {
            case 200..<300:
                // A 200 that is not JSON (a proxy's HTML page, a body cut short) is a passing fault.
                if let problem = Self.notJSON(data, contentType: http.value(forHTTPHeaderField: "Content-Type")) {
                    if attempt >= configuration.maxAttempts {
                        throw APIError.unavailable("\(url.host ?? "the API") answered \(method) \(url.path) with \(problem) on all \(attempt) attempts; try again later")
                    }
                    try await wait(backoff(attempt))
                    continue
                }
                try cache?.store(scrubbed(data), method: method, url: url, body: body)
                return log[log.count - 1]
            case 429, 500, 502, 503, 504:
                if attempt >= configuration.maxAttempts {
                    let what = status == 429 ? "rate limited (HTTP 429)" : "server error (HTTP \(status))"
                    throw APIError.unavailable("\(url.host ?? "the API") stayed unavailable: \(method) \(url.path) was \(what) on all \(attempt) attempts; try again later or lower the request pace")
                }
                try await wait(serverDelay(http, asking: "\(method) \(url.path)") ?? backoff(attempt))
            case 401:
                throw APIError.credentials("the API rejected the credentials (HTTP 401 on \(url.path)): check X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET (or X_BEARER_TOKEN) and that the computer's clock is right\(serverMessage(data))")
            case 403:
                if String(decoding: data, as: UTF8.self).contains("Forbidden to access tweets") {
                    return log[log.count - 1]
                }
                throw APIError.credentials("the API refused access (HTTP 403 on \(url.path)): the access token does not belong to the author of these posts, or the app is not approved for this endpoint\(serverMessage(data))")
            case 400:
                throw APIError.rejected(status: 400, message: "the API did not accept the request to \(url.path)\(serverMessage(data))")
            case 404:
                throw APIError.rejected(status: 404, message: "no such endpoint: \(url.absoluteString) (check --api-base)\(serverMessage(data))")
            default:
                throw APIError.rejected(status: status, message: "unexpected answer from \(url.path)\(serverMessage(data))")
            }
        }
    }

    func nextName(_ prefix: String) -> String {
        let n = log.count + 1
        return "\(prefix)-\(String(repeating: "0", count: max(0, 4 - String(n).count)))\(n)"
    }

    /// Waits only when `requestsPerMinute` requests have started within the last minute, until the
    /// oldest of them is a minute old: a sliding window, not an even spacing. Spacing every request
    /// by 60/N seconds made a 20-request report against the local sandbox take 20 s of sleeping
    /// although no limit was near.
    func pace() async throws {
        guard let rpm = configuration.requestsPerMinute, rpm > 0 else { return }
        let now = configuration.clock()
        recentStarts.removeAll { now.timeIntervalSince($0) >= 60 }
        var start = now
        if recentStarts.count >= rpm {
            let oldest = recentStarts.removeFirst()
            try await wait(60 - now.timeIntervalSince(oldest))
            start = oldest.addingTimeInterval(60)
        }
        recentStarts.append(start)
    }

    func wait(_ seconds: Double) async throws {
        if spent + seconds > configuration.fetchDeadline {
            throw APIError.unavailable("gave up: waiting \(Self.seconds(seconds)) s more would take the fetch past its \(Self.seconds(configuration.fetchDeadline)) s limit (--fetch-timeout); run the same command again later to resume")
        }
        spent += seconds
        waits.append(seconds)
        try await sleeper.sleep(seconds: seconds)
    }

    /// Throws when the fetch has used up ``APIConfiguration/fetchDeadline``.
    func checkBudget(before what: String) throws {
        if spent >= configuration.fetchDeadline {
            throw APIError.unavailable("gave up before \(what): the fetch used its \(Self.seconds(configuration.fetchDeadline)) s limit (--fetch-timeout); run the same command again later to resume")
        }
    }

    /// `data` with every credential replaced by `<redacted>` (a server may echo headers back).
    func scrubbed(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        let clean = scrub(text)
        return clean == text ? data : Data(clean.utf8)
    }

    func backoff(_ attempt: Int) -> Double {
        let raw = min(configuration.maxDelay, configuration.baseDelay * pow(2, Double(attempt - 1)))
        let unit = Double(rng.next() >> 11) / Double(1 << 53)
        return raw * (0.5 + 0.5 * unit)
    }

    /// The wait the server asked for (`Retry-After` or `x-rate-limit-reset`), capped at
    /// ``APIConfiguration/maxServerDelay`` and announced; nil when it asked for none.
    func serverDelay(_ r: HTTPURLResponse, asking what: String) -> Double? {
        let asked: Double, header: String
        if let v = r.value(forHTTPHeaderField: "Retry-After"), let s = Double(v.trimmingCharacters(in: .whitespaces)), s.isFinite {
            asked = max(0, s); header = "Retry-After: \(v.trimmingCharacters(in: .whitespaces))"
        } else if let v = r.value(forHTTPHeaderField: "x-rate-limit-reset"), let reset = Double(v), reset.isFinite {
            asked = max(0, reset - configuration.clock().timeIntervalSince1970); header = "x-rate-limit-reset"
        } else {
            return nil
        }
        let granted = min(asked, configuration.maxServerDelay)
        if asked >= 1 {
            let cap = granted < asked ? ", capped at \(Self.seconds(granted)) s, the longest engage waits for a server" : ""
            notice?("the server asked to wait \(Self.seconds(asked)) s before retrying \(what) (\(header)); waiting \(Self.seconds(granted)) s\(cap)")
        }
        return granted
    }

    /// Whole seconds for messages (at least 1 when positive).
    static func seconds(_ value: Double) -> Int { value > 0 ? max(1, Int(value.rounded())) : 0 }

    /// Seconds elapsed since `start`.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// A byte count in MiB (or KiB below 1 MiB), for messages.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(max(1, bytes >> 10)) KiB"
    }

    /// `host[:port]/path` without the query (which may be long).
    static func shown(_ url: URL) -> String { "\(url.host ?? "")\(url.port.map { ":\($0)" } ?? "")\(url.path)" }

    /// `: <server's first error message>` with any secret scrubbed, or empty.
    func serverMessage(_ data: Data) -> String {
        var text = ""
        if let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            if let errors = obj["errors"] as? [[String: Any]], let first = errors.first {
                text = (first["message"] as? String) ?? (first["detail"] as? String) ?? ""
            } else if let d = obj["detail"] as? String { text = d }
            else if let m = obj["message"] as? String { text = m }
        }
        if text.isEmpty { return "" }
        return " (server said: \(scrub(String(text.prefix(300)))))"
    }

    func scrub(_ text: String) -> String {
        var t = text
        for s in [credentials.consumerKey, credentials.consumerSecret, credentials.accessToken,
                  credentials.accessTokenSecret, credentials.bearerToken].compactMap({ $0 }) where !s.isEmpty {
            t = t.replacingOccurrences(of: s.revealed, with: "<redacted>")
        }
        return t
    }

    /// What went wrong below HTTP, in words.
    func transportFailure(_ error: any Error, url: URL) -> String {
        guard let code = (error as? URLError)?.code else { return "failed (\(type(of: error)))" }
        switch code {
        case .timedOut: return "timed out after \(Int(configuration.timeout)) s"
        case .cannotConnectToHost: return "was refused (nothing listening at \(url.host ?? "the host")\(url.port.map { ":\($0)" } ?? ""); check --api-base)"
        case .cannotFindHost, .dnsLookupFailed: return "could not find the host (DNS)"
        case .networkConnectionLost: return "lost the connection before the response was complete"
        case .notConnectedToInternet: return "found no network"
        case .cannotDecodeContentData, .cannotDecodeRawData:
            return "got a body that claims to be gzip-compressed but is not"
        case .badServerResponse: return "got a response that is not HTTP"
        default:
            // Foundation on Linux reports curl's failed decompression as an unknown error.
            let detail = error.localizedDescription
            if detail.localizedCaseInsensitiveContains("unencoding") || detail.localizedCaseInsensitiveContains("content encoding") {
                return "got a body that claims to be gzip-compressed but is not (\(detail))"
            }
            return "failed (URL error \(code.rawValue): \(detail))"
        }
    }

    /// Why a 2xx body is not usable JSON, or nil when it is.
    static func notJSON(_ data: Data, contentType: String?) -> String? {
        if (contentType ?? "").lowercased().contains("html") || data.first == UInt8(ascii: "<") {
            return "an HTML page instead of JSON (a proxy or maintenance page)"
        }
        if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
            return "JSON that does not parse (\(data.count) bytes, probably cut short)"
        }
        return nil
    }
}
