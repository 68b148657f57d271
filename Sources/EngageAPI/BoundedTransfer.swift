import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs HTTP exchanges with the limits a hostile or broken server cannot lift: a cap on the body
/// (the declared `Content-Length` and the bytes actually received, after any gzip decoding), a
/// total deadline per exchange (a server dripping one byte at a time cannot hold it open), and no
/// redirect to another origin (the `Authorization` header never leaves the API's host and port).
final class BoundedTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `lock`; URLSession calls in on its own queue.

    /// Why an exchange was stopped before its end.
    enum Stop: Error, Equatable {
        /// The body (declared or received) passed `limit` bytes.
        case tooLarge(limit: Int)
        /// The server redirected to `location`, another origin; the redirect was not followed.
        case crossOriginRedirect(status: Int, location: String)
        /// The exchange did not finish within `seconds`.
        case deadline(seconds: Double)
    }

    private struct Exchange {
        var body = Data()
        var response: HTTPURLResponse?
        var stop: Stop?
        var limit: Int
        var continuation: CheckedContinuation<(Data, HTTPURLResponse), any Error>
    }

    private let lock = NSLock()
    private var exchanges: [Int: Exchange] = [:]
    private var session: URLSession!

    /// - Parameter idleTimeout: seconds without a byte before URLSession gives up.
    init(idleTimeout: Double) {
        super.init()
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = idleTimeout
        c.urlCache = nil
        session = URLSession(configuration: c, delegate: self, delegateQueue: nil)
    }

    /// Sends `request` and returns the whole body and response.
    /// - Throws: ``Stop`` when a limit was hit, else URLSession's error.
    func send(_ request: URLRequest, limit: Int, deadline: Double) async throws -> (Data, HTTPURLResponse) {
        let task = session.dataTask(with: request)
        let id = task.taskIdentifier
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                lock.withLock { exchanges[id] = Exchange(limit: limit, continuation: continuation) }
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { [weak self, weak task] in
                    guard let self, let task else { return }
                    if self.stop(id, .deadline(seconds: deadline)) { task.cancel() }
                }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    /// Lets the URLSession go once its exchanges have ended (it holds this object as its delegate).
    func finish() { session.finishTasksAndInvalidate() }

    /// Records why exchange `id` stops; false when it already ended or stopped.
    private func stop(_ id: Int, _ reason: Stop) -> Bool {
        lock.withLock {
            guard exchanges[id] != nil, exchanges[id]?.stop == nil else { return false }
            exchanges[id]?.stop = reason
            exchanges[id]?.body = Data()
            return true
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let id = dataTask.taskIdentifier
        let limit = lock.withLock { () -> Int? in
            exchanges[id]?.response = response as? HTTPURLResponse
            return exchanges[id]?.limit
        }
        if let limit, response.expectedContentLength > Int64(limit), stop(id, .tooLarge(limit: limit)) {
            completionHandler(.cancel)
            dataTask.cancel()   // Foundation on Linux does not act on `.cancel` alone: it reads on
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let id = dataTask.taskIdentifier
        let over = lock.withLock { () -> Int? in
            guard var exchange = exchanges[id], exchange.stop == nil else { return nil }
            if exchange.body.count + data.count > exchange.limit { return exchange.limit }
            exchanges[id] = nil   // appended outside the dictionary, so the body is not copied
            exchange.body.append(data)
            exchanges[id] = exchange
            return nil
        }
        if let over, stop(id, .tooLarge(limit: over)) { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        guard let from = task.originalRequest?.url, let to = request.url, !Self.sameOrigin(from, to) else {
            completionHandler(request)
            return
        }
        _ = stop(task.taskIdentifier, .crossOriginRedirect(status: response.statusCode, location: Self.origin(to)))
        completionHandler(nil)
        task.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let exchange = lock.withLock({ exchanges.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let stop = exchange.stop {
            exchange.continuation.resume(throwing: stop)
        } else if let error {
            exchange.continuation.resume(throwing: error)
        } else if let response = exchange.response ?? task.response as? HTTPURLResponse {
            exchange.continuation.resume(returning: (exchange.body, response))
        } else {
            exchange.continuation.resume(throwing: URLError(.badServerResponse))
        }
    }

    /// Scheme, host and port agree (an absent port is the scheme's default).
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool { origin(a) == origin(b) }

    /// `scheme://host:port`, lower-cased, for messages and comparison.
    static func origin(_ url: URL) -> String {
        let scheme = (url.scheme ?? "").lowercased()
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\((url.host ?? "").lowercased()):\(port)"
    }
}
