import EngageAnalysis
import EngageConfig
import EngageModel
import EngageStore
import Foundation
import Synchronization
import Testing
@testable import EngageSandbox
@testable import EngageWatch

/// `engage watch`'s rules, detection and outbox, on real SQLite files and a loopback webhook.
@Suite("Watch")
struct WatchTests {
    static let posted = Date(timeIntervalSince1970: 1_780_000_000)

    /// A store holding @acme's post 1 (a post) and post 2 (a reply, #launch), observed at the
    /// given hours after posting with the given likes and 1,000 impressions.
    static func store(at path: String, observations: [(hours: Double, likes: [Int64])]) throws -> HistoryStore {
        let store = try HistoryStore(path: path)
        for (n, observation) in observations.enumerated() {
            let posts = observation.likes.enumerated().map { i, likes in
                var metrics = MetricValues()
                metrics[.likes] = likes
                metrics[.impressions] = 1000
                metrics[.engagements] = likes * 2
                let id = UInt64(i + 1)
                return Post(id: id, text: i == 0 ? "first post" : "@you a reply #Launch", permalink: "https://x.com/acme/status/\(id)",
                            postedAt: posted, timeSource: .apiCreatedAt, metrics: metrics, origin: SourceLocation(file: "f\(n)", line: nil))
            }
            _ = try store.importFile(StoreImport(
                input: InputFile(path: "f\(n)", variant: "test", encoding: "UTF-8", rows: posts.count, skipped: 0, sha256: "sha\(n)", bytes: 1),
                handle: "acme", observedAt: posted.addingTimeInterval(observation.hours * 3600), posts: posts, daily: []))
        }
        return store
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "engage-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the rules file form of the issue, with errors naming file and line")
    func rulesFile() throws {
        let rules = try WatchRuleFile.parse(yaml: """
            rules:
              - name: popular
                when: "likes >= 100"        # also: engagement_rate, url_clicks
                notify: [stdout]
              - name: fast
                when: "engagements >= 50 within 2h of posting"
                kind: reply
                hashtag: launch
                notify: [stdout, {webhook: "$HOOK"}, {eml: alerts, to: team@example.com}, {command: "cat > /dev/null"}]
              - name: rate
                when: "engagement_rate > 5%"
            """)
        #expect(rules.map(\.name) == ["popular", "fast", "rate"])
        #expect(rules[0].measure == .count(.likes) && rules[0].threshold == .value(100) && !rules[0].strict && rules[0].within == nil)
        #expect(rules[1].within == 7200 && rules[1].kind == "reply" && rules[1].hashtag == "#launch")
        #expect(rules[1].notify == [.stdout, .webhook("$HOOK"), .eml(folder: "alerts", to: "team@example.com"), .command("cat > /dev/null")])
        #expect(rules[2].measure == .rate(.engagements) && rules[2].strict && rules[2].threshold == .value(0.05))

        let bad = """
            rules:
              - name: popular
                when: "likes >= 100"
              - name: typo
                when: "lieks >= 100"
            """
        #expect {
            _ = try WatchRuleFile.parse(yaml: bad, path: "rules.yaml")
        } throws: { error in
            (error as? ConfigError)?.description == "rules.yaml line 5, key \"when\": lieks: not a metric (expected e.g. likes, engagements, url_clicks, engagement_rate)"
        }
        #expect(throws: ConfigError.self) { try WatchRuleFile.parse(yaml: "rules:\n  - name: a\n    when: \"likes >= 1 within 2x\"\n") }
        #expect(throws: ConfigError.self) { try WatchRuleFile.parse(yaml: "rules:\n  - name: a\n    when: \"likes >= p90\"\n") }
    }

    @Test("thresholds, velocity and filters: the first crossing observation, once per (post, rule)")
    func detection() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Likes of posts 1 and 2 after 1 h, 3 h and 30 h.
        let store = try Self.store(at: folder.appending(path: "s.sqlite").path,
                                   observations: [(1, [20, 40]), (3, [120, 60]), (30, [500, 90])])
        let rules = try WatchRuleFile.parse(yaml: """
            rules:
              - name: popular
                when: "likes >= 100"
              - name: fast
                when: "engagements >= 80 within 2h"
              - name: fast-later
                when: "engagements >= 80 within 4h"
              - name: replies
                when: "likes > 60"
                kind: reply
                hashtag: "#launch"
            """)
        let watcher = Watcher(store: store, rules: rules, handle: nil, sender: AlertSender { _ in }, retryAfter: 1)
        let alerts = try watcher.detect()
        let summary = alerts.map { "\($0.rule) \($0.postID) \(Int($0.value)) \($0.observedAt)" }
        #expect(summary == [
            "popular 1 120 2026-05-28T23:26:40Z",  // posted 2026-05-28T20:26:40Z, crossed at the 3 h observation
            "fast 2 80 2026-05-28T21:26:40Z",  // 40 likes → 80 engagements within the first hour
            "fast-later 1 240 2026-05-28T23:26:40Z",
            "fast-later 2 80 2026-05-28T21:26:40Z",
            "replies 2 90 2026-05-30T02:26:40Z",
        ])
        #expect(try watcher.detect().isEmpty)
        #expect(try HistoryStore(path: store.path).pending().count == 5)
    }

    @Test("a campaign filter: alerts for the posts counted in that campaign only, as a report counts them")
    func campaignFilter() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try HistoryStore(path: folder.appending(path: "s.sqlite").path)
        // Every post has 200 likes; only their texts (and the day of post 5) differ.
        let texts = ["spring sale #Spring", "#summer is coming", "both #spring and #summer", "no campaign", "a launch day post"]
        let posts = texts.enumerated().map { i, text in
            var metrics = MetricValues()
            metrics[.likes] = 200
            metrics[.impressions] = 2000
            let id = UInt64(i + 1)
            return Post(id: id, text: text, permalink: "https://x.com/acme/status/\(id)", postedAt: Self.posted.addingTimeInterval(Double(i) * 3600),
                        timeSource: .apiCreatedAt, metrics: metrics, origin: SourceLocation(file: "f", line: nil))
        }
        _ = try store.importFile(StoreImport(
            input: InputFile(path: "f", variant: "test", encoding: "UTF-8", rows: posts.count, skipped: 0, sha256: "sha", bytes: 1),
            handle: "acme", observedAt: Self.posted.addingTimeInterval(86_400), posts: posts, daily: []))
        let definitions = try CampaignFile.parse(yaml: """
            campaigns:
              - name: spring
                hashtags: ["#spring"]
              - name: summer
                hashtags: ["#summer"]
              - name: launch-day
                ids: [5]
            """)
        let rules = try WatchRuleFile.parse(yaml: """
            rules:
              - name: all
                when: "likes >= 100"
              - name: summer-hits
                when: "likes >= 100"
                campaign: summer
              - name: spring-hits
                when: "likes >= 100"
                campaign: spring
              - name: launch-hits
                when: "likes >= 100"
                campaign: launch-day
              - name: autumn-hits
                when: "likes >= 100"
                campaign: autumn
            """, path: "rules.yaml")
        #expect(rules[1].campaign == "summer")
        let campaigns = try WatchCampaigns(definitions: definitions, clock: .utc)
        #expect(campaigns.rulesNamingUnknownCampaigns(rules).map(\.name) == ["autumn-hits"])
        let watcher = Watcher(store: store, rules: rules, handle: nil, sender: AlertSender { _ in }, retryAfter: 1, campaigns: campaigns)
        let alerts = try watcher.detect()
        let byRule = Dictionary(grouping: alerts, by: \.rule).mapValues { $0.map(\.postID) }
        #expect(byRule["all"] == ["1", "2", "3", "4", "5"])
        // Post 3 matches both; it is counted in spring, listed first, and not in summer.
        #expect(byRule["summer-hits"] == ["2"])
        #expect(byRule["spring-hits"] == ["1", "3"])
        #expect(byRule["launch-hits"] == ["5"])
        #expect(byRule["autumn-hits"] == nil)
        // Histories not sorted into campaigns match no campaign rule.
        #expect(AlertDetector.alerts(rules: Array(rules[1...]), handle: "acme", histories: try PostHistory.all(of: "acme", in: store)).isEmpty)
    }

    @Test("percentile threshold: the account's own p90 of engagement rate")
    func percentile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Self.store(at: folder.appending(path: "s.sqlite").path,
                                   observations: [(5, (1...20).map { Int64($0) * 5 })])
        let rules = try WatchRuleFile.parse(yaml: "rules:\n  - name: top\n    when: \"engagement_rate > p90\"\n")
        let alerts = try Watcher(store: store, rules: rules, handle: "acme", sender: AlertSender { _ in }, retryAfter: 1).detect()
        // Rates 0.01 … 0.20 (likes × 2 ÷ 1000); numpy.percentile(rates, 90) = 0.181.
        #expect(alerts.map(\.postID) == ["19", "20"])
        #expect(abs(alerts[0].threshold - 0.181) < 1e-12)
    }

    @Test("a webhook that fails 3 times then answers gets the alert exactly once, with one idempotency key")
    func webhookRetries() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let requests = Mutex<[(key: String, body: String)]>([])
        let server = HTTPServer { request in
            let count = requests.withLock { list in
                list.append((request.headers["idempotency-key"] ?? "", String(decoding: request.body, as: UTF8.self)))
                return list.count
            }
            return HTTPResponse(status: count <= 3 ? 503 : 200)
        }
        let port = try server.start(port: 0)
        defer { server.stop() }
        let path = folder.appending(path: "s.sqlite").path
        _ = try Self.store(at: path, observations: [(1, [150, 10])])
        let rules = try WatchRuleFile.parse(yaml: "rules:\n  - name: popular\n    when: likes >= 100\n    notify: [stdout, {webhook: \"$HOOK\"}]\n")
        let lines = Mutex<[String]>([])
        func watcher() throws -> Watcher {
            Watcher(store: try HistoryStore(path: path), rules: rules, handle: nil,
                    sender: AlertSender(environment: ["HOOK": "http://127.0.0.1:\(port)/hook/secret-token"]) { line in lines.withLock { $0.append(line) } },
                    retryAfter: 0.01)
        }
        // Detected, then the process "dies" before delivering.
        #expect(try watcher().detect().count == 1)
        // Each restart detects nothing new and retries what is due.
        for _ in 0..<6 {
            let restarted = try watcher()
            #expect(try restarted.detect().isEmpty)
            _ = try await restarted.deliverDue()
            try await Task.sleep(for: .milliseconds(50))
        }
        let seen = requests.withLock { $0 }
        #expect(seen.count == 4)
        #expect(Set(seen.map(\.key)) == ["engage-acme-popular-1"])
        let body = try JSONSerialization.jsonObject(with: Data(seen[3].body.utf8)) as? [String: String]
        #expect(body?["text"] == "@acme: post 1 crossed popular (likes 150 ≥ 100) https://x.com/acme/status/1")
        #expect(lines.withLock { $0 } == [
            #"{"handle":"acme","link":"https://x.com/acme/status/1","metric":"likes","observed_at":"2026-05-28T21:26:40Z","post_id":"1","rule":"popular","threshold":100,"value":150}"#,
        ])
        #expect(try HistoryStore(path: path).pending().count == 0)
    }

    @Test("eml and command actions; a failure's message names the webhook's host, never its URL")
    func emlCommandAndSecrets() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "s.sqlite").path
        _ = try Self.store(at: path, observations: [(1, [150, 10])])
        let received = folder.appending(path: "received.json").path
        let rules = try WatchRuleFile.parse(yaml: """
            rules:
              - name: popular
                when: likes >= 100
                notify: [{eml: "\(folder.appending(path: "mail").path)", to: team@example.com}, {command: "cat > '\(received)'"}, {webhook: "http://127.0.0.1:9/hook/secret-token"}]
            """)
        let watcher = Watcher(store: try HistoryStore(path: path), rules: rules, handle: nil, sender: AlertSender { _ in }, retryAfter: 60)
        _ = try watcher.detect()
        let outcome = try await watcher.deliverDue()
        #expect(outcome.delivered == 2)
        #expect(outcome.failures.count == 1)
        #expect(outcome.failures[0].contains("127.0.0.1") && !outcome.failures[0].contains("secret-token"))
        let mail = try String(contentsOfFile: folder.appending(path: "mail/engage-alert-acme-popular-1.eml").path, encoding: .utf8)
        #expect(mail.hasPrefix("From: engage <engage@localhost>\r\nTo: team@example.com\r\nSubject: [engage] @acme: popular (likes 150)\r\n"))
        #expect(mail.contains("Message-ID: <engage-acme-popular-1@engage>\r\n"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(filePath: received))) as? [String: Any]
        #expect(json?["post_id"] as? String == "1" && json?["value"] as? Double == 150)
        // The failed webhook waits for its retry; nothing else is due.
        #expect(try await watcher.deliverDue().delivered == 0)
        #expect(try HistoryStore(path: path).pending().count == 1)
    }
}
