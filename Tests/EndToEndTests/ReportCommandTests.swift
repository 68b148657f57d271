import Foundation
import Testing

/// `engage report`, `compare`, `hours` and `validate` run as a user would, on the bundled samples.
@Suite(.serialized) struct ReportCommandTests {
    static let demoInputs = [
        "tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv",
        "content_northwind_roasters_20251001_20251123.csv",
        "account_overview_northwind_roasters_20251001_20251123.csv",
    ].map(Workdir.sample)

    static let demoArguments = ["report"] + demoInputs
        + ["--campaigns", Workdir.sample("campaigns.yaml"), "--tz", "America/New_York"]

    @Test func demoReportWritesEveryOutputAndReadsBackIndependently() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(Self.demoArguments + ["--out", "out"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let files = dir.files(in: "out")
        // The period runs to the overview's last day (Nov 23), past the last post (Nov 22 in New York).
        let base = "engage-northwind_roasters-2025-07-31_2025-11-23"
        for expected in ["\(base).xlsx", "\(base).pdf", "\(base)-daily.png", "\(base)-top-posts.png", "\(base)-followers.png",
                         "\(base)-campaigns.png", "\(base)-best-hours.png", "summary.txt", "summary.html", "manifest.json"] {
            #expect(files.contains(expected), "missing \(expected) in \(files)")
        }
        #expect(!files.contains { $0.hasPrefix(".") }, "staging left behind: \(files)")
        #expect(run.stdout.contains("wrote \(files.count) files to out/"))

        let check = try dir.python("e2e/check_outputs.py", [dir.root.appending(path: "out").path])
        #expect(check.status == 0, "\(check.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((result["manifest_mismatched"] as? [String]) == [])
        #expect((result["manifest_files"] as? [String])?.count == files.count - 1)
        #expect((result["sheets"] as? [String])?.starts(with: ["Summary", "Posts", "Daily", "Trend", "TopPosts", "Campaigns", "BestHours"]) == true)
        #expect((result["sheets"] as? [String])?.suffix(2) == ["DataIssues", "About"])
        #expect((result["posts_rows"] as? Int) == 271)
        #expect((result["formulas"] as? [String]) == [])
        #expect((result["nan_cells"] as? [String]) == [])
        #expect((result["first_post_id"] as? String)?.count ?? 0 >= 18, "ids are written as text, not rounded numbers")
        #expect((result["inputs"] as? Int) == 3)
    }

    /// Page 1 of the demo PDF, rasterised by poppler's pdftoppm, matches the committed reference
    /// image within a tolerance (fonts may anti-alias a shade differently; layout may not move).
    /// After an intended layout change: ENGAGE_UPDATE_REFERENCE=1 swift test --filter pageOne
    @Test func pageOneMatchesTheReferenceImage() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(Self.demoArguments + ["--out", "out", "--formats", "pdf", "--quiet"],
                              environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = try #require(dir.files(in: "out").first { $0.hasSuffix(".pdf") })
        let raster = Process()
        raster.executableURL = URL(filePath: "/usr/bin/env")
        raster.arguments = ["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "1", "-singlefile",
                            dir.root.appending(path: "out/\(pdf)").path, dir.root.appending(path: "page").path]
        try raster.run()
        raster.waitUntilExit()
        #expect(raster.terminationStatus == 0)
        let page = try GrayImage(pgm: Data(contentsOf: dir.root.appending(path: "page.pgm")))
        let referenceURL = Workdir.packageRoot.appending(path: "Tests/Fixtures/e2e/demo-page1.pgm")
        // Record-then-fail: a re-recorded reference never passes the run that recorded it.
        if ProcessInfo.processInfo.environment["ENGAGE_UPDATE_REFERENCE"] == "1" {
            try Data(contentsOf: dir.root.appending(path: "page.pgm")).write(to: referenceURL)
            Issue.record("recorded \(referenceURL.lastPathComponent); look at it, then run again without ENGAGE_UPDATE_REFERENCE")
            return
        }
        let reference = try GrayImage(pgm: Data(contentsOf: referenceURL))
        #expect(page.width == reference.width && page.height == reference.height)
        guard page.pixels.count == reference.pixels.count else { return }
        var total = 0, far = 0
        for (a, b) in zip(page.pixels, reference.pixels) {
            let d = abs(Int(a) - Int(b))
            total += d
            if d > 64 { far += 1 }
        }
        let meanDifference = Double(total) / Double(page.pixels.count)
        #expect(meanDifference < 1.5, "mean difference \(meanDifference) grey levels")
        #expect(Double(far) / Double(page.pixels.count) < 0.005, "\(far) pixels differ strongly")
        let inked = reference.pixels.filter { $0 < 128 }.count
        #expect(inked > reference.pixels.count / 100, "the reference page is nearly blank")
    }

    @Test func sameInputsGiveByteIdenticalFiles() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let inputs = Array(Self.demoInputs.prefix(2))
        for folder in ["a", "b"] {
            let run = try dir.run(["report"] + inputs + ["--tz", "Europe/Berlin", "--out", folder, "--quiet"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
        }
        let names = dir.files(in: "a")
        #expect(names == dir.files(in: "b"))
        #expect(names.count >= 7)
        for name in names {
            let a = try Data(contentsOf: dir.root.appending(path: "a/\(name)"))
            let b = try Data(contentsOf: dir.root.appending(path: "b/\(name)"))
            #expect(a == b, "\(name) differs between two identical runs")
        }
    }

    @Test func malformedExportFailsWith65NamingFileAndLineAndWritesNothing() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(["report", Self.demoInputs[0], Workdir.sample("broken_export.csv"), "--out", "out"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("broken_export.csv line 3"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("column"))
        #expect(dir.files(in: "out").isEmpty)
    }

    @Test func missingInputIs66AndUnwritableOutputIs73KeepingPreviousFiles() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let missing = try dir.run(["report", "no-such-export.csv", "--out", "out"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no-such-export.csv"))

        try Data("not a folder".utf8).write(to: dir.root.appending(path: "blocked"))
        let blocked = try dir.run(["report", Self.demoInputs[1], "--out", "blocked/inner", "--quiet"])
        #expect(blocked.status == 73, "stderr: \(blocked.stderr)")
        #expect(blocked.stderr.contains("blocked"))

        #expect(try dir.run(["report", Self.demoInputs[1], "--out", "out", "--quiet", "--tz", "UTC"]).status == 0)
        let before = try dir.files(in: "out").map { try Data(contentsOf: dir.root.appending(path: "out/\($0)")) }
        let failed = try dir.run(["report", Self.demoInputs[1], Workdir.sample("broken_export.csv"), "--out", "out", "--tz", "UTC"])
        #expect(failed.status == 65)
        let after = try dir.files(in: "out").map { try Data(contentsOf: dir.root.appending(path: "out/\($0)")) }
        #expect(before == after, "a failed run changed the previous outputs")
    }

    @Test func usageErrorsAre64() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        #expect(try dir.run(["report", Self.demoInputs[1], "--tz", "Mars/Olympus"]).status == 64)
        #expect(try dir.run(["report", Self.demoInputs[1], "--from", "2025-13-01", "--to", "2025-12-01"]).status == 64)
        #expect(try dir.run(["report", Self.demoInputs[1], "--metric", "vibes"]).status == 64)
        #expect(try dir.run(["report", Self.demoInputs[1], "--formats", "xlsx,docx"]).status == 64)
    }

    @Test func validateJSONHasOneEntryPerFile() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(["validate", "--json", Self.demoInputs[1], Workdir.sample("broken_export.csv")])
        #expect(run.status == 65)
        let list = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(list.count == 2)
        #expect(list.first?["rows"] as? Int == 131)
        #expect(list.first?["skipped"] as? Int == 1)
        #expect((list.first?["issues"] as? [[String: Any]])?.first?["line"] as? Int == 67)
        #expect((list.last?["error"] as? String)?.contains("line 3") == true)
        #expect(dir.files(in: ".").isEmpty, "validate wrote files")
    }

    @Test func compareAndHoursPrintTheDocumentedJSON() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let compare = try dir.run(["compare"] + Self.demoInputs.prefix(2) + ["--campaigns", Workdir.sample("campaigns.yaml"), "--json", "--tz", "America/New_York"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let analysis = try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any] ?? [:]
        let campaigns = analysis["campaigns"] as? [[String: Any]] ?? []
        #expect(campaigns.map { $0["name"] as? String } == ["fall-blend", "pumpkin-drop", "oat-milk-week"])
        #expect(Set(campaigns.first?.keys.map { $0 } ?? []) == ["name", "posts", "impressions", "events", "rate", "ci_low", "ci_high", "wilson_low", "wilson_high",
                                                                 "weighted_rate", "weighted_ci_low", "weighted_ci_high"])
        let comparisons = analysis["comparisons"] as? [[String: Any]] ?? []
        #expect(comparisons.count == 2)
        #expect(comparisons.allSatisfy { $0["control"] as? String == "fall-blend" && $0["verdict"] is String })

        let hours = try dir.run(["hours"] + Self.demoInputs.prefix(2) + ["--json", "--tz", "America/New_York"])
        #expect(hours.status == 0, "\(hours.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(hours.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((result["cells"] as? [Any])?.count == 168)
        #expect(result["tz"] as? String == "America/New_York")
        #expect(!hours.stdout.contains("NaN"))
    }

