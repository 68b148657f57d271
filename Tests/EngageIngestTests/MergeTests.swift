import EngageModel
import Foundation
import Testing
@testable import EngageIngest

/// Merge rules: later export end date wins, else later on the command line; every
/// replacement is a `merged` issue.
@Suite("Merging several exports")
struct MergeTests {
    static let header = "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,"
        + "Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks\n"
    static let overviewHeader = "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,"
        + "Reposts,Profile visits,Create Post,Video views,Media views\n"

    /// Post id for a UTC time: (ms − X's epoch) << 22.
    static func id(_ date: Date, sequence: UInt64 = 0) -> UInt64 {
        (UInt64(date.timeIntervalSince1970 * 1000) - 1_288_834_974_657) << 22 | sequence
    }

    /// A content-export row with `impressions` for the post `id`.
    static func row(_ id: UInt64, impressions: Int, date: String = "\"Mon, Feb 3, 2025\"") -> String {
        "\(id),\(date),text \(id),https://x.com/acme/status/\(id),\(impressions),1,2,0,0,0,0,0,0,0,0,0,0\n"
    }

    let a = id(utc(2025, 2, 3, 10, 0), sequence: 1)
    let b = id(utc(2025, 2, 3, 9, 0), sequence: 2)
    let c = id(utc(2025, 2, 3, 11, 0), sequence: 3)

    @Test("the export with the later end date wins, even when given first")
    func laterEndDateWins() throws {
        let folder = try TemporaryFolder()
        let newer = try folder.write("content_acme_20250101_20250228.csv", Self.header + Self.row(a, impressions: 200))
        let older = try folder.write("content_acme_20250101_20250131.csv",
                                     Self.header + Self.row(a, impressions: 100) + Self.row(b, impressions: 5))
        let dataset = try loadDataset(paths: [newer, older])
        #expect(dataset.posts.count == 2)
        #expect(dataset.posts.first { $0.id == a }?.metrics[.impressions] == 200)
        #expect(dataset.posts.first { $0.id == a }?.origin == SourceLocation(file: newer, line: 2))
        let merged = dataset.issues.filter { $0.kind == .merged }
        #expect(merged.count == 1)
        #expect(merged.first?.postID == a)
        #expect(merged.first?.location == SourceLocation(file: older, line: 2))
        #expect(merged.first?.reason.contains("ends later (2025-02-28 versus 2025-01-31)") == true)
        #expect(dataset.inputs.map(\.path) == [newer, older])
        #expect(dataset.handle == "acme")
    }

