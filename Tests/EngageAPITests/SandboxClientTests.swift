import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import EngageModel
import EngageIngest
@testable import EngageAPI
@testable import EngageSandbox

/// Every client behaviour against the sandbox over loopback. The sandbox's ground truth
/// (`SyntheticAccounts.sum`) is an independent path: it sums the generator's hourly counts directly.
@Suite(.serialized) struct SandboxClientTests {
    static let day: TimeInterval = 86_400

    func brandIDs(_ server: SandboxServer) -> [UInt64] { server.data.account(named: "sandbox_brand")!.posts.map(\.id) }

    @Test func totalsBatchAt250() async throws {
        try await withSandbox { server, session, _ in
            let ids = server.data.accounts.filter { SandboxServer.ownedUserIDs.contains($0.id) }.flatMap { $0.posts.map(\.id) }
            #expect(ids.count == 340)
            let r = try await EngagementClient(session: session)
                .fetch(EngagementQuery(endpoint: .totals, tweetIDs: ids, types: [.favorites, .retweets, .impressions]), now: sandboxNow)
            #expect(r.batchSizes == [250, 90])
            #expect(server.requestLog().map(\.idCount) == [250, 90])
            #expect(server.requestLog().allSatisfy { $0.gzipped })   // URLSession asked for gzip and decoded it
            #expect(r.totals.count == 340)
            let post = server.data.post(ids[17])!
            #expect(r.totals[post.id]?[.likes] == server.data.sum(post, .favorites, from: .distantPast, to: sandboxNow))
            // Older than 90 days: impressions withheld and reported per post.
            let old = ids.filter { server.data.post($0)!.postedAt < sandboxNow.addingTimeInterval(-90 * Self.day) }
            #expect(!old.isEmpty)
            #expect(r.totals[old[0]]?[.impressions] == nil)
            #expect(r.issues.contains { $0.postID == old[0] && $0.reason.contains("90 days") })
        }
    }

    @Test func historicalSplitWindowsEqualTheUnsplitTruth() async throws {
        try await withSandbox { server, session, _ in
            let start = Date(timeIntervalSince1970: 1_783_000_000 + 1234)   // 2026-07-02, not hour aligned
            let end = start.addingTimeInterval(61 * Self.day)                 // 3 windows
            let ids = Array(server.data.account(named: "sandbox_brand")!.posts
                .filter { $0.postedAt >= start.addingTimeInterval(-3 * Self.day) && $0.postedAt < end }.map(\.id).prefix(60))
            #expect(ids.count == 60)
            let r = try await EngagementClient(session: session)
                .fetch(EngagementQuery(endpoint: .historical, tweetIDs: ids, types: [.impressions, .favorites, .urlClicks],
                                       start: start, end: end), now: sandboxNow)
            #expect(r.plannedRequests == 3 * 3)
            #expect(r.batchSizes.sorted() == [10, 10, 10, 25, 25, 25, 25, 25, 25])
            let s = EngagementRequest.floorHour(start), e = EngagementRequest.ceilHour(end)
            var checked = 0
            for id in ids {
                let post = server.data.post(id)!
                for type in [EngagementType.impressions, .favorites, .urlClicks] {
                    let truth = server.data.sum(post, type, from: s, to: e)
                    #expect((r.totals[id]?[type.metric] ?? 0) == truth, "post \(id) \(type)")
                    let hourlySum = r.hourly.filter { $0.tweetID == id && $0.metric == type.metric }.reduce(0) { $0 + $1.value }
                    #expect(hourlySum == truth)
                    if truth > 0 { checked += 1 }
                }
            }
            #expect(checked > 20)
            let windows = server.requestLog().compactMap { r in r.start.map { s in (s, r.end!) } }
            #expect(windows.allSatisfy { $0.1.timeIntervalSince($0.0) <= 28 * Self.day })
        }
    }

