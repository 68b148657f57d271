import Foundation
import Testing

/// What a weekly report gains from the store, as a scheduled job builds it: fourteen weekly
/// exports (one week missing) and eight account overviews, each imported on its own run, then the
/// last week reported from the store alone. Every figure is checked against
/// Tests/Fixtures/trend/expected_trend.py, which sums the same CSV files with pandas.
@Suite(.serialized) struct TrendEndToEndTests {
    /// The week reported, in New York.
    static let period = ["--from", "2024-12-16", "--to", "2024-12-22", "--tz", "America/New_York"]

    /// A store built from the seeded weekly exports, and the oracle's figures (with the workbook's
    /// Trend sheet once `xlsx` is given).
    struct Fixture {
        let dir: Workdir
        let files: [String]

        init() throws {
            dir = try Workdir()
            let exports = dir.root.appending(path: "exports").path
            let made = try dir.python("trend/weekly_exports.py", [exports])
            try #require(made.status == 0, "\(made.stderr)")
            files = dir.files(in: "exports").map { "\(exports)/\($0)" }
            try #require(files.count == 21)
            for file in files {
                let run = try dir.run(["store", "import", file, "--store", "s.sqlite", "--quiet"])
                try #require(run.status == 0, "\(run.stderr)")
            }
        }

        func expected(xlsx: String? = nil) throws -> [String: Any] {
            let run = try dir.python("trend/expected_trend.py", ["--end", "2024-12-22"] + (xlsx.map { ["--xlsx", $0] } ?? []) + files)
            try #require(run.status == 0, "\(run.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
    }

    static let integerKeys = ["posts", "impressions", "engagements", "new_follows", "unfollows", "net_follows"]
    static let rateKeys = ["engagement_rate", "ci_low", "ci_high"]

