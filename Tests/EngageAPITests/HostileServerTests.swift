import Foundation
import Testing
@testable import EngageAPI
import EngageSandbox

/// Servers that attack the client: bodies without end, gzip bombs, a byte every half second,
/// redirects to another origin, headers echoed back. Memory, time and credentials stay bounded.
@Suite(.serialized) struct HostileServerTests {
    static let token = Secret("hostile-test-bearer-9f3a7c")

    /// A session at `base` with a bearer token, one attempt unless told, a 1 MiB body cap.
    func session(_ base: URL, attempts: Int = 1, deadline: Double = 120, fetchDeadline: Double = 3_600,
                 cache: ResponseCache? = nil, progress: (@Sendable (String) -> Void)? = nil) -> APISession {
        let config = APIConfiguration(apiBase: base, maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.1,
                                      requestsPerMinute: nil, timeout: 60, requestDeadline: deadline,
                                      fetchDeadline: fetchDeadline, maxResponseBytes: 1 << 20)
        return APISession(configuration: config, credentials: Credentials(bearerToken: Self.token),
                          sleeper: RecordingSleeper(), cache: cache, progress: progress)
    }

    func get(_ session: APISession, _ base: URL) async throws -> RawResponse {
        try await session.send(name: "probe-0001", method: "GET", url: base.appending(path: "/2/tweets"), body: nil,
                               authorization: .bearer(Self.token))
    }

    @Test(arguments: ["declared", "endless", "bomb"])
    func anOversizedBodyStopsAtTheCapWithExit69(kind: String) async throws {
        let behaviour: HostileServer.Behaviour = switch kind {
        case "declared": .hugeDeclared
        case "endless": .endless
        default: .gzipBomb(inflated: 64 << 20)
        }
        let server = try HostileServer(behaviour)
        defer { server.stop() }
        if case .gzipBomb = behaviour { #expect(HostileServer.gzip(zeros: 64 << 20).count < 1 << 20) }   // smaller than the cap
        do {
            _ = try await get(session(server.base), server.base)
            Issue.record("expected the cap to stop the transfer")
        } catch let error as APIError {
            #expect(error.exitCode == 69)
            #expect("\(error)".contains("GET /2/tweets passed the 1 MiB cap on a response body"), "\(error)")
        }
        // No bound on the time here: alone it takes under a second, but with the whole suite on two
        // cores Foundation took minutes to act on the cancel while the server kept sending.
    }

    @Test func aDrippingServerMeetsTheRequestDeadlineAndVerboseSaysWhatIsAwaited() async throws {
        let server = try HostileServer(.drip(interval: 0.3))
        defer { server.stop() }
        let lines = Lines()
        let started = Date()
        do {
            _ = try await get(session(server.base, attempts: 2, deadline: 2, progress: { lines.add($0) }), server.base)
            Issue.record("expected the deadline to end the request")
        } catch let error as APIError {
            #expect(error.exitCode == 69)
            #expect("\(error)".contains("did not finish within the 2 s request deadline (--request-timeout) on all 2 attempts"), "\(error)")
        }
        // Two 2-second attempts; the server would drip for ever. The bound leaves room for a loaded
        // machine (a full suite beside other builds took 40 s) while still catching "no deadline".
        #expect(Date().timeIntervalSince(started) < 90)
        #expect(lines.all.count == 2)
        #expect(lines.all.first?.contains("waiting for GET 127.0.0.1:\(server.port)/2/tweets (attempt 1 of 2, at most 2 s") == true, "\(lines.all)")
    }

    @Test func aCrossOriginRedirectIsRefusedAndTheTokenStaysHome() async throws {
        let elsewhere = try HostileServer(.reflect)
        defer { elsewhere.stop() }
        let server = try HostileServer(.redirect(location: "http://127.0.0.1:\(elsewhere.port)/steal"))
        defer { server.stop() }
        do {
            _ = try await get(session(server.base), server.base)
            Issue.record("expected the redirect to be refused")
        } catch let error as APIError {
            #expect(error.exitCode == 76)
            #expect("\(error)".contains("redirected to another origin (http://127.0.0.1:\(elsewhere.port))"), "\(error)")
            #expect("\(error)".contains("credentials were not sent there"))
        }
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.contains(Self.token.revealed) == true)
        #expect(elsewhere.requests.isEmpty, "the other origin was asked: \(elsewhere.requests)")
    }

    @Test func aReflectedTokenNeverReachesTheCacheWhichIsPrivate() async throws {
        let server = try HostileServer(.reflect)
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appending(path: "engage-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = try await get(session(server.base, cache: ResponseCache(directory: folder)), server.base)
        #expect(String(decoding: raw.body, as: UTF8.self).contains(Self.token.revealed))   // the server did echo it
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1)
        let saved = try String(contentsOf: folder.appending(path: files[0]), encoding: .utf8)
        #expect(!saved.contains(Self.token.revealed))
        #expect(saved.contains("<redacted>"))
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appending(path: files[0]).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }

    @Test func aLongRetryAfterIsCappedAndAnnounced() async throws {
        let notices = Lines()
        let server = try SandboxServer(port: 0, faults: "429x1,retry-after=900", clock: { sandboxNow })
        let port = try await server.start()
        defer { server.stop() }
        let config = APIConfiguration(apiBase: URL(string: "http://127.0.0.1:\(port)")!, baseDelay: 0.01,
                                      requestsPerMinute: nil, clock: { sandboxNow })
        let sleeper = RecordingSleeper()
        let session = APISession(configuration: config, credentials: SandboxServer.credentials, sleeper: sleeper,
                                 notice: { notices.add($0) })
        _ = try await XClient(session: session).user(named: "sandbox_brand")
        #expect(await sleeper.waits == [300])
        #expect(notices.all.count == 1)
        #expect(notices.all.first?.contains("the server asked to wait 900 s before retrying GET /2/users/by/username/sandbox_brand (Retry-After: 900); waiting 300 s, capped") == true, "\(notices.all)")
    }

    @Test func theWholeFetchIsBounded() async throws {
        let server = try SandboxServer(port: 0, faults: "429x3,retry-after=250", clock: { sandboxNow })
        let port = try await server.start()
        defer { server.stop() }
        let config = APIConfiguration(apiBase: URL(string: "http://127.0.0.1:\(port)")!, baseDelay: 0.01,
                                      requestsPerMinute: nil, fetchDeadline: 600, clock: { sandboxNow })
        let sleeper = RecordingSleeper()
        let session = APISession(configuration: config, credentials: SandboxServer.credentials, sleeper: sleeper)
        do {
            _ = try await XClient(session: session).user(named: "sandbox_brand")
            Issue.record("expected the fetch limit to end the fetch")
        } catch let error as APIError {
            #expect(error.exitCode == 69)
            #expect("\(error)".contains("past its 600 s limit (--fetch-timeout)"), "\(error)")
        }
        // Two waits fit the limit and a third would not, with 100 s of real time to spare for the
        // exchanges themselves on a loaded machine.
        #expect(await sleeper.waits == [250, 250])
    }
}

/// Lines collected from a `@Sendable` callback.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
