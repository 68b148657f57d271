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
/// (Unix seconds) when sent, else `min(maxDelay, baseDelay·2^(n−1))` scaled by a seeded jitter in
/// [0.5, 1). Not retried: 400, 401, 403, 404.
public actor APISession {
    /// Settings.
    public let configuration: APIConfiguration
    let credentials: Credentials
    let sleeper: any Sleeper
    let session: URLSession
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
    public init(configuration: APIConfiguration, credentials: Credentials, sleeper: any Sleeper = TaskSleeper(),
                cache: ResponseCache? = nil) {
        self.configuration = configuration; self.credentials = credentials; self.sleeper = sleeper; self.cache = cache
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = configuration.timeout
        c.timeoutIntervalForResource = configuration.timeout * 4
        c.urlCache = nil
        session = URLSession(configuration: c)
        rng = SeededGenerator(seed: configuration.jitterSeed)
    }

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
            var request = URLRequest(url: url)
            request.httpMethod = method
            request.timeoutInterval = configuration.timeout
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
            let data: Data
            let http: HTTPURLResponse
            do {
                let (d, r) = try await session.data(for: request)
                guard let h = r as? HTTPURLResponse else { throw URLError(.badServerResponse) }
                data = d; http = h
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
                try cache?.store(data, method: method, url: url, body: body)
                return log[log.count - 1]
            case 429, 500, 502, 503, 504:
                if attempt >= configuration.maxAttempts {
                    let what = status == 429 ? "rate limited (HTTP 429)" : "server error (HTTP \(status))"
                    throw APIError.unavailable("\(url.host ?? "the API") stayed unavailable: \(method) \(url.path) was \(what) on all \(attempt) attempts; try again later or lower the request pace")
                }
                try await wait(serverDelay(http) ?? backoff(attempt))
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
        waits.append(seconds)
        try await sleeper.sleep(seconds: seconds)
    }

    func backoff(_ attempt: Int) -> Double {
        let raw = min(configuration.maxDelay, configuration.baseDelay * pow(2, Double(attempt - 1)))
        let unit = Double(rng.next() >> 11) / Double(1 << 53)
        return raw * (0.5 + 0.5 * unit)
    }

    func serverDelay(_ r: HTTPURLResponse) -> Double? {
        if let v = r.value(forHTTPHeaderField: "Retry-After"), let s = Double(v.trimmingCharacters(in: .whitespaces)) {
            return min(max(0, s), configuration.maxServerDelay)
        }
        if let v = r.value(forHTTPHeaderField: "x-rate-limit-reset"), let reset = Double(v) {
            return min(max(0, reset - configuration.clock().timeIntervalSince1970), configuration.maxServerDelay)
        }
        return nil
    }

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
