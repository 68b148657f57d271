import Foundation
import Testing
@testable import EngageAPI
@testable import EngageSandbox

/// What real networks do beyond error statuses: connections reset mid-body, a 200 that is an HTML
/// page, JSON cut short, a body labelled gzip that is not, nothing listening. Each is retried and,
/// when it persists, named; a fetch that fails keeps what it received and a rerun resumes.
@Suite(.serialized) struct HostileNetworkTests {
    static let faults: [(spec: String, named: String)] = [
        ("reset", "lost the connection before the response was complete"),
        ("html", "an HTML page instead of JSON"),
        ("badjson", "JSON that does not parse"),
        ("badgzip", "claims to be gzip-compressed but is not"),
    ]

    func totalsQuery(_ server: SandboxServer) -> EngagementQuery {
        let recent = server.data.account(named: "sandbox_brand")!.posts.filter { $0.postedAt > sandboxNow.addingTimeInterval(-60 * 86_400) }
        return EngagementQuery(endpoint: .totals, tweetIDs: Array(recent.map(\.id).prefix(30)),
                        types: [.impressions, .engagements])
    }

    @Test(arguments: faults.map(\.spec))
    func aPassingFaultIsRetriedAndLosesNothing(spec: String) async throws {
        let clean = try await withSandbox { server, session, _ in
            try await EngagementClient(session: session).fetch(totalsQuery(server), now: sandboxNow)
        }
        try await withSandbox(faults: "\(spec)x2") { server, session, sleeper in
            let r = try await EngagementClient(session: session).fetch(totalsQuery(server), now: sandboxNow)
            #expect(r.totals == clean.totals)
            #expect(!r.totals.isEmpty)
            #expect(server.requestLog().count == 3)
            #expect(await sleeper.waits.count == 2)
        }
    }

    @Test(arguments: faults)
    func aLastingFaultIsNamed(spec: String, named: String) async throws {
        try await withSandbox(faults: "\(spec)x10", maxAttempts: 3) { server, session, _ in
            do {
                _ = try await EngagementClient(session: session).fetch(totalsQuery(server), now: sandboxNow)
                Issue.record("expected an error")
            } catch let e as APIError {
                #expect(e.exitCode == 69)
                #expect("\(e)".contains(named), "\(e)")
                #expect("\(e)".contains("3 attempts"))
            }
            #expect(server.requestLog().count == 3)
        }
    }

    @Test func nothingListeningIsNamedAfterRetries() async throws {
        let server = SandboxServer(port: 0, seed: 42, clock: { sandboxNow })
        let port = try await server.start()
        server.stop()   // the port is free again: connections are refused
        let config = APIConfiguration(apiBase: URL(string: "http://127.0.0.1:\(port)")!, maxAttempts: 2, baseDelay: 0.01,
                                      requestsPerMinute: nil, clock: { sandboxNow })
        let sleeper = RecordingSleeper()
        let session = APISession(configuration: config, credentials: SandboxServer.credentials, sleeper: sleeper)
        do {
            _ = try await EngagementClient(session: session)
                .fetch(EngagementQuery(endpoint: .totals, tweetIDs: [1_500_000_000_000_000_000]), now: sandboxNow)
            Issue.record("expected an error")
        } catch let e as APIError {
            #expect(e.exitCode == 69)
            #expect("\(e)".contains("was refused (nothing listening at 127.0.0.1:\(port)"), "\(e)")
        }
        #expect(await sleeper.waits.count == 1)
    }

    /// A fetch that dies after two answered requests is finished by a rerun that asks only for the rest,
    /// and the result equals an uninterrupted fetch.
    @Test func aFailedFetchResumesFromTheResponsesItKept() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "engage-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ResponseCache(directory: folder)
        let from = Date(timeIntervalSince1970: 1_790_000_000), to = from.addingTimeInterval(10 * 86_400)
        let request = FetchRequest(target: .user("sandbox_brand"), from: from, to: to)
        let (clean, requestsNeeded) = try await withSandbox { server, session, _ in
            (try await Fetcher(session: session).run(request, now: sandboxNow), server.requestLog().count)
        }
        #expect(requestsNeeded >= 3)
        _ = try await withSandbox(faults: "skip=2,503x50", maxAttempts: 2, cache: cache) { _, session, _ in
            await #expect(throws: APIError.self) { try await Fetcher(session: session).run(request, now: sandboxNow) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 2)
        try await withSandbox(cache: cache) { server, session, _ in
            let resumed = try await Fetcher(session: session).run(request, now: sandboxNow)
            #expect(server.requestLog().count == requestsNeeded - 2)
            #expect(await session.reused == 2)
            #expect(resumed.posts == clean.posts)
            #expect(resumed.hourly == clean.hourly)
        }
    }
}