    @Test("without end dates, the later file on the command line wins")
    func laterOnCommandLineWins() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("first.csv", Self.header + Self.row(a, impressions: 100))
        let second = try folder.write("second.csv", Self.header + Self.row(a, impressions: 300))
        #expect(try loadDataset(paths: [first, second]).posts.map { $0.metrics[.impressions] } == [300])
        let reversed = try loadDataset(paths: [second, first])
        #expect(reversed.posts.map { $0.metrics[.impressions] } == [100])
        #expect(reversed.issues.first { $0.kind == .merged }?.reason.contains("later on the command line") == true)
    }

    @Test("equal end dates: the later file on the command line wins")
    func equalEndDates() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("content_acme_20250101_20250228.csv", Self.header + Self.row(a, impressions: 1))
        let second = try folder.write("content_acme_20250201_20250228.csv", Self.header + Self.row(a, impressions: 2))
        #expect(try loadDataset(paths: [first, second]).posts.map { $0.metrics[.impressions] } == [2])
    }

    @Test("a repeated id in one file: the later line wins")
    func repeatInOneFile() throws {
        let folder = try TemporaryFolder()
        // (Engagements are 2 in every row: fewer impressions would be a rate-above-100% warning.)
        let path = try folder.write("x.csv", Self.header + Self.row(a, impressions: 3) + Self.row(a, impressions: 4))
        let dataset = try loadDataset(paths: [path])
        #expect(dataset.posts.map { $0.metrics[.impressions] } == [4])
        #expect(dataset.issues.map(\.kind) == [.merged])
        #expect(dataset.issues.first?.location.line == 2)
    }

    /// Repeats across three files and inside one: each replaced record is one issue, listed in the
    /// order the replacements are met (files by rank, then lines), each naming its replacement.
    @Test("chains of repeats: one issue per replaced record, in the order met")
    func chainsOfRepeats() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("content_acme_20250101_20250131.csv",
                                     Self.header + Self.row(c, impressions: 1) + Self.row(a, impressions: 1) + Self.row(b, impressions: 1))
        let second = try folder.write("content_acme_20250101_20250228.csv",
                                      Self.header + Self.row(b, impressions: 2) + Self.row(a, impressions: 2) + Self.row(a, impressions: 3))
        let third = try folder.write("content_acme_20250101_20250331.csv", Self.header + Self.row(a, impressions: 4))
        // Given out of rank order: the end dates decide.
        let dataset = try loadDataset(paths: [third, first, second])
        #expect(dataset.posts.map(\.id) == [b, a, c])
        #expect(dataset.posts.map { $0.metrics[.impressions] } == [2, 4, 1])
        let merged = dataset.issues.filter { $0.kind == .merged }
        let expected: [(UInt64, String, Int, String)] = [
            (b, first, 4, "\(second) line 2"), (a, first, 3, "\(second) line 3"),
            (a, second, 3, "\(second) line 4"), (a, second, 4, "\(third) line 2"),
        ]
        #expect(merged.count == expected.count)
        for (issue, (id, file, line, replacement)) in zip(merged, expected) {
            #expect(issue.postID == id && issue.location == SourceLocation(file: file, line: line), "\(issue)")
            #expect(issue.reason.contains("replaced by \(replacement)"), "\(issue.reason)")
        }
    }

    @Test("posts sorted by posting time, then id")
    func sorted() throws {
        let folder = try TemporaryFolder()
        let same = Self.id(utc(2025, 2, 3, 9, 0), sequence: 9)
        let path = try folder.write("x.csv", Self.header + Self.row(c, impressions: 1) + Self.row(same, impressions: 1)
                                    + Self.row(a, impressions: 1) + Self.row(b, impressions: 1))
        let dataset = try loadDataset(paths: [path])
        #expect(dataset.posts.map(\.id) == [b, same, a, c])
        // The same order whether the merge reorders in place or copies.
        let viaFiles = DatasetMerger.merge([try ExportFile.read(path: path)])
        #expect(viaFiles.posts.map(\.id) == [b, same, a, c])
    }

    @Test("one export in id order: newest first is turned around; times that disagree with the ids still sort")
    func singleExportInIDOrder() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("x.csv", Self.header + Self.row(c, impressions: 1) + Self.row(a, impressions: 2)
                                    + Self.row(b, impressions: 3))
        let file = try ExportFile.read(path: path)
        // Ids falling (c at 11:00, a at 10:00, b at 9:00): newest first, the usual export order.
        let newestFirst = file.posts.sorted { $0.id > $1.id }
        let merged = DatasetMerger.merge([ExportFile(input: file.input, variant: file.variant, posts: newestFirst, daily: [],
                                                     issues: [], handle: nil, windowEnd: nil)])
        #expect(merged.posts.map(\.id) == newestFirst.reversed().map(\.id))
        #expect(merged.issues.isEmpty)
        // A time that disagrees with its id (an edited time column) is still put in time order.
        var moved = newestFirst
        moved[0].postedAt = utc(2025, 2, 3, 8, 0)
        let remerged = DatasetMerger.merge([ExportFile(input: file.input, variant: file.variant, posts: moved, daily: [],
                                                       issues: [], handle: nil, windowEnd: nil)])
        #expect(remerged.posts.map(\.postedAt) == remerged.posts.map(\.postedAt).sorted())
        #expect(remerged.posts.first?.id == moved[0].id && remerged.posts.count == 3)
    }

    @Test("days: later export wins across legacy daily and account overview")
    func days() throws {
        let folder = try TemporaryFolder()
        let overview = try folder.write("account_overview_acme_20250101_20250218.csv", Self.overviewHeader
            + "\"Tue, Feb 18, 2025\",500,1,2,0,0,0,0,0,0,0,1,0,0\n\"Mon, Feb 17, 2025\",400,1,2,0,0,0,0,0,0,0,1,0,0\n")
        let legacyHeader = ["Date", "Tweets published", "impressions", "engagements"].map { "\"\($0)\"" }.joined(separator: ",")
        let legacy = try folder.write("daily_tweet_activity_metrics_acme_20250201_20250217_en.csv",
                                      legacyHeader + "\n\"2025-02-17\",\"1\",\"999\",\"9\"\n\"2025-02-16\",\"1\",\"300\",\"3\"\n")
        let dataset = try loadDataset(paths: [overview, legacy])
        #expect(dataset.daily.map(\.day.description) == ["2025-02-16", "2025-02-17", "2025-02-18"])
        #expect(dataset.daily.map { $0.metrics[.impressions] } == [300, 400, 500])
        let merged = dataset.issues.filter { $0.kind == .merged }
        #expect(merged.count == 1)
        #expect(merged.first?.location == SourceLocation(file: legacy, line: 2))
        #expect(merged.first?.reason.hasPrefix("day 2025-02-17 replaced by") == true)
    }

    @Test("different handles in different files are a warning")
    func handles() throws {
        let folder = try TemporaryFolder()
        let one = try folder.write("content_acme_20250101_20250131.csv", Self.header + Self.row(a, impressions: 1))
        let other = try folder.write("content_other_20250101_20250131.csv",
                                     Self.header + Self.row(b, impressions: 1).replacing("/acme/", with: "/other/"))
        let dataset = try loadDataset(paths: [one, other])
        #expect(dataset.handle == "acme")
        #expect(dataset.issues.contains { $0.kind == .warning && $0.reason.contains("@other") })
    }
}