    @Test func retriesUnder429And503LoseNothingAndCountNothingTwice() async throws {
        let query = { (server: SandboxServer) in
            EngagementQuery(endpoint: .historical, tweetIDs: Array(server.data.account(named: "sandbox_brand")!.posts.map(\.id).prefix(40)),
                            types: [.impressions, .engagements],
                            start: Date(timeIntervalSince1970: 1_785_000_000), end: Date(timeIntervalSince1970: 1_787_000_000))
        }
        let clean = try await withSandbox { server, session, _ in
            try await EngagementClient(session: session).fetch(query(server), now: sandboxNow)
        }
        try await withSandbox(faults: "429x3,503x2,retry-after=2") { server, session, sleeper in
            let r = try await EngagementClient(session: session).fetch(query(server), now: sandboxNow)
            #expect(r.totals == clean.totals)
            #expect(r.hourly == clean.hourly)
            let statuses = server.requestLog().map(\.status)
            #expect(statuses.prefix(5) == [429, 429, 429, 503, 503])
            #expect(statuses.dropFirst(5).allSatisfy { $0 == 200 })
            let waits = await sleeper.waits
            #expect(waits.count == 5)
            #expect(waits.prefix(3) == [2, 2, 2])              // Retry-After honoured
            #expect(waits.dropFirst(3).allSatisfy { $0 > 0 && $0 <= 0.1 })   // backoff with jitter, capped
        }
    }

    @Test func retryBudgetEndsWithAClearUnavailableError() async throws {
        try await withSandbox(faults: "503x10", maxAttempts: 3) { server, session, _ in
            do {
                _ = try await EngagementClient(session: session)
                    .fetch(EngagementQuery(endpoint: .totals, tweetIDs: [brandIDs(server)[0]]), now: sandboxNow)
                Issue.record("expected an error")
            } catch let e as APIError {
                #expect(e.exitCode == 69)
                #expect("\(e)".contains("3 attempts"))
            }
            #expect(server.requestLog().count == 3)
        }
    }

    @Test func perMinuteLimitAnswers429WithResetThatIsHonoured() async throws {
        try await withSandbox(faults: "rate=2", maxAttempts: 2) { server, session, sleeper in
            let ids = Array(brandIDs(server).prefix(75))
            do {
                _ = try await EngagementClient(session: session)
                    .fetch(EngagementQuery(endpoint: .last28Hours, tweetIDs: ids, types: [.impressions]), now: sandboxNow)
                Issue.record("the sandbox clock never moves, so the third request must stay limited")
            } catch let e as APIError {
                #expect(e.exitCode == 69)
                #expect("\(e)".contains("429"))
            }
            #expect(server.requestLog().map(\.status) == [200, 200, 429, 429])
            #expect(await sleeper.waits == [60])   // x-rate-limit-reset is the next minute; sandboxNow is on a minute
        }
    }

