import EngageModel
import Foundation
import Testing
@testable import EngageIngest

/// The bad-input corpus in Tests/Fixtures/bad (made by make_bad.py): each file either reads with
/// named data issues or fails with a data error naming the file and where; none crashes.
@Suite struct BadInputCorpusTests {
    enum Outcome {
        /// Reads; `posts` accepted, and an issue of `kind` whose reason contains `reason` at `line`.
        case reads(posts: Int, line: Int?, kind: DataIssue.Kind, reason: String)
        /// Fails with a data error (exit 65) whose message contains each of `phrases`.
        case fails(_ phrases: [String])
    }

    static let cases: [(String, Outcome)] = [
        ("truncated.csv", .reads(posts: 2, line: 4, kind: .skippedRow, reason: "fields")),
        ("unterminated_quote_at_end.csv", .fails(["line 3", "column \"Tweet permalink\"", "never closed"])),
        ("binary_garbage.csv", .fails(["byte offset", "not valid UTF-8"])),
        ("utf16_odd_length.csv", .fails(["line 5", "not valid UTF-16LE", "middle of a character"])),
        ("invalid_utf8_in_text.csv", .fails(["line 2 (byte offset 390)", "not valid UTF-8", "0xFF"])),
        ("header_only.csv", .reads(posts: 0, line: nil, kind: .warning, reason: "no data rows after the header")),
        ("duplicated_columns.csv", .reads(posts: 3, line: 1, kind: .warning, reason: "column \"impressions\" appears more than once")),
        ("missing_columns.csv", .fails(["line 1", "columns found: \"Tweet id\", \"Tweet text\", \"likes\"", "Closest known variant"])),
        ("empty.csv", .fails(["nothing usable", "empty"])),
        ("negative_counts.csv", .reads(posts: 2, line: 2, kind: .warning, reason: "negative count (\"-5.0\")")),
        ("count_above_int64.csv", .reads(posts: 2, line: 2, kind: .warning, reason: "number too large")),
        ("bad_ids.csv", .reads(posts: 1, line: 3, kind: .skippedRow, reason: "post id is not a number (\"19abc\")")),
        ("dates_out_of_range.csv", .reads(posts: 3, line: 2, kind: .warning, reason: "time not readable (\"2025-13-45 99:99 +0000\"); taken from the post id")),
        ("ragged_rows.csv", .reads(posts: 1, line: 2, kind: .skippedRow, reason: "row has 24 fields; the header has 22")),
    ]

    static func path(_ name: String) -> String {
        Fixtures.packageRoot.appending(path: "Tests/Fixtures/bad/\(name)").path
    }

    @Test(arguments: cases.map(\.0))
    func eachCaseHasItsOutcome(name: String) throws {
        let outcome = try #require(Self.cases.first { $0.0 == name }?.1)
        let path = Self.path(name)
        switch outcome {
        case let .reads(posts, line, kind, reason):
            let file = try ExportFile.read(path: path)
            #expect(file.posts.count == posts)
            #expect(file.issues.contains { $0.kind == kind && $0.location.line == line && $0.reason.contains(reason) },
                    "no \(kind) at line \(line.map(String.init) ?? "–") containing \(reason): \(file.issues.map { "\($0.location) \($0.reason)" })")
        case let .fails(phrases):
            do {
                _ = try ExportFile.read(path: path)
                Issue.record("\(name) was read")
            } catch {
                #expect(error.exitCode == 65)
                #expect(error.description.hasPrefix(path))
                for phrase in phrases { #expect(error.description.contains(phrase), "\(error.description)") }
            }
        }
    }

    @Test func thousandsSeparatorsInQuotedCountsAreReadAsNumbers() throws {
        let file = try ExportFile.read(path: Self.path("thousands_separators.csv"))
        #expect(file.posts.first { $0.id == 1_900_000_000_000_000_000 }?.metrics[.impressions] == 1234)
    }

    @Test func aTenMegabyteFieldIsReadWithoutFuss() throws {
        let folder = try TemporaryFolder()
        let header = try String(contentsOfFile: Self.path("header_only.csv"), encoding: .utf8)
        let text = String(repeating: "long ", count: 2_000_000)
        let row = "\"1900000000000000000\",\"https://twitter.com/acme/status/1900000000000000000\",\"\(text)\",\"2025-03-12 14:07 +0000\",\"100.0\",\"5.0\",\"0.05\"" + String(repeating: ",\"1.0\"", count: 8) + String(repeating: ",\"0\"", count: 7) + "\n"
        let path = try folder.write("huge_field.csv", header + row)
        let file = try ExportFile.read(path: path)
        #expect(file.posts.count == 1)
        #expect(file.posts[0].text.utf8.count == 10_000_000)
    }
}
