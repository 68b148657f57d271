import Foundation
import Testing

/// The weekly report as a manager reads it (one way to write each figure, a workbook that
/// prints, a PDF that says things once) and as a cron job and a mail pipeline run it.
@Suite(.serialized) struct WeeklyReportTests {
    static let content = Workdir.sample("content_northwind_roasters_20251001_20251123.csv")
    /// A week of the content export whose previous week is in the export too.
    static let week = ["report", content, "--from", "2025-11-10", "--to", "2025-11-16", "--tz", "America/New_York",
                       "--campaigns", Workdir.sample("campaigns.yaml")]

    /// Text of `pages` of a PDF, by poppler's pdftotext.
    static func pdfText(_ path: URL, first: Int = 1, last: Int? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", "-f", String(first)] + (last.map { ["-l", String($0)] } ?? []) + [path.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Figures

    /// The change of the engagement rate reads the same in summary.txt, summary.html, the PDF
    /// tile and the finding: percentage points with the relative change in brackets; the
    /// workbook stores the points under a "pp" format, equal to (this − previous) × 100.
    @Test func rateChangesAreInPercentagePointsInEveryOutput() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(Self.week + ["--out", "out", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        let html = try String(contentsOf: dir.root.appending(path: "out/summary.html"), encoding: .utf8)
        let pattern = #"[+-]\d+\.\d\d pp \([+-]\d+\.\d%\)"#
        let rateLine = try #require(text.split(separator: "\n").first { $0.contains("Engagement rate:") })
        let change = try #require(rateLine.range(of: pattern, options: .regularExpression).map { String(rateLine[$0]) },
                                  "summary.txt: \(rateLine)")
        #expect(html.contains(change))
        let pdf = try #require(dir.files(in: "out").first { $0.hasSuffix(".pdf") })
        let page1 = try Self.pdfText(dir.root.appending(path: "out/\(pdf)"), last: 1)
        #expect(page1.contains(change), "PDF tile: \(page1.prefix(600))")
        #expect(!page1.contains(" pt"), "the old convention is gone")
        // The finding says the same points, without the sign (it says up or down).
        #expect(text.contains("on the previous period") && text.contains(String(change.dropFirst())))

        let workbook = try #require(dir.files(in: "out").first { $0.hasSuffix(".xlsx") })
        let layout = try dir.python("report/read_layout.py", [dir.root.appending(path: "out/\(workbook)").path])
        #expect(layout.status == 0, "\(layout.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(layout.stdout.utf8)) as? [String: Any])
        let rate = try #require(json["rate_row"] as? [String: Any])
        let value = try #require(rate["value"] as? Double), previous = try #require(rate["previous"] as? Double)
        let points = try #require(rate["change"] as? Double)
        #expect(abs(points - (value - previous) * 100) < 1e-9)
        #expect((rate["change_format"] as? String)?.contains("pp") == true)
    }

    /// Counts read the same everywhere: "1,780 posts" in the findings and the best-hours
    /// sentence, as on the tile, in a content export of 1,780 seeded synthetic posts.
    @Test func countsAreGroupedInFindings() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        var lines = ["Post id,Date,Post text,Post Link,Impressions,Likes,Engagements"]
        var state: UInt64 = 20
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        let first: UInt64 = 1_759_276_800_000   // 2025-10-01T00:00Z in ms
        for i in 0..<1_780 {
            let ms = first + UInt64(i) * 1_450_000 + next(600_000)
            let id = (ms - 1_288_834_974_657) << 22
            let day = Date(timeIntervalSince1970: Double(ms) / 1000)
            let date = day.formatted(Date.VerbatimFormatStyle(format: "\(weekday: .abbreviated), \(month: .abbreviated) \(day: .defaultDigits), \(year: .defaultDigits)",
                                                             timeZone: .gmt, calendar: Calendar(identifier: .gregorian)).locale(Locale(identifier: "en_US_POSIX")))
            let impressions = 200 + next(3_000)
            lines.append("\(id),\"\(date)\",Synthetic post \(i),https://x.com/synthetic_brand/status/\(id),\(impressions),\(next(20)),\(next(60))")
        }
        try lines.joined(separator: "\n").write(to: dir.root.appending(path: "synthetic.csv"), atomically: true, encoding: .utf8)
        let run = try dir.run(["report", "synthetic.csv", "--tz", "UTC", "--out", "out", "--formats", "summary", "-q"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOf: dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        #expect(text.contains("- 1,780 posts earned"), "\(text.prefix(400))")
        #expect(text.contains("over 1,780 posts"), "\(text)")
        #expect(!text.contains("1780"))
    }

    // MARK: Workbook

    /// Every sheet prints (paper, fit to one page wide, footer with page numbers, a print area),
    /// wide sheets in landscape with the header row repeated; no overlapping column ranges;
    /// TopPosts without repeated titles; the campaign chart names its campaigns; charts near the
    /// top; BestHours leaves empty slots grey and blank and hatches thin ones.
    @Test func workbookPrintsAndReadsLikeThePNGs() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(ReportCommandTests.demoArguments + ["--out", "out", "--formats", "xlsx", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let workbook = try #require(dir.files(in: "out").first { $0.hasSuffix(".xlsx") })
        let layout = try dir.python("report/read_layout.py", [dir.root.appending(path: "out/\(workbook)").path])
        #expect(layout.status == 0, "\(layout.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(layout.stdout.utf8)) as? [String: Any])
        let sheets = try #require(json["sheets"] as? [String: [String: Any]])
        #expect(sheets.count == 9)
        for (name, sheet) in sheets {
            // fitToWidth 1 is the file format's default, which openpyxl reads back as None.
            // Summary fits on one page; the others are one page wide and as long as they need.
            let tall = name == "Summary" ? 1 : 0
            #expect(sheet["fit_to_page"] as? Bool == true && (sheet["fit_width"] as? Int ?? 1) == 1 && (sheet["fit_height"] as? Int ?? 1) == tall, "\(name)")
            #expect(sheet["paper"] as? Int == 9, "\(name): A4")
            #expect((sheet["print_area"] as? String)?.isEmpty == false, "\(name)")
            #expect(sheet["footer_right"] as? String == "Page &P of &N", "\(name): \(sheet["footer_right"] ?? "none")")
            #expect((sheet["footer"] as? String)?.hasPrefix("@northwind_roasters · ") == true, "\(name)")
            let cols = (sheet["cols"] as? [[Int]] ?? []).sorted { $0[0] < $1[0] }
            for (a, b) in zip(cols, cols.dropFirst()) {
                #expect(a[1] < b[0], "\(name): columns \(a) and \(b) overlap")
            }
            for chart in sheet["charts"] as? [[String: Any]] ?? [] {
                #expect((chart["row"] as? Int ?? 999) < 60, "\(name): a chart placed at row \(chart["row"] ?? "?")")
            }
        }
        for name in ["Posts", "DataIssues", "Daily", "Trend"] {
            #expect(sheets[name]?["print_title_rows"] as? String == "$1:$1", "\(name) repeats its header row")
            #expect(sheets[name]?["orientation"] as? String == "landscape", "\(name)")
        }

        for header in try #require(json["top_headers"] as? [[String]]) {
            #expect(Set(header).count == header.count, "repeated titles in \(header)")
        }
        let campaignChart = try #require((sheets["Campaigns"]?["charts"] as? [[String: Any]])?.first)
        #expect(campaignChart["kind"] as? String == "barChart" && campaignChart["grouping"] as? String == "stacked")
        #expect((campaignChart["categories"] as? [String])?.allSatisfy { $0.contains("Campaigns!$A$") } == true, "\(campaignChart)")

        let slots = try #require(json["best_hours"] as? [[String: Any]])
        let empty = slots.filter { ($0["posts"] as? Int ?? 0) == 0 }
        let thin = slots.filter { (1..<5).contains($0["posts"] as? Int ?? 0) }
        #expect(!empty.isEmpty && !thin.isEmpty)
        for slot in empty {
            #expect(slot["value"] == nil || slot["value"] is NSNull, "a slot without posts shows no estimate: \(slot)")
            #expect(slot["pattern"] as? String == "solid" && (slot["colour"] as? String)?.hasSuffix("D9D9D9") == true, "\(slot)")
        }
        for slot in thin { #expect(slot["pattern"] as? String == "lightUp", "a thin slot is hatched: \(slot)") }
        let texts = try #require(json["best_hours_texts"] as? [String])
        #expect(texts.contains { $0.hasPrefix("hatched: fewer than 5 posts") })
        #expect(texts.contains("grey and empty: no posts"))
    }

    // MARK: PDF

    /// Thirty junk rows of one export are one line on the data-issues page, with the count, the
    /// first line numbers and the whole file name; page 2 lists top posts by engagements and by
    /// rate, not the same ten twice.
    @Test func pdfGroupsIssuesAndShowsTwoRankings() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let name = "content_northwind_roasters_exported_for_the_monday_meeting_20251001_20251123.csv"
        let original = try String(contentsOfFile: Self.content, encoding: .utf8)
        let junk = String(repeating: "\n,,,https://x.com/northwind_roasters/status/undefined,0,0,0,0,0,0,0,0,0,0,0,0,0", count: 30)
        try (original + junk).write(to: dir.root.appending(path: name), atomically: true, encoding: .utf8)
        let run = try dir.run(["report", name, "--tz", "America/New_York", "--out", "out", "--formats", "pdf", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = dir.root.appending(path: "out/\(try #require(dir.files(in: "out").first))")
        let all = try Self.pdfText(pdf)
        let issues = try #require(all.range(of: "Data issues").map { String(all[$0.lowerBound...]) })
        #expect(issues.contains("31 rows: lines 67,"), "\(issues.prefix(1500))")
        #expect(issues.contains("and 26 more"))
        #expect(issues.components(separatedBy: "status/undefined").count - 1 == 1, "one line for the identical reason")
        #expect(issues.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: " ", with: "")
            .contains(name.replacingOccurrences(of: "_", with: "_")) || issues.contains("monday_meeting"), "the file name is shown")

        // Page 2 on: the two lists, and no longer a bar chart of the same ten posts.
        let rankings = try Self.pdfText(pdf, first: 2, last: 3)
        #expect(rankings.contains("Top posts by engagements"))
        #expect(rankings.contains("Top posts by engagement rate (at least 100 impressions)"), "\(rankings.prefix(800))")
        #expect(!rankings.contains("Top 10 posts by engagements"))
    }

    // MARK: Scheduled and mailed

    /// `--mail-from`, `--reply-to` and several `--eml` recipients reach the message as Python's
    /// email package reads it; a template sets the sender; a bad address is a usage error (64)
    /// that names the option and writes nothing.
    @Test func emlHasSenderAndReplyToAndRefusesBadAddresses() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let good = try dir.run(Self.week + ["--out", "out", "--formats", "pdf", "--quiet",
                                            "--eml", "team@example.com, Anna Berg <anna@example.com>",
                                            "--mail-from", "Weekly report <reports@example.com>", "--reply-to", "analytics@example.com"])
        #expect(good.status == 0, "\(good.stderr)")
        let eml = try #require(dir.files(in: "out").first { $0.hasSuffix(".eml") })
        let read = try dir.python("report/read_email.py", [dir.root.appending(path: "out/\(eml)").path])
        let message = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])
        #expect(message["from"] as? String == "Weekly report <reports@example.com>")
        #expect(message["reply_to"] as? String == "analytics@example.com")
        #expect(message["to_addresses"] as? [String] == ["team@example.com", "anna@example.com"])
        #expect((message["defects"] as? [String])?.isEmpty == true)

        let template = dir.root.appending(path: "mailed.yaml")
        try "title: Weekly\nmail_from: Reports <reports@example.com>\nreply_to: a@example.com, b@example.com\n"
            .write(to: template, atomically: true, encoding: .utf8)
        let templated = try dir.run(Self.week + ["--out", "t", "--formats", "pdf", "--quiet", "--template", "mailed.yaml", "--eml", "team@example.com"])
        #expect(templated.status == 0, "\(templated.stderr)")
        let read2 = try dir.python("report/read_email.py", [dir.root.appending(path: "t/\(try #require(dir.files(in: "t").first { $0.hasSuffix(".eml") }))").path])
        let message2 = try #require(try JSONSerialization.jsonObject(with: Data(read2.stdout.utf8)) as? [String: Any])
        #expect(message2["from"] as? String == "Reports <reports@example.com>")
        #expect(message2["reply_to"] as? String == "a@example.com, b@example.com")

        for (flag, value) in [("--eml", "not an address"), ("--mail-from", "reports@"), ("--reply-to", "a@example.com, @example.com"),
                              ("--eml", "team@example.com\nBcc: x@example.com")] {
            let bad = try dir.run(Self.week + ["--out", "bad", "--quiet", flag, value] + (flag == "--eml" ? [] : ["--eml", "team@example.com"]))
            #expect(bad.status == 64, "\(flag) \(value): \(bad.stderr)")
            #expect(bad.stderr.contains(flag) && bad.stderr.contains("is not an email address"), "\(bad.stderr)")
            #expect(dir.files(in: "bad").isEmpty)
        }
        try "mail_from: nobody\n".write(to: template, atomically: true, encoding: .utf8)
        let badTemplate = try dir.run(Self.week + ["--out", "bad", "--template", "mailed.yaml"])
        #expect(badTemplate.status == 64)
        #expect(badTemplate.stderr.contains("mailed.yaml line 1, key \"mail_from\""), "\(badTemplate.stderr)")
    }