    @Test func staleOAuthTimestampIsRefused() async throws {
        let server = SandboxServer(port: 0, seed: 42, clock: { sandboxNow })
        let port = try await server.start()
        defer { server.stop() }
        let config = APIConfiguration(apiBase: URL(string: "http://127.0.0.1:\(port)")!, requestsPerMinute: nil,
                                      clock: { sandboxNow.addingTimeInterval(-3600) })
        let session = APISession(configuration: config, credentials: SandboxServer.credentials, sleeper: RecordingSleeper())
        await #expect(throws: APIError.self) {
            _ = try await EngagementClient(session: session)
                .fetch(EngagementQuery(endpoint: .last28Hours, tweetIDs: [server.data.accounts[0].posts[0].id]), now: sandboxNow)
        }
        #expect(server.requestLog().map(\.status) == [401])
    }

    @Test func slowResponsesTimeOutAndAreRetried() async throws {
        try await withSandbox(faults: "slow=1200ms", maxAttempts: 2, timeout: 1) { server, session, _ in
            do {
                _ = try await EngagementClient(session: session)
                    .fetch(EngagementQuery(endpoint: .totals, tweetIDs: [brandIDs(server)[0]]), now: sandboxNow)
                Issue.record("expected a timeout")
            } catch let e as APIError {
                #expect(e.exitCode == 69)
                #expect("\(e)".contains("timed out"), "\(e)")
            }
            #expect(server.requestLog().count == 2)   // the timeout was retried once
        }
    }

    @Test func forbiddenIDsAreDroppedAndTheRestKept() async throws {
        try await withSandbox { server, session, _ in
            let other = server.data.account(named: "sandbox_other")!.posts.prefix(3).map(\.id)
            let mine = Array(brandIDs(server).suffix(10))
            let r = try await EngagementClient(session: session)
                .fetch(EngagementQuery(endpoint: .historical, tweetIDs: Array(mine.prefix(5)) + other + Array(mine.suffix(5)),
                                       types: [.impressions], start: Date(timeIntervalSince1970: 1_791_000_000), end: sandboxNow),
                       now: sandboxNow)
            #expect(Set(r.totals.keys) == Set(mine))
            #expect(Set(r.issues.filter { $0.reason.contains("does not belong") }.compactMap(\.postID)) == Set(other))
            #expect(server.requestLog().map(\.idCount) == [13, 10, 13, 10])   // two windows, each re-sent once
        }
    }

    @Test func unavailableIDsBecomeIssues() async throws {
        try await withSandbox(faults: "unavailable=2") { server, session, _ in
            let ids = Array(brandIDs(server).suffix(30))
            let r = try await EngagementClient(session: session)
                .fetch(EngagementQuery(endpoint: .last28Hours, tweetIDs: ids, types: [.impressions]), now: sandboxNow)
            let expectedMissing: Set<UInt64> = [ids[0], ids[1], ids[25], ids[26]]
            #expect(Set(r.issues.filter { $0.reason.contains("unavailable") }.compactMap(\.postID)) == expectedMissing)
            #expect(Set(r.totals.keys).isDisjoint(with: expectedMissing))
            #expect(r.batchSizes == [25, 5])
        }
    }

    @Test func wrongCredentialsGiveAClearCredentialErrorWithoutTheSecret() async throws {
        var wrong = SandboxServer.credentials
        wrong.consumerSecret = Secret("wrong-consumer-secret-XYZ")
        try await withSandbox(credentials: wrong) { server, session, _ in
            do {
                _ = try await EngagementClient(session: session)
                    .fetch(EngagementQuery(endpoint: .historical, tweetIDs: [brandIDs(server)[0]]), now: sandboxNow)
                Issue.record("expected a credentials error")
            } catch let e as APIError {
                #expect(e.exitCode == 77)
                let text = "\(e)"
                #expect(text.contains("401"))
                #expect(text.contains("X_CONSUMER_SECRET"))
                for s in ["wrong-consumer-secret-XYZ", "sandbox-access-token-secret", "1000001-sandbox-access-token", "sandbox-consumer-key"] {
                    #expect(!text.contains(s))
                }
            }
            #expect(server.requestLog().count == 1)   // 401 is not retried
        }
    }

    @Test func missingUserContextIsACredentialError() async throws {
        try await withSandbox(credentials: Credentials(bearerToken: Secret("sandbox-bearer-token"))) { server, session, _ in
            do {
                _ = try await EngagementClient(session: session)
                    .fetch(EngagementQuery(endpoint: .historical, tweetIDs: [brandIDs(server)[0]]), now: sandboxNow)
                Issue.record("expected a credentials error")
            } catch let e as APIError { #expect(e.exitCode == 77) }
            // Bearer is enough for public totals.
            let r = try await EngagementClient(session: session)
                .fetch(EngagementQuery(endpoint: .totals, tweetIDs: [brandIDs(server)[0]], types: [.favorites]), now: sandboxNow)
            #expect(r.totals.count == 1)
        }
    }

    @Test func v2UserTimelineAndLookup() async throws {
        try await withSandbox { server, session, _ in
            let x = XClient(session: session)
            let user = try await x.user(named: "@sandbox_brand")
            #expect(user.id == 1_000_001)
            let start = Date(timeIntervalSince1970: 1_785_000_000), end = Date(timeIntervalSince1970: 1_790_000_000)
            let timeline = try await x.posts(ofUser: user.id, start: start, end: end)
            let truth = server.data.account(id: user.id)!.posts.filter { $0.postedAt >= start && $0.postedAt < end }
            #expect(timeline.posts.map(\.id) == truth.map(\.id))
            #expect(timeline.requests == (truth.count + 99) / 100)
            let p = try #require(timeline.posts.first)
            let s = server.data.post(p.id)!
            #expect(p.metrics[.reposts] == server.data.sum(s, .retweets, from: .distantPast, to: sandboxNow))
            #expect(p.metrics[.impressions] == server.data.sum(s, .impressions, from: .distantPast, to: sandboxNow))
            #expect(timeline.posts.filter { $0.id % 3 == 0 }.allSatisfy { $0.metrics.has(.reposts) })   // repost_count posts
            let ids: [UInt64] = Array(server.data.accounts.flatMap { $0.posts.map(\.id) }.prefix(150)) + [42]
            let looked = try await x.posts(ids: ids)
            #expect(looked.posts.count == 150)
            #expect(looked.issues.map(\.postID) == [42])
            #expect(server.requestLog().suffix(2).map(\.idCount) == [100, 51])
        }
    }
}

