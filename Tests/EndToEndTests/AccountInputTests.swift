import Foundation
import Testing

/// Daily and account overview exports as inputs, alone and merged with per-post exports, through
/// the built binary. Every expected figure comes from `Tests/Fixtures/accounts/expected.py`, which
/// sums the fixture files with Python's csv module and reads the workbook back with openpyxl.
/// The fixtures are written by `Benchmarks/gen_samples.py --fixtures` (seeded, fictional account).
@Suite(.serialized) struct AccountInputTests {
    static func fixture(_ name: String) -> String {
        Workdir.packageRoot.appending(path: "Tests/Fixtures/accounts/\(name)").path
    }

    static let daily = fixture("daily_tweet_activity_metrics_northwind_roasters_20250801_20250831_en.csv")
    static let october = fixture("content_northwind_roasters_20251001_20251031.csv")
    static let earlyAugust = fixture("content_northwind_roasters_20250801_20250810.csv")
    static let november = fixture("content_northwind_roasters_20251110_20251120.csv")
    static let overview = fixture("account_overview_northwind_roasters_20251101_20251110.csv")
    static let laterOverview = fixture("account_overview_northwind_roasters_20251106_20251115.csv")

    /// engage's JSON document, the oracle's figures and the output folder of one run.
    struct Run {
        let report: [String: Any]
        let expected: [String: Any]
        let folder: URL
        let stdout: String
    }

    /// Runs `engage report FILES --json` (workbook and report.json written too) and the oracle on the same files.
    func run(_ files: [String], period: (String, String)? = nil, extra: [String] = [], in dir: Workdir, folder: String = "out") throws -> Run {
        let periodArguments = period.map { ["--from", $0.0, "--to", $0.1] } ?? []
        let out = try dir.run(["report"] + files + periodArguments + extra
                              + ["--tz", "UTC", "--out", folder, "--formats", "xlsx,png,pdf,json,manifest", "--json"])
        #expect(out.status == 0, "stderr: \(out.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any], "stdout: \(out.stdout)")
        let workbook = try #require(dir.files(in: folder).first { $0.hasSuffix(".xlsx") })
        let oracle = try dir.python("accounts/expected.py",
                                    periodArguments + ["--xlsx", dir.root.appending(path: "\(folder)/\(workbook)").path] + files)
        #expect(oracle.status == 0, "\(oracle.stderr)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(oracle.stdout.utf8)) as? [String: Any])
        return Run(report: report, expected: expected, folder: dir.root.appending(path: folder), stdout: out.stdout)
    }