    /// A scheduled run over a period the inputs do not reach writes and mails nothing and exits
    /// 65, saying which days the inputs cover; `--allow-empty` writes the empty report.
    @Test func emptyScheduledPeriodWritesNothing() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let stale = try dir.run(["report", Self.content, "--period", "last-week", "--now", "2026-11-30", "--tz", "Europe/Berlin",
                                 "--out", "out", "--eml", "team@example.com", "-q"])
        #expect(stale.status == 65)
        #expect(stale.stderr.contains("no posts and no account days in 2026-11-23 – 2026-11-29"), "\(stale.stderr)")
        #expect(stale.stderr.contains("the inputs cover 2025-"))
        #expect(dir.files(in: "out").isEmpty)
        let allowed = try dir.run(["report", Self.content, "--period", "last-week", "--now", "2026-11-30", "--tz", "Europe/Berlin",
                                   "--out", "out", "--formats", "summary", "--allow-empty", "-q"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try String(contentsOf: dir.root.appending(path: "out/summary.txt"), encoding: .utf8).contains("No posts were published"))
    }

    // MARK: Command line

    /// Help is wrapped by argument-parser (a wide terminal gets long lines) and every value has a
    /// named placeholder.
    @Test func helpWrapsAndNamesPlaceholders() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        for command in ["report", "fetch", "sandbox"] {
            let help = try dir.run([command, "--help"], environment: ["COLUMNS": "300"])
            #expect(help.status == 0)
            let overview = help.stdout.components(separatedBy: "USAGE:")[0]
            let lines = overview.split(separator: "\n").filter { !$0.hasPrefix("OVERVIEW:") && !$0.isEmpty }
            #expect(lines.allSatisfy { $0.hasSuffix(".") || $0.hasSuffix(")") || $0.hasSuffix(";") == false }, "\(command): \(lines)")
            #expect(lines.count <= 3, "\(command): the discussion is cut into \(lines.count) lines at 300 columns: \(lines)")
            let placeholders = help.stdout.matches(of: /--([a-z-]+) <([a-z-]+)>/).filter { $0.output.1 == $0.output.2 }
            #expect(placeholders.isEmpty, "\(command): unnamed placeholders \(placeholders.map { String($0.output.0) })")
        }
        let report = try dir.run(["report", "--help"], environment: ["COLUMNS": "300"])
        #expect(report.stdout.contains("--top <n>") && report.stdout.contains("--mail-from <ADDRESS>"))
    }

    /// A bad value is named with its option under the subcommand, never answered with the
    /// top-level usage; a mistyped time zone gets a suggestion.
    @Test(arguments: [
        (["report", "x.csv", "--tz", "Europe/Berln"], "unknown time zone 'Europe/Berln' (did you mean Europe/Berlin?)"),
        (["hours", "x.csv", "--tz", "berlin"], "unknown time zone 'berlin' (did you mean Europe/Berlin?)"),
        (["report", "x.csv", "--tz", "Mars/Olympus_Mons_Base"], "unknown time zone 'Mars/Olympus_Mons_Base'"),
        (["report", "x.csv", "--period", "fortnight"], "fortnight"),
        (["report", "x.csv", "--metric", "hearts"], "hearts"),
        (["report", "x.csv", "--paper", "a3"], "--paper a3"),
        (["report", "x.csv", "--formats", "xlsx,docx"], "docx"),
        (["report", "x.csv", "--week-start", "friday"], "--week-start friday"),
        (["report", "x.csv", "--period", "last-week", "--now", "soon"], "soon"),
    ])
    func badOptionValuesAreNamed(arguments: [String], message: String) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        try "Tweet id,Tweet text,time,impressions\n".write(to: dir.root.appending(path: "x.csv"), atomically: true, encoding: .utf8)
        let run = try dir.run(arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        #expect(!run.stderr.contains("SUBCOMMANDS") && !run.stderr.contains("USAGE: engage <subcommand>"), "\(run.stderr)")
    }

    /// `engage sandbox` introduces itself once ("engage: sandbox listening …", not "engage: engage
    /// sandbox"); the fetch of `report --api` is a phase of --timings. (The pacing that spent a
    /// second per request is tested in SandboxClientTests.requestsArePacedPerMinute.)
    @Test func sandboxBannerAndAPIReportSpeed() throws {
        let sandbox = try APIEndToEndTests.Sandbox()
        #expect(sandbox.banner.hasPrefix("engage: sandbox listening on http://127.0.0.1:"), "\(sandbox.banner.prefix(80))")
        #expect(!sandbox.banner.contains("engage: engage"))
        let dir = try Workdir()
        defer { dir.remove() }
        let report = try dir.run(["report", "--api", "--user", "@sandbox_small", "--period", "2026-09-01..2026-10-31", "--source", "v2",
                                  "--api-base", sandbox.base, "--state", "state.json", "--tz", "Europe/Berlin", "--out", "out",
                                  "--formats", "summary", "--timings", "-q"], environment: APIEndToEndTests.environment)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains(#/\n  fetch +\d+\.\d{3} s\n  read /#), "\(report.stderr)")
    }
}