@Suite(.serialized) struct TransportTests {
    @Test func rateLimitResetHeaderIsHonoured() async throws {
        let config = APIConfiguration(apiBase: URL(string: "http://127.0.0.1:9")!, clock: { sandboxNow })
        let session = APISession(configuration: config, credentials: Credentials())
        let reset = Int(sandboxNow.timeIntervalSince1970) + 37
        let r = HTTPURLResponse(url: URL(string: "http://x")!, statusCode: 429, httpVersion: "HTTP/1.1",
                                headerFields: ["x-rate-limit-reset": String(reset)])!
        #expect(await session.serverDelay(r, asking: "GET /x") == 37)
        let r2 = HTTPURLResponse(url: URL(string: "http://x")!, statusCode: 429, httpVersion: "HTTP/1.1",
                                 headerFields: ["Retry-After": "5", "x-rate-limit-reset": String(reset)])!
        #expect(await session.serverDelay(r2, asking: "GET /x") == 5)
    }

    @Test func requestsArePacedPerMinute() async throws {
        let server = SandboxServer(port: 0, seed: 42, clock: { sandboxNow })
        let port = try await server.start()
        defer { server.stop() }
        let clock = ManualClock(sandboxNow)
        let sleeper = AdvancingSleeper(clock: clock)
        let config = APIConfiguration(apiBase: URL(string: "http://127.0.0.1:\(port)")!, requestsPerMinute: 2,
                                      clock: { clock.now })
        let session = APISession(configuration: config, credentials: SandboxServer.credentials, sleeper: sleeper)
        let ids = server.data.account(named: "sandbox_brand")!.posts.prefix(60).map(\.id)
        _ = try await EngagementClient(session: session)
            .fetch(EngagementQuery(endpoint: .last28Hours, tweetIDs: Array(ids), types: [.impressions]), now: sandboxNow)
        #expect(server.requestLog().count == 3)
        // 2 per minute: the first two start at once, the third when the first is a minute old
        // (evenly spaced pacing waited before every request: [30, 30]).
        #expect(await sleeper.waits == [60])
    }

    @Test func wrongBaseURLIsExplainedAndNotRetried() async throws {
        let server = SandboxServer(port: 0, seed: 42, clock: { sandboxNow })
        let port = try await server.start()
        defer { server.stop() }
        let config = APIConfiguration(apiBase: URL(string: "http://127.0.0.1:\(port)/nothing-here")!, requestsPerMinute: nil,
                                      clock: { sandboxNow })
        let session = APISession(configuration: config, credentials: SandboxServer.credentials, sleeper: RecordingSleeper())
        do {
            _ = try await EngagementClient(session: session)
                .fetch(EngagementQuery(endpoint: .totals, tweetIDs: [1_500_000_000_000_000_000]), now: sandboxNow)
            Issue.record("expected a 404")
        } catch let e as APIError {
            #expect(e == .rejected(status: 404, message: "\(e)".replacingOccurrences(of: "HTTP 404: ", with: "")))
            #expect("\(e)".contains("--api-base"))
        }
        #expect(server.requestLog().count == 1)
    }
}
