import EngageModel
import Foundation
import Testing
@testable import EngageIngest

/// One fixture per export variant (Tests/Fixtures/ingest, written by make_fixtures.py from
/// FORMATS.md). Expected values are the literal values written in that script.
@Suite("Fixtures per variant")
struct FixtureTests {
    /// SHA-256 by the system's `sha256sum`, independent of swift-crypto.
    private func systemSHA256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return String(output.prefix(64))
    }

    @Test("variant, encoding and counts of every fixture", arguments: [
        ("tweet_activity_metrics_lumen_bakery_20161201_20161231_en.csv", ExportVariant.legacyPerPost,
         "UTF-8, ',' separated, LF", 4, 0),
        ("tweet_activity_metrics_lumen_bakery_20150901_20151130_en.csv", .legacyPerPostFavorites,
         "UTF-8, ',' separated, LF", 2, 0),
        ("tweet_activity_metrics_lumen_bakery_20170101_20170331_ja.csv", .legacyPerPostJapanese,
         "UTF-8, ',' separated, LF", 2, 0),
        ("daily_tweet_activity_metrics_lumen_bakery_20210801_20210803_en.csv", .legacyDaily,
         "UTF-8, ',' separated, LF", 3, 0),
        ("account_analytics_content_2025-02-01_2025-02-28.csv", .contentEarly,
         "UTF-8, ',' separated, CRLF", 4, 1),
        ("content_lumen_bakery_20251001_20251110.csv", .contentLate,
         "UTF-8, ',' separated, LF, no final newline", 3, 1),
        ("content_lumen_bakery_20251101_20251110_ja.csv", .contentLateJapanese,
         "UTF-8, ',' separated, LF", 2, 0),
        ("account_overview_lumen_bakery_20250201_20250218.csv", .accountOverview,
         "UTF-8, ',' separated, LF", 3, 0),
        ("account_overview_lumen_bakery_20250201_20250218_unicode.txt", .accountOverview,
         "UTF-16LE with BOM, tab separated, CRLF", 3, 0),
        ("tweet_activity_metrics_lumen_bakery_20161201_20161231_en_excel_de.csv", .legacyPerPost,
         "UTF-8 with BOM, ';' separated, CRLF", 3, 0),
    ])
    func everyFixture(name: String, variant: ExportVariant, encoding: String, rows: Int, skipped: Int) throws {
        let path = Fixtures.path(name)
        let file = try ExportFile.read(path: path)
        #expect(file.variant == variant)
        #expect(file.input.variant == variant.displayName)
        #expect(file.input.encoding == encoding)
        #expect(file.input.rows == rows)
        #expect(file.input.skipped == skipped)
        #expect(file.input.rows == file.posts.count + file.daily.count)
        #expect(file.input.skipped == file.issues.filter { $0.kind == .skippedRow }.count)
        #expect(file.input.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        #expect(file.input.sha256 == (try systemSHA256(path)))
        #expect(file.handle == "lumen_bakery")
        // No header notes: every column of every fixture is known.
        #expect(file.issues.filter { $0.location.line == 1 }.isEmpty)
    }

    /// Links are stored as one shared stem plus the id, exactly as ``PostLink`` splits a whole link,
    /// and links that do not end with their post's id are kept whole.
    @Test("links: shared stem, same as the general split, odd links whole")
    func links() throws {
        let header = "\"Tweet id\",\"Tweet permalink\",\"Tweet text\",\"time\",\"impressions\",\"engagements\"\n"
        let rows = [
            "\"812369753535442944\",\"https://twitter.com/lumen_bakery/status/812369753535442944\",\"a\",\"2016-12-23 18:50 +0000\",\"10\",\"1\"",
            "\"811135369868242945\",\"https://twitter.com/lumen_bakery/status/811135369868242945\",\"b\",\"2016-12-20 09:05 +0000\",\"10\",\"1\"",
            "\"809367470732242946\",\"https://twitter.com/lumen_bakery/status/999\",\"c\",\"2016-12-15 12:00 +0000\",\"10\",\"1\"",
            "\"807487583679442947\",\"https://x.com/lumen_bakery/status/807487583679442947?s=20\",\"d\",\"2016-12-10 12:00 +0000\",\"10\",\"1\"",
        ]
        let file = try ExportFile.read(bytes: Array((header + rows.joined(separator: "\n") + "\n").utf8),
                                       path: "tweet_activity_metrics_lumen_bakery_20161201_20161231_en.csv")
        let posts = file.posts
        try #require(posts.count == 4)
        let urls = ["https://twitter.com/lumen_bakery/status/812369753535442944", "https://twitter.com/lumen_bakery/status/811135369868242945",
                    "https://twitter.com/lumen_bakery/status/999", "https://x.com/lumen_bakery/status/807487583679442947?s=20"]
        #expect(posts.map(\.permalink) == urls)
        for (post, url) in zip(posts, urls) { #expect(post.link == PostLink(url, id: post.id)) }
        #expect(posts[0].link == PostLink(stem: "https://twitter.com/lumen_bakery/status/", endsWithID: true))
        #expect(posts[2].link?.endsWithID == false && posts[3].link?.endsWithID == false)
        // The first two posts hold one string between them.
        func storage(_ post: Post) -> UnsafePointer<UInt8>? {
            var stem = post.link!.stem
            return stem.withUTF8 { $0.baseAddress }
        }
        #expect(storage(posts[0]) != nil && storage(posts[0]) == storage(posts[1]))
    }

    @Test("legacy per-post: text, time column, floats, promoted, odd values")
    func legacy() throws {
        let file = try ExportFile.read(path: Fixtures.path("tweet_activity_metrics_lumen_bakery_20161201_20161231_en.csv"))
        #expect(file.windowEnd == CalendarDay(year: 2016, month: 12, day: 31))
        let posts = file.posts
        try #require(posts.count == 4)
        #expect(posts.map(\.id) == [812369753535442944, 811135369868242945, 809367470732242946, 807487583679442947])
        // The first record spans two physical lines.
        #expect(posts.map { $0.origin.line } == [2, 4, 5, 6])
        let first = posts[0]
        #expect(first.text == "Holiday hours 🎄\nWe're open \"late\" on the 23rd & 24th")
        #expect(first.permalink == "https://twitter.com/lumen_bakery/status/812369753535442944")
        #expect(first.postedAt == utc(2016, 12, 23, 18, 50))
        #expect(first.timeSource == .timeColumn)
        #expect(first.metrics[.impressions] == 1938)
        #expect(first.metrics[.engagements] == 48)
        #expect(first.metrics[.likes] == 12)
        #expect(first.metrics[.reposts] == 3)
        #expect(first.metrics[.follows] == 1)
        #expect(first.metrics[.mediaViews] == 120)
        #expect(first.metrics[.mediaEngagements] == 7)
        #expect(first.metrics[.bookmarks] == nil)
        #expect(first.promoted == nil)
        #expect(!first.isPromoted)

        let promoted = posts[1]
        #expect(promoted.promoted?[.impressions] == 12000)
        #expect(promoted.promoted?[.urlClicks] == 150)
        #expect(promoted.promoted?[.follows] == 5)
        #expect(promoted.isPromoted)

        let silent = posts[2]
        #expect(silent.metrics[.impressions] == 0)
        #expect(silent.engagementRate == nil)

        // "1.2k" url clicks and "-2.0" replies: warnings, counts left empty, post kept.
        let odd = posts[3]
        #expect(odd.metrics[.urlClicks] == nil)
        #expect(odd.metrics[.replies] == nil)
        #expect(odd.metrics[.likes] == 9)
        let warnings = file.issues.filter { $0.kind == .warning }
        #expect(warnings.count == 2)
        let urlIssue = try #require(warnings.first { $0.column == "url clicks" })
        #expect(urlIssue.location == SourceLocation(file: Fixtures.path(
            "tweet_activity_metrics_lumen_bakery_20161201_20161231_en.csv"), line: 6))
        #expect(urlIssue.reason == "not a number (\"1.2k\"); left empty")
        #expect(urlIssue.postID == 807487583679442947)
        let repliesIssue = try #require(warnings.first { $0.column == "replies" })
        #expect(repliesIssue.reason.hasPrefix("negative count"))
    }

    @Test("2015 favorites header maps onto likes")
    func favorites() throws {
        let file = try ExportFile.read(path: Fixtures.path("tweet_activity_metrics_lumen_bakery_20150901_20151130_en.csv"))
        #expect(file.posts.map { $0.metrics[.likes] } == [5, 4])
        #expect(file.posts[0].postedAt == utc(2015, 10, 5, 14, 22))
    }

    @Test("Japanese legacy header")
    func japaneseLegacy() throws {
        let file = try ExportFile.read(path: Fixtures.path("tweet_activity_metrics_lumen_bakery_20170101_20170331_ja.csv"))
        let first = try #require(file.posts.first)
        #expect(first.text == "新作のメロンパンを焼きました🍈 ぜひどうぞ")
        #expect(first.metrics[.impressions] == 2210)
        #expect(first.metrics[.likes] == 30)
        #expect(first.metrics[.follows] == 2)
        #expect(first.metrics[.mediaEngagements] == 9)
        #expect(first.postedAt == utc(2017, 3, 2, 3, 15))
        #expect(file.issues.isEmpty)
    }

    @Test("legacy daily export")
    func legacyDaily() throws {
        let file = try ExportFile.read(path: Fixtures.path("daily_tweet_activity_metrics_lumen_bakery_20210801_20210803_en.csv"))
        #expect(file.posts.isEmpty)
        #expect(file.daily.map(\.day.description) == ["2021-08-01", "2021-08-02", "2021-08-03"])
        #expect(file.daily[0].metrics[.postsPublished] == 2)
        #expect(file.daily[0].metrics[.impressions] == 1510)
        #expect(file.daily[0].promoted == nil)
        #expect(file.daily[2].promoted?[.impressions] == 5000)
        #expect(file.daily[2].promoted?[.urlClicks] == 50)
        #expect(file.handle == "lumen_bakery")
        #expect(file.windowEnd == CalendarDay(year: 2021, month: 8, day: 3))
    }

    @Test("content export (early): CRLF, Snowflake times, Date check, junk row")
    func contentEarly() throws {
        let path = Fixtures.path("account_analytics_content_2025-02-01_2025-02-28.csv")
        let file = try ExportFile.read(path: path)
        #expect(file.windowEnd == CalendarDay(year: 2025, month: 2, day: 28))
        let byID = Dictionary(uniqueKeysWithValues: file.posts.map { ($0.id, $0) })
        let e1 = try #require(byID[1886430462079954945])
        // (id >> 22) + 1288834974657 ms, exact to the millisecond.
        #expect(e1.postedAt == utc(2025, 2, 3, 15, 4, 5))
        #expect(e1.timeSource == .snowflake)
        #expect(e1.text == "New rye, same \"grumpy\" baker, see you at 8")
        #expect(e1.metrics[.impressions] == 1520)
        #expect(e1.metrics[.shares] == 1)
        #expect(e1.metrics[.follows] == 2)
        #expect(e1.metrics[.userProfileClicks] == 6)
        #expect(e1.metrics[.permalinkClicks] == 1)
        let zero = try #require(byID[1887950708536274948])
        #expect(zero.metrics[.impressions] == 0)
        #expect(zero.engagementRate == nil)

        let skipped = file.issues.filter { $0.kind == .skippedRow }
        #expect(skipped.count == 1)
        #expect(skipped.first?.location.line == 5)
        #expect(skipped.first?.reason == "no post id (\"status/undefined\" link)")

        // Posted 2025-02-10, Date column says Wed Feb 05: a warning. The row posted at
        // 02:30 UTC on the 4th but dated the 3rd (time zones) is not.
        let warnings = file.issues.filter { $0.kind == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.postID == 1888905751557074947)
        #expect(warnings.first?.column == "Date")
        #expect(warnings.first?.location.line == 4)
        #expect(warnings.first?.reason.contains("2025-02-10") == true)
    }

    @Test("content export (late): quoted dates, no final newline, long text")
    func contentLate() throws {
        let file = try ExportFile.read(path: Fixtures.path("content_lumen_bakery_20251001_20251110.csv"))
        #expect(file.windowEnd == CalendarDay(year: 2025, month: 11, day: 10))
        #expect(file.posts.map(\.id) == [1987555781637074945, 1983067456926674946, 1984953635435474947])
        #expect(file.posts[0].postedAt == utc(2025, 11, 9, 16, 20))
        #expect(file.posts[0].metrics[.shares] == 5)
        #expect(file.posts[1].text.count == 280)
        #expect(file.posts[1].text.hasPrefix("Our winter menu, explained: cardamom buns"))
        #expect(file.posts[2].engagementRate == nil)
        #expect(file.posts[2].origin.line == 5)
        #expect(file.issues.map(\.kind) == [.skippedRow])
    }

    @Test("content export (late, Japanese header with 共有された回数\\)")
    func contentLateJapanese() throws {
        let file = try ExportFile.read(path: Fixtures.path("content_lumen_bakery_20251101_20251110_ja.csv"))
        #expect(file.posts[0].text == "週末限定のシナモンロール、本日も焼き上がりました")
        #expect(file.posts[0].metrics[.shares] == 2)
        #expect(file.posts[0].metrics[.impressions] == 1450)
        #expect(file.posts[0].metrics[.userProfileClicks] == 7)
        #expect(file.posts[0].postedAt == utc(2025, 11, 8, 1, 10))
        #expect(file.issues.isEmpty)
    }

    @Test("account overview, and its UTF-16LE tab-separated re-save")
    func overview() throws {
        let plain = try ExportFile.read(path: Fixtures.path("account_overview_lumen_bakery_20250201_20250218.csv"))
        #expect(plain.daily.map(\.day.description) == ["2025-02-18", "2025-02-17", "2025-02-16"])
        #expect(plain.daily[0].metrics[.impressions] == 3289)
        #expect(plain.daily[0].metrics[.unfollows] == 3)
        #expect(plain.daily[0].metrics[.postsPublished] == 2)
        #expect(plain.daily[0].metrics[.videoViews] == 164)
        #expect(plain.daily[0].metrics[.mediaViews] == 657)
        #expect(plain.windowEnd == CalendarDay(year: 2025, month: 2, day: 18))

        let unicode = try ExportFile.read(path: Fixtures.path("account_overview_lumen_bakery_20250201_20250218_unicode.txt"))
        #expect(unicode.daily.map(\.day) == plain.daily.map(\.day))
        #expect(unicode.daily.map(\.metrics) == plain.daily.map(\.metrics))
        #expect(unicode.daily.map { $0.origin.line } == [2, 3, 4])
    }

    @Test("European spreadsheet re-save: BOM, ';', CRLF, decimal commas")
    func semicolonDecimalComma() throws {
        let original = try ExportFile.read(path: Fixtures.path("tweet_activity_metrics_lumen_bakery_20161201_20161231_en.csv"))
        let resaved = try ExportFile.read(path: Fixtures.path("tweet_activity_metrics_lumen_bakery_20161201_20161231_en_excel_de.csv"))
        #expect(resaved.posts.map(\.id) == Array(original.posts.prefix(3).map(\.id)))
        #expect(resaved.posts.map(\.text) == Array(original.posts.prefix(3).map(\.text)))
        #expect(resaved.posts.map(\.metrics) == Array(original.posts.prefix(3).map(\.metrics)))
        #expect(resaved.posts[1].promoted?[.impressions] == 12000)
        #expect(resaved.issues.isEmpty)
    }
}
