import Foundation
import EngageAPI
import EngageSandbox

/// The package root, found from this file.
func packageRoot() -> URL {
    var url = URL(filePath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) { return url }
    }
    return url
}

func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: packageRoot().appending(path: "Tests/Fixtures/api/\(name)"))
}

/// A sleeper that records waits and returns at once.
actor RecordingSleeper: Sleeper {
    var waits: [Double] = []
    nonisolated func sleep(seconds: Double) async throws { await record(seconds) }
    func record(_ s: Double) { waits.append(s) }
}

/// The sandbox's and the client's shared "now": 2026-11-05T00:00:00Z.
let sandboxNow = Date(timeIntervalSince1970: 1_793_836_800)

/// Starts a sandbox, runs `body` with a session pointed at it, stops the sandbox.
/// The default timeout is long: on a loaded CI machine a slow answer must not time out, be retried
/// and so count twice in the sandbox's request log (a CI run failed that way with 10 s).
func withSandbox<T>(faults: String = "", seed: UInt64 = 42, credentials: Credentials = SandboxServer.credentials,
                    maxAttempts: Int = 6, timeout: Double = 120, cache: ResponseCache? = nil,
                    _ body: (SandboxServer, APISession, RecordingSleeper) async throws -> T) async throws -> T {
    let server = try SandboxServer(port: 0, seed: seed, faults: faults, clock: { sandboxNow })
    let port = try await server.start()
    defer { server.stop() }
    let sleeper = RecordingSleeper()
    let config = APIConfiguration(apiBase: URL(string: "http://127.0.0.1:\(port)")!, maxAttempts: maxAttempts,
                                  baseDelay: 0.01, maxDelay: 0.1, jitterSeed: 7, requestsPerMinute: nil,
                                  timeout: timeout, clock: { sandboxNow })
    let session = APISession(configuration: config, credentials: credentials, sleeper: sleeper, cache: cache)
    return try await body(server, session, sleeper)
}

/// A clock that moves only when told to.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(by seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// A sleeper that records waits and advances a ``ManualClock`` instead of sleeping.
actor AdvancingSleeper: Sleeper {
    let clock: ManualClock
    var waits: [Double] = []
    init(clock: ManualClock) { self.clock = clock }
    func sleep(seconds: Double) async throws { waits.append(seconds); clock.advance(by: seconds) }
}
