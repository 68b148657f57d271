import Foundation
import Testing

/// `engage store`, `report --store` and `watch --dir` as a user runs them: real store files,
/// real processes, some of them killed.
@Suite(.serialized) struct StoreEndToEndTests {
    static let content = Workdir.sample("content_northwind_roasters_20251001_20251123.csv")
    static let legacy = Workdir.sample("tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv")
    static let overview = Workdir.sample("account_overview_northwind_roasters_20251001_20251123.csv")

    /// `store info --json`, decoded.
    static func info(_ dir: Workdir, store: String = "s.sqlite") throws -> [String: Any] {
        let run = try dir.run(["store", "info", "--store", store, "--json"])
        try #require(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    static func accounts(_ info: [String: Any]) -> [[String: Any]] { info["accounts"] as? [[String: Any]] ?? [] }

    @Test func importTwiceChangesNothingAndInfoHasTheIssuesFields() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let first = try dir.run(["store", "import", Self.content, Self.overview, "--store", "s.sqlite"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Self.info(dir)
        let again = try dir.run(["store", "import", Self.overview, Self.content], environment: ["ENGAGE_STORE": "s.sqlite"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("imported before"))
        let after = try Self.info(dir)
        #expect(NSDictionary(dictionary: before).isEqual(to: after))
        let account = try #require(Self.accounts(after).first)
        #expect(account["handle"] as? String == "northwind_roasters")
        #expect(account["posts"] as? Int == 131)
        #expect(account["days"] as? Int == 54)
        #expect(account["first_day"] as? String == "2025-10-01")
        #expect(account["last_day"] as? String == "2025-11-23")
        let imports = after["imports"] as? [[String: Any]] ?? []
        #expect(imports.count == 2)
        #expect(Set(imports[0].keys) == ["file", "sha256", "variant", "rows", "at"])
        let check = try dir.run(["store", "check", "--store", "s.sqlite"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("observation: 131 rows"))
        let missing = try dir.run(["store", "info", "--store", "typo.sqlite"])
        #expect(missing.status == 66 && missing.stderr.contains("typo.sqlite: no such store"))
        #expect(!FileManager.default.fileExists(atPath: dir.root.appending(path: "typo.sqlite").path))
    }

    @Test func twoConcurrentImportsBothFinish() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let a = try FaultTests.start(["store", "import", Self.legacy, "--store", "s.sqlite"], in: dir)
        let b = try FaultTests.start(["store", "import", Self.content, Self.overview, "--store", "s.sqlite"], in: dir)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        let info = try Self.info(dir)
        #expect((info["imports"] as? [Any])?.count == 3)
        #expect(try dir.run(["store", "check", "--store", "s.sqlite"]).status == 0)
    }

    @Test func killedImportLeavesAllOrNoneAndACleanStore() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let big = try FaultTests.largeExport(in: dir, rows: 30_000)
        #expect(try dir.run(["store", "import", Self.content, "--store", "s.sqlite", "--quiet"]).status == 0)
        let process = try FaultTests.start(["store", "import", big, "--store", "s.sqlite"], in: dir)
        let wal = dir.root.appending(path: "s.sqlite-wal").path
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning,
              ((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0) < 1 << 20 {
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the import ended before it was killed")
        #expect(try dir.run(["store", "check", "--store", "s.sqlite"]).status == 0)
        let posts = Self.accounts(try Self.info(dir)).map { "\($0["handle"] ?? "") \($0["posts"] ?? "")" }
        #expect(posts == ["northwind_roasters 131"] || posts == ["big 30000", "northwind_roasters 131"], "\(posts)")
        // Importing it again completes it.
        #expect(try dir.run(["store", "import", big, "--store", "s.sqlite", "--quiet"]).status == 0)
        #expect(Self.accounts(try Self.info(dir)).first?["posts"] as? Int == 30_000)
    }

    @Test func reportFromTheStoreMatchesReportFromTheFiles() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let common = ["--period", "2025-10-01..2025-10-31", "--tz", "UTC", "--formats", "summary", "--quiet"]
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        #expect(try dir.run(["report", Self.content, Self.overview, "--out", "files", "--name", "r"] + common, environment: env).status == 0)
        #expect(try dir.run(["report", Self.content, "--store", "s.sqlite", "--out", "first", "--name", "r"] + common, environment: env).status == 0)
        #expect(try dir.run(["store", "import", Self.overview, "--store", "s.sqlite", "--quiet"]).status == 0)
        let fromStore = try dir.run(["report", "--store", "s.sqlite", "--handle", "@northwind_roasters", "--out", "store", "--name", "r"] + common, environment: env)
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        let expected = try String(contentsOf: dir.root.appending(path: "files/summary.txt"), encoding: .utf8)
        let actual = try String(contentsOf: dir.root.appending(path: "store/summary.txt"), encoding: .utf8)
        // The same figures. The store keeps no data issues (the export's skipped row stays with the
        // export), and the inputs are listed by the files imported.
        let figures = { (text: String) in
            text.split(separator: "\n").filter { !$0.contains("content_") && !$0.contains("account_overview") && !$0.hasPrefix("DATA ISSUES") }
        }
        #expect(figures(actual) == figures(expected))
        let unknown = try dir.run(["report", "--store", "s.sqlite", "--handle", "nobody", "--out", "x"] + common)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no account @nobody"))
    }

    @Test func watchDirAlertsOnceAcrossRestarts() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        try FileManager.default.createDirectory(at: dir.root.appending(path: "drop"), withIntermediateDirectories: true)
        try """
            rules:
              - name: popular
                when: "likes >= 100"
                notify: [stdout]
            """.write(to: dir.root.appending(path: "rules.yaml"), atomically: true, encoding: .utf8)
        let watch = ["watch", "--store", "s.sqlite", "--rules", "rules.yaml", "--dir", "drop", "--once", "--quiet", "--max-age", "60d"]
        let empty = try dir.run(watch)
        #expect(empty.status == 0 && empty.stdout.isEmpty, "\(empty.stderr)")
        try FileManager.default.copyItem(atPath: Self.content, toPath: dir.root.appending(path: "drop/content_northwind_roasters_20251001_20251123.csv").path)
        let first = try dir.run(watch)
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let alert = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(alert.keys) == ["rule", "post_id", "handle", "metric", "value", "threshold", "observed_at", "link"])
            #expect((alert["value"] as? Double ?? 0) >= 100 && alert["observed_at"] as? String == "2025-11-24T00:00:00Z")
        }
        let second = try dir.run(watch)
        #expect(second.status == 0 && second.stdout.isEmpty)
        // The default judges only posts at most 7 days old at their latest observation.
        let fresh = try dir.run(["watch", "--store", "fresh.sqlite", "--rules", "rules.yaml", "--dir", "drop", "--once", "--quiet"])
        #expect(fresh.status == 0)
        #expect(fresh.stdout.split(separator: "\n").count < lines.count)
        let badRules = try dir.run(["watch", "--store", "s.sqlite", "--rules", "drop/content_northwind_roasters_20251001_20251123.csv", "--dir", "drop", "--once"])
        #expect(badRules.status == 65)
    }