    /// `value` as a Double, nil for JSON null or a missing cell.
    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): abs(a - b) <= 1e-12 + 1e-9 * abs(b)
        default: false
        }
    }

    @Test func trendFromTheStoreMatchesTheExportsInJSONSheetAndPDF() throws {
        let fixture = try Fixture()
        defer { fixture.dir.remove() }
        let run = try fixture.dir.run(["report", "--store", "s.sqlite", "--out", "out", "--name", "r", "--formats", "xlsx,pdf,summary,json",
                                       "--json"] + Self.period)
        try #require(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let expected = try fixture.expected(xlsx: fixture.dir.root.appending(path: "out/r.xlsx").path)
        let weeks = try #require(expected["weeks"] as? [[String: Any]])
        let trend = try #require(report["trend"] as? [[String: Any]])
        #expect(trend.count == 12 && weeks.count == 12)
        // The missing week is a gap in posts but has follower rows; the oldest four have no overview.
        #expect(weeks[6]["posts"] is NSNull && !(weeks[6]["new_follows"] is NSNull))
        #expect(weeks[0]["new_follows"] is NSNull && !(weeks[0]["posts"] is NSNull))
        for (got, want) in zip(trend, weeks) {
            #expect(got["week_start"] as? String == want["week_start"] as? String)
            for key in Self.integerKeys {
                #expect(Self.number(got[key]) == Self.number(want[key]), "\(want["week_start"] ?? "") \(key)")
            }
            for key in Self.rateKeys {
                #expect(Self.close(Self.number(got[key]), Self.number(want[key])), "\(want["week_start"] ?? "") \(key): \(got[key] ?? "") vs \(want[key] ?? "")")
            }
        }

        // The Trend sheet, read back with openpyxl: blank cells where the oracle has nulls.
        let sheet = try #require(expected["sheet"] as? [[Any]])
        #expect(sheet.count == 12)
        for (row, want) in zip(sheet, weeks) {
            #expect(row[0] as? String == want["week_start"] as? String)
            let figures = ["posts", "impressions", "engagements", "engagement_rate", "ci_low", "ci_high", "new_follows", "unfollows", "net_follows"]
            for (offset, key) in figures.enumerated() {
                #expect(Self.close(Self.number(row[offset + 1]), Self.number(want[key])), "sheet \(want["week_start"] ?? "") \(key)")
            }
        }

        // The PDF's trend page: one table row per week, figures written as everywhere else.
        let text = try WeeklyReportTests.pdfText(fixture.dir.root.appending(path: "out/r.pdf"))
        #expect(text.contains("Last 12 weeks: engagement rate and impressions"))
        for want in weeks {
            let start = try #require(want["week_start"] as? String)
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let line = try #require(lines.first { $0.hasPrefix(start) }, "no PDF row for \(start)")
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if let posts = Self.number(want["posts"]), let impressions = Self.number(want["impressions"]) {
                #expect(cells[1] == String(Int(posts)), "\(line)")
                #expect(cells[2] == Self.grouped(Int(impressions)), "\(line)")
                if let rate = Self.number(want["engagement_rate"]) { #expect(cells[4] == String(format: "%.2f%%", rate * 100), "\(line)") }
            } else {
                #expect(cells[1] == "–", "a gap week shows dashes: \(line)")
            }
        }

        // The email body says it in a line or two.
        let summary = try String(contentsOf: fixture.dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        #expect(summary.contains("TREND\n- Last 12 weeks (2024-09-30 – 2024-12-22, 11 with posts, 1 no per-post export covers)"), "\(summary)")
        // The store's weeks before the period are its history, not rows left out of the report.
        #expect(!summary.contains("outside the period"), "\(summary)")
        #expect(!text.contains("fall before the period"))
    }

    /// `1,234`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// The previous week is compared from the store although this run was given no file, and best
    /// hours use the store's posts of the 16 weeks up to the period's end, not only the week's.
    @Test func previousPeriodAndBestHoursWindowComeFromTheStore() throws {
        let fixture = try Fixture()
        defer { fixture.dir.remove() }
        let run = try fixture.dir.run(["report", "--store", "s.sqlite", "--out", "out", "--formats", "summary,json", "--json"] + Self.period)
        try #require(run.status == 0, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let expected = try fixture.expected()
        let previousWeek = try #require(expected["previous"] as? [String: Any])
        let thisWeek = try #require((expected["weeks"] as? [[String: Any]])?.last)

        let previous = try #require(report["previous"] as? [String: Any])
        let period = try #require(previous["period"] as? [String: Any])
        #expect(period["start"] as? String == "2024-12-09" && period["end"] as? String == "2024-12-15")
        let posts = try #require(previous["posts"] as? [String: Any])
        #expect(Self.number(posts["count"]) == Self.number(previousWeek["posts"]))
        #expect(Self.number(posts["impressions"]) == Self.number(previousWeek["impressions"]))
        #expect(Self.close(Self.number(posts["rate"]), Self.number(previousWeek["engagement_rate"])))

        // The change figures as the email writes them: "Impressions: 83,512  (▲ +118.8%)".
        let summary = try String(contentsOf: fixture.dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        let now = try #require(Self.number(thisWeek["impressions"])), before = try #require(Self.number(previousWeek["impressions"]))
        let change = String(format: "%+.1f%%", (now / before - 1) * 100)
        #expect(summary.contains("KEY FIGURES (change on 2024-12-09 – 2024-12-15)"))
        #expect(summary.contains("  Impressions: \(Self.grouped(Int(now)))  (\(now > before ? "▲" : "▼") \(change))"), "\(summary)")
        let rateNow = try #require(Self.number(thisWeek["engagement_rate"])), rateBefore = try #require(Self.number(previousWeek["engagement_rate"]))
        #expect(summary.contains(String(format: "Engagement rate: %.2f%%  (%@ %+.2f pp", rateNow * 100, rateNow > rateBefore ? "▲" : "▼",
                                        (rateNow - rateBefore) * 100)), "\(summary)")

        // Best hours: the sentence names the window, which reaches back before the period.
        let window = try #require(expected["hours_window"] as? [String: Any])
        let from = try #require(window["from"] as? String), to = try #require(window["to"] as? String)
        #expect(from < "2024-12-16")
        let count = Int(try #require(Self.number(window["posts"])))
        #expect(summary.contains("over \(count) posts (times in America/New_York, \(from)–\(to))"), "\(summary)")

        // With --hours-window 0 only the week's own posts are used: too few to name a time; and
        // --trend-weeks 0 leaves the trend out (null in the JSON, no TREND in the email).
        let narrow = try fixture.dir.run(["report", "--store", "s.sqlite", "--out", "narrow", "--formats", "summary,json", "--json",
                                          "--hours-window", "0", "--trend-weeks", "0"] + Self.period)
        #expect(narrow.status == 0, "\(narrow.stderr)")
        let narrowText = try String(contentsOf: fixture.dir.root.appending(path: "narrow/summary.txt"), encoding: .utf8)
        #expect(narrowText.contains("Not enough data: \(Int(Self.number(thisWeek["posts"]) ?? 0)) usable posts"), "\(narrowText)")
        #expect(!narrowText.contains("TREND"))
        let narrowJSON = try #require(try JSONSerialization.jsonObject(with: Data(narrow.stdout.utf8)) as? [String: Any])
        #expect(narrowJSON["trend"] is NSNull)
    }

    /// Without a store, a single week's export is no trend: the email says why in one line, the
    /// workbook has no Trend sheet, and the JSON still lists the twelve weeks with their gaps.
    @Test func oneWeekOfExportsAloneSaysWhyThereIsNoTrend() throws {
        let fixture = try Fixture()
        defer { fixture.dir.remove() }
        let week = try #require(fixture.files.first { $0.hasSuffix("tweet_activity_metrics_trend_co_20241216_20241222_en.csv") })
        let run = try fixture.dir.run(["report", week, "--out", "out", "--name", "r", "--formats", "xlsx,summary,json", "--json"] + Self.period)
        try #require(run.status == 0, "\(run.stderr)")
        let summary = try String(contentsOf: fixture.dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        #expect(summary.contains("TREND\n- Trend: the inputs hold one week of the last 12; a history store (--store) keeps the weeks of earlier reports."), "\(summary)")
        let sheets = try fixture.dir.python("read_cell.py", [fixture.dir.root.appending(path: "out/r.xlsx").path, "Trend", "A1"])
        #expect(sheets.status != 0 && sheets.stderr.contains("Trend"), "no Trend sheet: \(sheets.stdout)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let trend = try #require(report["trend"] as? [[String: Any]])
        #expect(trend.count == 12)
        #expect(trend.filter { !($0["posts"] is NSNull) }.count == 1)
    }
}
