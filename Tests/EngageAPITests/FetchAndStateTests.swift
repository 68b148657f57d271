import Foundation
import Testing
import EngageModel
import EngageIngest
@testable import EngageAPI
@testable import EngageSandbox

@Suite(.serialized) struct FetchAndStateTests {
    func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "engage-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func credentialsFileMustBePrivate() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "creds").path
        try "# sandbox\nX_CONSUMER_KEY=ck-value\nconsumer_secret = \"cs-value\"\nX_ACCESS_TOKEN=at\nX_ACCESS_TOKEN_SECRET=ats\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        do {
            _ = try Credentials.load(fromFile: file)
            Issue.record("a group-readable file must be refused")
        } catch let e as APIError {
            #expect(e.exitCode == 77)
            #expect("\(e)".contains("chmod 600 \(file)"))
            #expect(!"\(e)".contains("cs-value"))
        }
        chmod(file, 0o600)
        let c = try Credentials.load(fromFile: file)
        #expect(c.consumerSecret?.revealed == "cs-value")
        #expect(c.hasUserContext)
        #expect(c.bearerToken == nil)
    }

    @Test func credentialsFileErrorsNameTheLineNotTheValue() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "creds").path
        try "X_CONSUMER_KEY=ok\nthis-is-a-secret-without-equals\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        #expect { try Credentials.load(fromFile: file) } throws: { error in
            "\(error)".contains("line 2") && !"\(error)".contains("this-is-a-secret")
        }
    }

    @Test func environmentCredentials() {
        let c = Credentials(environment: ["X_BEARER_TOKEN": "b", "X_CONSUMER_KEY": ""])
        #expect(c.bearerToken?.revealed == "b")
        #expect(c.consumerKey == nil)
        #expect(!c.hasUserContext)
    }

    @Test func ledgerCountsUniqueHandlesPerMonth() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ledger = HandleUsageLedger(path: dir.appending(path: "state/usage.json").path)
        let nov = Date(timeIntervalSince1970: 1_793_836_800), dec = nov.addingTimeInterval(30 * 86_400)
        #expect(try ledger.record(handles: ["@Sandbox_Brand"], at: nov) == 1)
        #expect(try ledger.record(handles: ["sandbox_brand", "sandbox_small"], at: nov) == 2)
        #expect(try ledger.record(handles: ["sandbox_brand"], at: dec) == 1)
        #expect(try ledger.summary() == "2026-11: 2 handles (sandbox_brand, sandbox_small)\n2026-12: 1 handle (sandbox_brand)")
    }

    @Test func fetchAWeekForAHandleSavesAndRereadsTheSameData() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await withSandbox(faults: "429x1") { server, session, _ in
            let from = Date(timeIntervalSince1970: 1_792_800_000)   // 2026-10-24
            let to = from.addingTimeInterval(7 * 86_400)
            let ledger = HandleUsageLedger(path: dir.appending(path: "usage.json").path)
            let outcome = try await Fetcher(session: session, ledger: ledger)
                .run(FetchRequest(target: .user("sandbox_brand"), from: from, to: to), now: sandboxNow)
            let truth = server.data.account(named: "sandbox_brand")!.posts.filter { $0.postedAt >= from && $0.postedAt < to }
            #expect(outcome.posts.map(\.id) == truth.map(\.id))
            #expect(!truth.isEmpty)
            let first = try #require(outcome.posts.first)
            #expect(first.text.hasPrefix("Synthetic post"))
            #expect(first.metrics[.engagements] != nil)
            #expect(!outcome.hourly.isEmpty)
            #expect(try ledger.summary().contains("sandbox_brand"))

            let creds = SandboxServer.credentials
            let files = try ResponseArchive.writeRaw(outcome.responses, to: dir, scrubbing: creds)
            #expect(files.count == outcome.responses.count + 1)
            for f in files {
                let text = try String(contentsOf: f, encoding: .utf8)
                for s in [creds.consumerSecret!, creds.accessTokenSecret!, creds.accessToken!, creds.consumerKey!] {
                    #expect(!text.contains(s.revealed), "\(f.lastPathComponent)")
                }
            }
            let normal = try ResponseArchive.writeNormalised(posts: outcome.posts, hourly: outcome.hourly, to: dir)
            let back = try SavedResponseReader.read(path: normal.path, data: Data(contentsOf: normal))
            #expect(back.variant == NormalisedData.variant)
            #expect(back.posts.map(\.id) == outcome.posts.map(\.id))
            #expect(back.posts.map(\.metrics) == outcome.posts.map(\.metrics))
            #expect(Set(back.hourly) == Set(outcome.hourly))

            // Each raw Engagement API file reads back on its own too.
            let historical = files.filter { $0.lastPathComponent.hasPrefix("historical") }
            #expect(!historical.isEmpty)
            var hourly = 0
            for f in historical { hourly += try SavedResponseReader.read(path: f.path, data: Data(contentsOf: f)).hourly.count }
            #expect(hourly == outcome.hourly.count)
        }
    }
}

@Suite struct SandboxSetupTests {
    @Test(arguments: [("429x3,503x2,slow=200ms,unavailable=2", "429,429,429,503,503", 0.2, 2),
                      ("", "", 0.0, 0), ("500,retry-after=3", "500", 0.0, 0),
                      ("skip=4,resetx2,html,badjson,badgzip", "reset,reset,html,badjson,badgzip", 0.0, 0)])
    func faultSpecs(spec: String, faults: String, slow: Double, unavailable: Int) throws {
        let plan = try FaultPlan(spec: spec)
        #expect(plan.faults.map(\.description).joined(separator: ",") == faults)
        #expect(plan.slowSeconds == slow)
        #expect(plan.unavailablePerRequest == unavailable)
    }

    @Test(arguments: ["404x2", "slow=fast", "unavailable=-1", "banana"])
    func badFaultSpecsAreRefused(spec: String) {
        #expect(throws: SandboxError.self) { try FaultPlan(spec: spec) }
    }

    @Test func syntheticDataIsDeterministicPerSeed() {
        let a = SyntheticAccounts(seed: 42), b = SyntheticAccounts(seed: 42), c = SyntheticAccounts(seed: 43)
        #expect(a.accounts.flatMap { $0.posts.map(\.id) } == b.accounts.flatMap { $0.posts.map(\.id) })
        #expect(a.accounts.flatMap { $0.posts.map(\.id) } != c.accounts.flatMap { $0.posts.map(\.id) })
        #expect(a.account(named: "sandbox_brand")?.posts.count == 300)
        let p = a.accounts[0].posts[5]
        #expect(a.count(p, .impressions, hour: 3) == b.count(p, .impressions, hour: 3))
        #expect(Snowflake.date(of: p.id).map { abs($0.timeIntervalSince(p.postedAt)) < 0.001 } == true)
        #expect(SandboxServer(seed: 42).banner(port: 8790).contains("@sandbox_brand (user 1000001): 300 posts"))
    }
}