    static func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }

    /// The period and the posts' and account's totals agree with the oracle.
    func expectTotals(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        let period = run.report["period"] as? [String: Any], expectedPeriod = run.expected["period"] as? [String: Any]
        #expect(period?["start"] as? String == expectedPeriod?["start"] as? String, sourceLocation: sourceLocation)
        #expect(period?["end"] as? String == expectedPeriod?["end"] as? String, sourceLocation: sourceLocation)
        #expect(Self.int(period?["days"]) == Self.int(expectedPeriod?["days"]), sourceLocation: sourceLocation)
        let posts = run.report["posts"] as? [String: Any], expectedPosts = run.expected["posts"] as? [String: Any]
        for key in ["count", "impressions", "engagements"] {
            #expect(Self.int(posts?[key]) == Self.int(expectedPosts?[key]), "posts.\(key)", sourceLocation: sourceLocation)
        }
        let expectedAccount = run.expected["account"] as? [String: Any]
        if let expectedAccount {
            let account = run.report["account"] as? [String: Any]
            for key in ["days", "impressions", "engagements", "new_follows", "unfollows", "net_follows"] {
                #expect(Self.int(account?[key]) == Self.int(expectedAccount[key]), "account.\(key)", sourceLocation: sourceLocation)
                #expect((account?[key] is NSNull) == (expectedAccount[key] is NSNull), "account.\(key) null", sourceLocation: sourceLocation)
            }
            if let impressions = Self.int(account?["impressions"]), let engagements = Self.int(account?["engagements"]),
               let rate = (account?["rate"] as? NSNumber)?.doubleValue {
                #expect(abs(rate - Double(engagements) / Double(impressions)) < 1e-12, sourceLocation: sourceLocation)
            }
        } else {
            #expect(run.report["account"] is NSNull, sourceLocation: sourceLocation)
        }
        #expect(Self.int(run.report["uncovered_days"]) == Self.int(run.expected["uncovered_days"]), sourceLocation: sourceLocation)
        let issues = (run.report["data_issues"] as? [String: Any])?["by_kind"] as? [String: Any]
        #expect(Self.int(issues?["merged"]) == Self.int(run.expected["merged"]), sourceLocation: sourceLocation)
        #expect(Self.int(issues?["skipped_row"]) == Self.int(run.expected["skipped"]), sourceLocation: sourceLocation)
        #expect(Self.int(issues?["outside_period"]) == (run.expected["outside"] as? [String: Any])?.count, sourceLocation: sourceLocation)
    }

    @Test func dailyExportAloneIsAFullReport() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try run([Self.daily], extra: ["--fail-on-empty"], in: dir)
        expectTotals(run)
        let sheet = try #require(run.expected["daily_sheet"] as? [String: Any])
        let account = run.report["account"] as? [String: Any]
        #expect(Self.int(sheet["account_impressions"]) == Self.int(account?["impressions"]))
        #expect((sheet["account_blank"] as? [String]) == [])
        #expect(Self.int(sheet["days"]) == 31)
        let findings = run.report["findings"] as? [String] ?? []
        #expect(findings.first?.hasPrefix("Account totals over 31 days") == true, "\(findings)")
        #expect(findings.contains { $0.contains("No per-post export covers") }, "the post sections say why they are empty")
        #expect(run.report["previous"] is NSNull)
    }

    @Test func overviewExportsMergeByDateAndKeepThePartialLastDay() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let alone = try run([Self.overview], in: dir)
        expectTotals(alone)
        #expect((alone.report["period"] as? [String: Any])?["end"] as? String == "2025-11-10", "the last day is not cut")

        let merged = try run([Self.laterOverview, Self.overview], in: dir, folder: "merged")
        expectTotals(merged)
        #expect(Self.int(merged.expected["merged"]) == 5)
        let account = try #require(merged.report["account"] as? [String: Any])
        let net = try #require(Self.int(account["net_follows"]))
        #expect(net == Self.int(account["new_follows"])! - Self.int(account["unfollows"])!)
        let sheet = try #require(merged.expected["daily_sheet"] as? [String: Any])
        #expect(sheet["net_matches"] as? Bool == true, "Net follows = New follows − Unfollows on every row")
        #expect(Self.int(sheet["net_follows"]) == net)
        #expect(FileManager.default.fileExists(atPath: merged.folder.appending(path: "engage-northwind_roasters-2025-11-01_2025-11-15-followers.png").path))
    }

    @Test func dailyAndPostsInDifferentMonthsLeaveTheMonthBetweenBlank() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try run([Self.daily, Self.october], in: dir)
        expectTotals(run)
        #expect(Self.int(run.report["uncovered_days"]) == 30)
        let sheet = try #require(run.expected["daily_sheet"] as? [String: Any])
        #expect((sheet["posts_blank"] as? [String]) == (run.expected["no_post_days"] as? [String]))
        #expect((sheet["account_blank"] as? [String]) == (run.expected["no_account_days"] as? [String]))
    }

    @Test func twoPostExportsMonthsApartLeaveAGapNotZeros() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try run([Self.earlyAugust, Self.november], in: dir)
        expectTotals(run)
        let sheet = try #require(run.expected["daily_sheet"] as? [String: Any])
        let uncovered = try #require(run.expected["uncovered"] as? [String])
        #expect(uncovered.first == "2025-08-11" && uncovered.last == "2025-11-09", "\(uncovered.prefix(3))")
        #expect((sheet["posts_blank"] as? [String]) == uncovered)
    }

    @Test func rowsOutsideAnExplicitPeriodAreCountedPerFile() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try run([Self.daily, Self.october], period: ("2025-10-01", "2025-10-31"), in: dir)
        expectTotals(run)
        let outside = try #require(run.expected["outside"] as? [String: Any])
        #expect(Self.int(outside["daily rows of \(Self.daily) fall before"]) == 31)
        let text = try dir.run(["report", Self.daily, Self.october, "--from", "2025-10-01", "--to", "2025-10-31",
                                "--tz", "UTC", "--out", "text", "--formats", "json"])
        #expect(text.stdout.contains("31 daily rows of \(Self.daily) fall before the period"), "\(text.stdout)")
    }

    /// The field names of `report --json` are a contract with pipelines: adding one is fine (update
    /// this list and the README), renaming or removing one is not.
    @Test func jsonSchemaIsStable() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try run([Self.laterOverview, Self.overview, Self.november], in: dir)
        let keys = { (object: Any?) in Set(((object as? [String: Any]) ?? [:]).keys) }
        #expect(keys(run.report) == ["schema", "generator", "period", "handle", "posts", "account", "previous",
                                     "uncovered_days", "data_issues", "findings", "files", "trend"])
        #expect(Self.int(run.report["schema"]) == 1)
        let weeks = run.report["trend"] as? [[String: Any]] ?? []
        #expect(weeks.count == 12)
        #expect(Set(weeks.flatMap(\.keys)) == ["week_start", "posts", "impressions", "engagements", "engagement_rate",
                                               "ci_low", "ci_high", "new_follows", "unfollows", "net_follows"])
        #expect(keys(run.report["period"]) == ["start", "end", "tz", "days"])
        let counted: Set<String> = ["likes", "reposts", "replies", "quotes", "bookmarks", "shares", "user_profile_clicks",
                                    "url_clicks", "video_views", "media_views"]
        #expect(keys(run.report["posts"]) == counted.union(["count", "impressions", "engagements", "rate", "rate_ci_low",
                                                            "rate_ci_high", "follows"]))
        #expect(keys(run.report["account"]) == counted.union(["days", "impressions", "engagements", "rate", "posts_published",
                                                              "new_follows", "unfollows", "net_follows"]))
        #expect(keys(run.report["data_issues"]) == ["count", "by_kind"])
        #expect(keys((run.report["data_issues"] as? [String: Any])?["by_kind"]) == ["skipped_row", "warning", "merged", "outside_period"])
        let files = run.report["files"] as? [String] ?? []
        #expect(files.contains("report.json") && files.contains("manifest.json"))
        #expect(Set(files) == Set(dir.files(in: "out")), "files lists exactly what the run wrote")
        let written = try String(contentsOf: run.folder.appending(path: "report.json"), encoding: .utf8)
        #expect(written == run.stdout, "report.json holds the same document as stdout")
        #expect(run.report["findings"] is [String])
    }
}
