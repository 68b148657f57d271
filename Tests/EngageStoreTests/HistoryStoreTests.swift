import EngageModel
import Foundation
import Testing
@testable import EngageStore

/// The history store on real SQLite files in temporary folders.
@Suite("History store")
struct HistoryStoreTests {
    static let january8 = Date(timeIntervalSince1970: 1_767_830_400)  // 2026-01-08T00:00:00Z
    static let january15 = january8.addingTimeInterval(7 * 86_400)

    @Test("the same file imported twice changes nothing")
    func sameFileTwice() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var generator = SyntheticPosts(seed: 1)
        let posts = generator.posts(50)
        let store = try HistoryStore(path: folder.path("s.sqlite"))
        let first = try store.importFile(makeImport("a.csv", sha: "01", observedAt: Self.january8, posts: posts))
        #expect(first == ImportOutcome(alreadyImported: false, newPosts: 50, newObservations: 50, newDays: 0))
        let before = try store.check()
        let second = try store.importFile(makeImport("a-copy.csv", sha: "01", observedAt: Self.january8, posts: posts))
        #expect(second.alreadyImported)
        #expect(try store.check() == before)
        #expect(try store.info().imports.map(\.file) == ["a.csv"])
    }

    @Test("a newer export adds observations, keeps the older ones, and reports read the newest, in any import order")
    func newerExport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var generator = SyntheticPosts(seed: 2)
        let posts = generator.posts(30)
        var later = grown(posts, by: 3)
        later[0].text = "post 0 #launch (edited)"
        let store = try HistoryStore(path: folder.path("s.sqlite"))
        // The newer export first, then the older one: the newer counts and text still win.
        _ = try store.importFile(makeImport("new.csv", sha: "02", observedAt: Self.january15, posts: later))
        let older = try store.importFile(makeImport("old.csv", sha: "01", observedAt: Self.january8, posts: posts))
        #expect(older == ImportOutcome(alreadyImported: false, newPosts: 0, newObservations: 30, newDays: 0))

        let dataset = try store.dataset(handle: "acme")
        #expect(dataset.posts.count == 30)
        for (read, original) in zip(dataset.posts, posts) {
            #expect(read.id == original.id)
            #expect(read.metrics[.likes] == original.metrics.count(.likes) * 3)
            #expect(read.metrics[.impressions] == original.metrics.count(.impressions) * 3)
            #expect(read.postedAt == original.postedAt)
        }
        #expect(dataset.posts[0].text == "post 0 #launch (edited)")
        #expect(dataset.posts[0].permalink == "https://x.com/acme/status/\(posts[0].id)")

        var observations: [UInt64: [Int64]] = [:]
        try store.forEachObservation(handle: "acme") { observations[$0.postID, default: []].append($0.metrics.count(.likes)) }
        #expect(observations[posts[1].id] == [posts[1].metrics.count(.likes), posts[1].metrics.count(.likes) * 3])
    }

    @Test("daily rows: distinct days counted once, the latest observation read back")
    func dailyRows() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func day(_ d: Int, follows: Int64) -> DailyRow {
            var metrics = MetricValues()
            metrics[.follows] = follows
            return DailyRow(day: CalendarDay(year: 2026, month: 1, day: d)!, metrics: metrics, origin: SourceLocation(file: "o.csv", line: d))
        }
        let store = try HistoryStore(path: folder.path("s.sqlite"))
        _ = try store.importFile(makeImport("o1.csv", sha: "d1", observedAt: Self.january8, posts: [], daily: (1...7).map { day($0, follows: 1) }))
        _ = try store.importFile(makeImport("o2.csv", sha: "d2", observedAt: Self.january15, posts: [], daily: (5...14).map { day($0, follows: 2) }))
        let info = try store.info()
        #expect(info.accounts == [StoreInfo.Account(handle: "acme", posts: 0, days: 14, firstDay: "2026-01-01", lastDay: "2026-01-14")])
        let daily = try store.dataset(handle: "acme").daily
        #expect(daily.map(\.day.day) == Array(1...14))
        #expect(daily.map { $0.metrics.count(.follows) } == [1, 1, 1, 1] + Array(repeating: 2, count: 10))
    }

    @Test("two stores open on one file import at the same time; both imports land whole")
    func concurrentImports() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("s.sqlite")
        var generator = SyntheticPosts(seed: 3)
        let all = generator.posts(4000)
        let halves = [Array(all[..<2000]), Array(all[2000...])]
        try await withThrowingTaskGroup(of: ImportOutcome.self) { group in
            for (i, half) in halves.enumerated() {
                group.addTask {
                    let store = try HistoryStore(path: path)
                    return try store.importFile(makeImport("half\(i).csv", sha: "h\(i)", observedAt: Self.january8, posts: half))
                }
            }
            for try await outcome in group { #expect(outcome.newPosts == 2000) }
        }
        let store = try HistoryStore(path: path)
        #expect(try store.check().isClean)
        #expect(try store.info().accounts.first?.posts == 4000)
    }

    @Test("a store of the first schema is upgraded and keeps its rows")
    func migratesFirstSchema() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("v1.sqlite")
        let script = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Fixtures/store/v1-store.sql").path
        let python = Process()
        python.executableURL = URL(filePath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(open(sys.argv[2]).read()); c.commit()", path, script]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0)

        let store = try HistoryStore(path: path)
        let check = try store.check()
        #expect(check.isClean)
        #expect(check.counts.map(\.table) == ["account", "import", "post", "observation", "account_day", "alert", "outbox"])
        #expect(check.counts.map(\.rows) == [1, 1, 2, 2, 1, 0, 0])
        let dataset = try store.dataset(handle: "Harbor")
        #expect(dataset.posts.map(\.text) == ["hello harbor", "@someone thanks"])
        #expect(dataset.posts.map { $0.metrics[.likes] } == [40, 7])
        #expect(dataset.posts[0].postedAt == Date(timeIntervalSince1970: 1_767_348_000))
        #expect(try store.resolveHandle(nil) == "harbor")
    }

    @Test("a file that is not a store is refused, naming the file")
    func notAStore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(filePath: path))
        #expect {
            _ = try HistoryStore(path: path)
        } throws: { error in
            (error as? StoreError)?.message.hasPrefix(path) == true
        }
    }

    @Test("CSV export: one row per observation, formulas guarded, quotes doubled")
    func csvExport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var generator = SyntheticPosts(seed: 4)
        var posts = generator.posts(2)
        posts[1].text = "=HYPERLINK(\"x\"), two"
        let store = try HistoryStore(path: folder.path("s.sqlite"))
        _ = try store.importFile(makeImport("a.csv", sha: "01", observedAt: Self.january8, posts: posts))
        var lines: [String] = []
        try StoreCSV.write(handle: "acme", days: false, from: store) { lines.append($0) }
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("post_id,posted_at,kind,text,link,observed_at,impressions,engagements,"))
        #expect(lines[1].hasPrefix("\(posts[0].id),2026-01-05T00:00:00Z,reply,'@friend reply 0,https://x.com/acme/status/\(posts[0].id),2026-01-08T00:00:00Z,\(posts[0].metrics.count(.impressions)),"))
        #expect(lines[2].contains(",post,\"'=HYPERLINK(\"\"x\"\"), two\","))
    }
}