    @Test func watchAPIAlertsOnceWhenThePlantedPostTakesOff() throws {
        // A quarter of an hour a second: the planted post crosses 100 likes 10–20 s in, and the
        // 28 hours the endpoint counts last almost two minutes, however slowly a loaded machine polls.
        let sandbox = try APIEndToEndTests.Sandbox(["--speed", "900"])
        let dir = try Workdir()
        defer { dir.remove() }
        try """
            rules:
              - name: popular
                when: "likes >= 100"
            """.write(to: dir.root.appending(path: "rules.yaml"), atomically: true, encoding: .utf8)
        var alerts: [[String: Any]] = []
        var polls = 0, pollsAfterAlert = 0
        let start = Date()
        while pollsAfterAlert < 3 && Date().timeIntervalSince(start) < 80 {
            let run = try dir.run(["watch", "--store", "s.sqlite", "--rules", "rules.yaml", "--api", "--user", "sandbox_live",
                                   "--api-base", sandbox.base, "--state", "state.json", "--once", "--quiet"],
                                  environment: APIEndToEndTests.environment)
            polls += 1
            #expect(run.status == 0, "\(run.stderr)")
            for line in run.stdout.split(separator: "\n") {
                alerts.append(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
            }
            // After the alert, wait over an hour of sandbox time between polls, so that each finds new counts.
            if !alerts.isEmpty { pollsAfterAlert += 1 }
            Thread.sleep(forTimeInterval: alerts.isEmpty ? 1 : 5)
        }
        // One alert, for the planted post: the quiet posts never reach 100 likes.
        #expect(alerts.count == 1)
        let id = try #require(alerts.first?["post_id"] as? String)
        let history = try dir.run(["store", "export", "--store", "s.sqlite"])
        let rows = history.stdout.split(separator: "\n").filter { $0.hasPrefix(id + ",") }
        #expect((2...polls).contains(rows.count) && rows.allSatisfy { $0.contains("(planted to take off)") }, "\(rows.count) observations in \(polls) polls")
        // Its likes grew from one poll to the next (the polls stay inside the 28 hours the endpoint counts).
        let likes = rows.map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[10]) ?? -1 }
        #expect(likes == likes.sorted() && likes.first! < likes.last!, "\(likes)")
    }

    @Test func batchJobsEachWithTheirOwnStore() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        try """
            jobs:
              - name: legacy
                inputs: [\(Self.legacy)]
                store: stores/legacy.sqlite
              - name: content
                inputs: [\(Self.content)]
                store: stores/content.sqlite
            """.write(to: dir.root.appending(path: "jobs.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.root.appending(path: "stores"), withIntermediateDirectories: true)
        let first = try dir.run(["report", "--batch", "jobs.yaml", "--out", "out", "--formats", "summary", "--tz", "UTC", "--parallel", "1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(Self.accounts(try Self.info(dir, store: "stores/legacy.sqlite")).first?["posts"] as? Int == 222)
        #expect(Self.accounts(try Self.info(dir, store: "stores/content.sqlite")).first?["posts"] as? Int == 131)
        // Next week's batch needs no inputs for an account whose exports are all in its store.
        try """
            jobs:
              - name: content
                store: stores/content.sqlite
            """.write(to: dir.root.appending(path: "again.yaml"), atomically: true, encoding: .utf8)
        let again = try dir.run(["report", "--batch", "again.yaml", "--out", "again", "--formats", "summary", "--tz", "UTC", "--parallel", "1"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOf: dir.root.appending(path: "again/content/summary.txt"), encoding: .utf8)
                == String(contentsOf: dir.root.appending(path: "out/content/summary.txt"), encoding: .utf8))
    }
}