    /// The Campaigns sheet shows, beside each campaign's total rate, the weighted rate the lifts are
    /// measured on: read back with openpyxl, its values are compare --json's for the same inputs.
    @Test func campaignTableShowsTheWeightedRateOfCompareJSON() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let inputs = Array(Self.demoInputs.prefix(2)), campaigns = ["--campaigns", Workdir.sample("campaigns.yaml"), "--tz", "America/New_York"]
        let compare = try dir.run(["compare"] + inputs + campaigns + ["--json"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let expected = (try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])?["campaigns"] as? [[String: Any]] ?? []
        let run = try dir.run(["report"] + inputs + campaigns + ["--out", "out", "--formats", "xlsx,summary", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let workbook = try #require(dir.files(in: "out").first { $0.hasSuffix(".xlsx") })
        let read = try dir.python("report/read_campaigns.py", [dir.root.appending(path: "out/\(workbook)").path])
        #expect(read.status == 0, "\(read.stderr)")
        let sheet = try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any] ?? [:]
        let rows = sheet["rows"] as? [[String: Any]] ?? []
        #expect(rows.map { $0["name"] as? String } == expected.map { $0["name"] as? String })
        #expect(expected.count == 3)
        for (row, json) in zip(rows, expected) {
            for (column, key) in [("weighted", "weighted_rate"), ("weighted_low", "weighted_ci_low"), ("weighted_high", "weighted_ci_high"),
                                  ("total", "rate"), ("total_low", "ci_low"), ("total_high", "ci_high")] {
                let shown = try #require(row[column] as? Double, "\(column) of \(row)"), want = try #require(json[key] as? Double, "\(key)")
                #expect(abs(shown - want) <= 1e-12, "\(row["name"] ?? "") \(column): \(shown) ≠ \(key) \(want)")
            }
        }
        #expect(sheet["chart_axis_weighted"] as? Bool == true, "the native chart's axis says it plots the weighted rate")
        let summary = try String(contentsOf: dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        #expect(summary.contains("Lifts are measured on the mean post engagement rate"), "\(summary)")
        let text = try dir.run(["compare"] + inputs + campaigns)
        #expect(text.status == 0 && text.stdout.contains("per post (weighted)") && text.stdout.contains("total (Σ/Σ)"), "\(text.stdout)")
    }

    @Test func templatesPeriodsAndEmptyPeriods() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let weekly = try dir.run(["report", Self.demoInputs[1], "--template", "weekly", "--now", "2025-11-19", "--tz", "America/New_York",
                                  "--out", "w", "--formats", "xlsx,manifest", "--quiet"])
        #expect(weekly.status == 0, "\(weekly.stderr)")
        #expect(dir.files(in: "w").contains("engage-northwind_roasters-2025-11-10_2025-11-16.xlsx"))
        let monthly = try dir.run(["report", Self.demoInputs[1], "--template", "monthly", "--now", "2025-11-19", "--tz", "UTC",
                                   "--out", "m", "--formats", "pdf", "--quiet"])
        #expect(monthly.status == 0)
        #expect(dir.files(in: "m") == ["engage-northwind_roasters-2025-10-01_2025-10-31-monthly.pdf"])

        let empty = try dir.run(["report", Self.demoInputs[1], "--period", "2020-01-06..2020-01-12", "--tz", "UTC", "--out", "e", "--quiet", "--allow-empty"])
        #expect(empty.status == 0)
        #expect(try String(contentsOf: dir.root.appending(path: "e/summary.txt"), encoding: .utf8).contains("No posts were published"))
        let refused = try dir.run(["report", Self.demoInputs[1], "--period", "2020-01-06..2020-01-12", "--tz", "UTC", "--out", "f", "--fail-on-empty"])
        #expect(refused.status == 65)
        #expect(dir.files(in: "f").isEmpty)

        let badTemplate = dir.root.appending(path: "mine.yaml")
        try "title: Mine\nperiod: last-week\nsectons: [summary]\n".write(to: badTemplate, atomically: true, encoding: .utf8)
        let bad = try dir.run(["report", Self.demoInputs[1], "--template", "mine.yaml"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("mine.yaml line 3, key \"sectons\""))
    }

    @Test func batchRunsEveryJobAndReportsTheFailedOne() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let jobs = """
        jobs:
          - name: northwind-legacy
            inputs: [\(Self.demoInputs[0])]
            tz: America/New_York
          - name: northwind-content
            inputs: [\(Self.demoInputs[1])]
          - name: broken
            inputs: [\(Workdir.sample("broken_export.csv"))]
        """
        try jobs.write(to: dir.root.appending(path: "jobs.yaml"), atomically: true, encoding: .utf8)
        let run = try dir.run(["report", "--batch", "jobs.yaml", "--out", "out", "--formats", "xlsx,manifest", "--tz", "UTC"])
        #expect(run.status == 65)
        #expect(run.stdout.contains("2 of 3 reports written"))
        #expect(run.stderr.contains("job broken"))
        #expect(dir.files(in: "out") == ["northwind-content", "northwind-legacy"])
        // The default file name keeps the account and the period, so that every week's attachment differs.
        let legacy = dir.files(in: "out/northwind-legacy").filter { $0.hasSuffix(".xlsx") }
        #expect(legacy.count == 1)
        #expect(legacy.first?.hasPrefix("engage-northwind_roasters-2025-0") == true, "\(legacy)")
        #expect(legacy.first?.hasSuffix("_2025-10-31.xlsx") == true, "\(legacy)")
    }

    /// Two jobs whose names clean to the same folder would overwrite each other's report: the batch
    /// refuses before running any job, naming both.
    @Test(arguments: [("Acme Inc.", "Acme Inc"), ("acme/x", "acme:x")])
    func batchJobsSharingAFolderAreRefused(first: String, second: String) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let jobs = """
        jobs:
          - name: "\(first)"
            inputs: [\(Self.demoInputs[1])]
          - name: "\(second)"
            inputs: [\(Self.demoInputs[1])]
        """
        try jobs.write(to: dir.root.appending(path: "jobs.yaml"), atomically: true, encoding: .utf8)
        let run = try dir.run(["report", "--batch", "jobs.yaml", "--out", "out", "--tz", "UTC"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("\"\(first)\" (line 2)") && run.stderr.contains("\"\(second)\" (line 4)"), "\(run.stderr)")
        #expect(dir.files(in: "out").isEmpty)
    }
}
