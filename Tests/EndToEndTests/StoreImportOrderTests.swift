import Foundation
import Testing

/// `engage store import` as a user runs it week after week: the same exports again, and a newer
/// export of the same posts imported before an older one.
@Suite(.serialized) struct StoreImportOrderTests {
    /// The sample content export's first post, as its row starts and as a week later.
    static let olderRow = "1976683140624880919,\"Fri, Oct 10, 2025\",Latte art Friday: why we rest espresso roasts for 10 days 🔥 #FallBlend,https://x.com/northwind_roasters/status/1976683140624880919,8102,36,86,"
    static let newerRow = "1976683140624880919,\"Fri, Oct 10, 2025\",Latte art Friday: why we rest espresso roasts for 10 days 🔥 #FallBlend (pinned),https://x.com/northwind_roasters/status/1976683140624880919,9344,71,133,"

    /// Writes the sample content export (window to 2025-11-23) and a newer one of the same posts
    /// (window to 2025-11-30, the first post with more likes and an edited text) into `dir`.
    static func exports(in dir: Workdir) throws -> (older: String, newer: String) {
        let sample = try String(contentsOfFile: StoreEndToEndTests.content, encoding: .utf8)
        try #require(sample.contains(olderRow))
        let older = "content_northwind_roasters_20251001_20251123.csv", newer = "content_northwind_roasters_20251001_20251130.csv"
        try sample.write(to: dir.root.appending(path: older), atomically: true, encoding: .utf8)
        try sample.replacingOccurrences(of: olderRow, with: newerRow).write(to: dir.root.appending(path: newer), atomically: true, encoding: .utf8)
        return (older, newer)
    }

    /// The first post's observations in `store export`: (observed_at, likes, text) in time order.
    static func firstPostHistory(_ dir: Workdir, store: String) throws -> [String] {
        let run = try dir.run(["store", "export", "--store", store])
        try #require(run.status == 0, "\(run.stderr)")
        let header = run.stdout.split(separator: "\n")[0].split(separator: ",").map(String.init)
        let likes = try #require(header.firstIndex(of: "likes"))
        return run.stdout.split(separator: "\n").filter { $0.hasPrefix("1976683140624880919,") }.map { line in
            // The text has no comma or quote, so the fields split plainly.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(fields[5]) \(fields[likes]) \(fields[3].hasSuffix("(pinned)") ? "edited" : "original")"
        }
    }

    @Test func newerExportFirstThenOlderKeepsTheNewerAsLatest() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let (older, newer) = try Self.exports(in: dir)
        #expect(try dir.run(["store", "import", newer, "--store", "s.sqlite"]).status == 0)
        let late = try dir.run(["store", "import", older, "--store", "s.sqlite"])
        #expect(late.status == 0, "\(late.stderr)")
        #expect(late.stderr.contains("0 new posts, 131 post observations"), "\(late.stderr)")
        // Both observations kept, in time order; the post's text is the newer export's.
        #expect(try Self.firstPostHistory(dir, store: "s.sqlite") == ["2025-11-24T00:00:00Z 36 edited", "2025-12-01T00:00:00Z 71 edited"])

        // The other order gives the same store contents.
        #expect(try dir.run(["store", "import", older, newer, "--store", "t.sqlite", "--quiet"]).status == 0)
        #expect(try Self.firstPostHistory(dir, store: "t.sqlite") == Self.firstPostHistory(dir, store: "s.sqlite"))

        // A report from the store reads the newer counts: the same figures as a report of the
        // newer export alone, whichever order the store was filled in.
        let common = ["--period", "2025-10-01..2025-10-31", "--tz", "UTC", "--formats", "summary", "--quiet", "--name", "r"]
        let env = ["SOURCE_DATE_EPOCH": "1700000000"]
        #expect(try dir.run(["report", newer, "--out", "file"] + common, environment: env).status == 0)
        #expect(try dir.run(["report", older, "--out", "old"] + common, environment: env).status == 0)
        #expect(try dir.run(["report", "--store", "s.sqlite", "--out", "s"] + common, environment: env).status == 0)
        #expect(try dir.run(["report", "--store", "t.sqlite", "--out", "t"] + common, environment: env).status == 0)
        let figures = { (folder: String) in
            try String(contentsOf: dir.root.appending(path: "\(folder)/summary.txt"), encoding: .utf8)
                .split(separator: "\n").filter { !$0.contains("content_") && !$0.hasPrefix("DATA ISSUES") }
        }
        let fromFile = try figures("file")
        #expect(try figures("s") == fromFile)
        #expect(try figures("t") == fromFile)
        #expect(try figures("old") != fromFile)  // the newer counts change the period's totals
    }

    @Test func theSameExportsAgainChangeNothing() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let (older, newer) = try Self.exports(in: dir)
        let overview = StoreEndToEndTests.overview
        #expect(try dir.run(["store", "import", older, overview, newer, "--store", "s.sqlite", "--quiet"]).status == 0)
        let info = try StoreEndToEndTests.info(dir)
        let check = try dir.run(["store", "check", "--store", "s.sqlite"])
        let export = try dir.run(["store", "export", "--store", "s.sqlite"])
        // Again, in another order, and under another name: every file is known by its SHA-256.
        try FileManager.default.copyItem(at: dir.root.appending(path: older), to: dir.root.appending(path: "renamed.csv"))
        let again = try dir.run(["store", "import", newer, "renamed.csv", overview, older, "--store", "s.sqlite"])
        #expect(again.status == 0)
        #expect(again.stderr.split(separator: "\n").count == 4 && again.stderr.split(separator: "\n").allSatisfy { $0.contains("imported before") }, "\(again.stderr)")
        #expect(NSDictionary(dictionary: try StoreEndToEndTests.info(dir)).isEqual(to: info))
        #expect(try dir.run(["store", "check", "--store", "s.sqlite"]).stdout == check.stdout)
        #expect(try dir.run(["store", "export", "--store", "s.sqlite"]).stdout == export.stdout)
        #expect(check.stdout.contains("observation: 262 rows") && check.stdout.contains("import: 3 rows"), "\(check.stdout)")
    }
}
