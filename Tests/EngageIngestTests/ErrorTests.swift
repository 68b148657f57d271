import EngageModel
import Foundation
import Testing
@testable import EngageIngest

/// Whole-file failures and their messages; odd rows that are issues, not failures.
@Suite("Errors and data issues")
struct ErrorTests {
    /// The `IngestError` `body` throws, or `nil`.
    private func error(_ body: () throws -> Void) -> IngestError? {
        do { try body(); return nil } catch { return error as? IngestError }
    }

    @Test("unknown header lists the columns found and the closest variant")
    func unknownHeader() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("odd.csv", "Foo,Bar,Baz\n1,2,3\n")
        let e = try #require(error { _ = try ExportFile.read(path: path) })
        #expect(e == .unknownHeader(path: path, columns: ["Foo", "Bar", "Baz"], closest: nil, missing: []))
        #expect(e.description.contains("\(path) line 1: header not recognised"))
        #expect(e.description.contains("\"Foo\", \"Bar\", \"Baz\""))
        #expect(!e.isInputMissing)
        #expect(e.exitCode == 65)

        // A content export whose id column was renamed: closest variant and what is missing.
        let near = try folder.write("near.csv", "Identifier,Date,Post text,Post Link,Impressions,Likes,Engagements,"
            + "Bookmarks,Shares,New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks\n")
        let nearError = try #require(error { _ = try ExportFile.read(path: near) })
        guard case .unknownHeader(_, let columns, let closest, let missing) = nearError else {
            Issue.record("expected unknownHeader, got \(nearError)")
            return
        }
        #expect(columns.first == "Identifier")
        #expect(closest == .contentLate)
        #expect(missing == ["Post id"])
        #expect(nearError.description.contains("Closest known variant: content export (late 2025, en), which also has \"Post id\""))
    }

    @Test("undecodable bytes name the file, line and byte offset")
    func undecodable() throws {
        let folder = try TemporaryFolder()
        let header = Array(MergeTests.header.utf8)
        let row = Array("1886430462079954945,\"Mon, Feb 3, 2025\",Caf".utf8) + [0xE9] + Array(",x,1,1,1,0,0,0,0,0,0,0,0,0,0\n".utf8)
        let path = try folder.write("latin1.csv", bytes: header + row)
        let offset = header.count + "1886430462079954945,\"Mon, Feb 3, 2025\",Caf".utf8.count
        let e = try #require(error { _ = try ExportFile.read(path: path) })
        guard case .undecodable(let p, let line, let at, let encoding, _) = e else {
            Issue.record("expected undecodable, got \(e)")
            return
        }
        #expect(p == path)
        #expect(at == offset)
        #expect(line == 2)
        #expect(encoding == "UTF-8")
        #expect(e.description.hasPrefix("\(path) line 2 (byte offset \(offset)): not valid UTF-8"))

        // UTF-16 with an unpaired surrogate: offset counts the BOM.
        let utf16 = try folder.write("bad16.txt", bytes: [0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00])
        #expect(error { _ = try ExportFile.read(path: utf16) }
                == .undecodable(path: utf16, line: 1, byteOffset: 4, encoding: "UTF-16LE", detail: "unpaired surrogate"))
    }

    @Test("broken quoting is a data error naming line and column")
    func malformed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("broken_export.csv", """
            "Tweet id","Tweet permalink","Tweet text","time","impressions","engagements"
            "1853012345678901234","https://twitter.com/acme/status/1853012345678901234","ok","2024-11-03 10:00 +0000","1200.0","31.0"
            "1853012345678901299","https://twitter.com/acme/status/1853012345678901299","unterminated quote,"2024-11-03 11:00 +0000","980.0","12.0"

            """)
        let e = try #require(error { _ = try ExportFile.read(path: path) })
        #expect(e.description.hasPrefix("\(path) line 3, column \"Tweet text\": unexpected \"2\" after a closing quote"))
        #expect(e.exitCode == 65)
    }

    @Test("missing and unreadable inputs are exit 66")
    func missing() throws {
        let folder = try TemporaryFolder()
        let nowhere = folder.url.appending(path: "nope.csv").path
        let e = try #require(error { _ = try ExportFile.read(path: nowhere) })
        #expect(e == .inputMissing(path: nowhere))
        #expect(e.isInputMissing && e.exitCode == 66)
        #expect(e.description == "\(nowhere): no such file")
        let dir = try #require(error { _ = try ExportFile.read(path: folder.url.path) })
        #expect(dir.isInputMissing)
        #expect(error { _ = try loadDataset(paths: []) } == .noInputs)
    }

    @Test("a JSON file that is no API response is a data error naming the file")
    func json() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("resp.json", "  \n[1, 2, 3]")
        let e = try #require(error { _ = try ExportFile.read(path: path) })
        #expect(!e.isInputMissing && e.exitCode == 65)
        #expect(e.description.hasPrefix(path))
        #expect(e.description.contains("not a JSON object (the top level is an array)"), "\(e)")
        let broken = try folder.write("broken.json", "{\"data\": [")
        let cut = try #require(error { _ = try ExportFile.read(path: broken) })
        #expect(cut.description.contains("JSON cut short: the file ends after 10 bytes with 2 brackets still open"), "\(cut)")
    }

    @Test("engagements above impressions (a rate over 100%) are a warning on that post")
    func engagementsAboveImpressions() throws {
        let folder = try TemporaryFolder()
        let header = try String(contentsOfFile: BadInputCorpusTests.path("header_only.csv"), encoding: .utf8)
        func row(_ id: Int, impressions: Int, engagements: Int) -> String {
            "\"\(id)\",\"https://twitter.com/acme/status/\(id)\",\"text\",\"2025-03-12 14:07 +0000\",\"\(impressions).0\",\"\(engagements).0\",\"0.05\""
                + String(repeating: ",\"1.0\"", count: 8) + String(repeating: ",\"0\"", count: 7) + "\n"
        }
        let path = try folder.write("rates.csv", header + row(1_900_000_000_000_000_000, impressions: 100, engagements: 5_001)
                                    + row(1_900_000_000_000_000_001, impressions: 100, engagements: 100))
        let file = try ExportFile.read(path: path)
        #expect(file.posts.count == 2)
        let warnings = file.issues.filter { $0.kind == .warning && $0.location.line != 1 }   // line 1: notes on the header
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.postID == 1_900_000_000_000_000_000)
        #expect(warnings.first?.location.line == 2)
        #expect(warnings.first?.reason.hasPrefix("5001 engagements but only 100 impressions (a rate above 100%)") == true, "\(warnings)")
    }

    @Test("a header with a thousand extra columns gives a short error, not a megabyte")
    func wideUnknownHeader() throws {
        let folder = try TemporaryFolder()
        let columns = (0..<1_000).map { "extra column \($0) " + String(repeating: "x", count: 900) }
        let path = try folder.write("wide.csv", "Tweet id,Tweet permalink," + columns.joined(separator: ",") + "\n1,2\n")
        let e = try #require(error { _ = try ExportFile.read(path: path) })
        #expect(e.exitCode == 65)
        #expect(e.description.count < 5_000, "\(e.description.count) characters")
        #expect(e.description.contains("and 962 more"), "\(e.description.prefix(300))")
    }

    @Test("nothing parseable: empty file, only junk rows, nothing in any input")
    func nothingParseable() throws {
        let folder = try TemporaryFolder()
        let empty = try folder.write("empty.csv", "")
        #expect(error { _ = try ExportFile.read(path: empty) } == .nothingParseable(path: empty, reason: "the file is empty"))
        let junk = try folder.write("junk.csv", MergeTests.header + ",,,https://x.com/acme/status/undefined,0,0,0,0,0,0,0,0,0,0,0,0,0\n")
        let e = try #require(error { _ = try ExportFile.read(path: junk) })
        #expect(e.description.contains("line 2: no post id (\"status/undefined\" link)"))
        let headerOnly = try folder.write("header.csv", MergeTests.header)
        let file = try ExportFile.read(path: headerOnly)
        #expect(file.posts.isEmpty && file.issues.count == 1)
        #expect(error { _ = try loadDataset(paths: [headerOnly]) }?.exitCode == 65)
    }

    @Test("odd rows become issues with line, column and reason")
    func oddRows() throws {
        let folder = try TemporaryFolder()
        let id = MergeTests.id(utc(2025, 2, 3, 10, 0))
        let path = try folder.write("odd_rows.csv", MergeTests.header
            + MergeTests.row(id, impressions: 10)                                         // line 2: fine
            + "\(id + 1),x,y\n"                                                           // line 3: too few fields
            + MergeTests.row(id + 2, impressions: 10).replacing("\n", with: ",5,6\n")     // line 4: too many
            + MergeTests.row(id + 3, impressions: 10).replacing("\n", with: ",,\n")       // line 5: empty extras: fine
            + "abc" + MergeTests.row(id + 4, impressions: 10)                             // line 6: bad id
            + ",,,,,,,,,,,,,,,,\n"                                                        // line 7: empty row
            + "\n"                                                                        // line 8: blank: ignored
            + MergeTests.row(id + 5, impressions: 10, date: "\"Fri, Feb 7, 2025\"")       // line 9: date 4 days off
            + MergeTests.row(id + 6, impressions: 10, date: "someday"))                   // line 10: unreadable date
        let file = try ExportFile.read(path: path)
        #expect(file.posts.map { $0.origin.line } == [2, 5, 9, 10])
        let summary = file.issues.map { "\($0.kind.rawValue) \($0.location.line ?? 0) \($0.column ?? "-")" }
        #expect(summary == ["skipped row 3 -", "skipped row 4 -", "skipped row 6 Post id", "skipped row 7 -",
                            "warning 9 Date", "warning 10 Date"])
        #expect(file.issues[0].reason == "row has 3 fields; the header has 17")
        #expect(file.issues[2].reason.contains("not a number"))
        #expect(file.issues[3].reason == "empty row")
        #expect(file.input.rows == 4 && file.input.skipped == 4)
    }

    @Test("Japanese header with unknown wording: columns mapped by position, with a note")
    func positional() throws {
        let folder = try TemporaryFolder()
        var header = ExportLayout.of(.legacyPerPostJapanese).columns.prefix(40).map { $0.names[0] }
        header[15] = "アプリを開いた回数"
        let values = ["1", "https://twitter.com/acme/status/1", "t", "2016-12-23 18:50 +0000"] + Array(repeating: "3", count: 18)
            + Array(repeating: "-", count: 18)
        let path = try folder.write("ja.csv", header.joined(separator: ",") + "\n" + values.joined(separator: ",") + "\n")
        let file = try ExportFile.read(path: path)
        #expect(file.variant == .legacyPerPostJapanese)
        #expect(file.posts.first?.metrics[.appOpens] == 3)
        #expect(file.issues.map(\.reason) == ["columns recognised by their position: \"アプリを開いた回数\" as アプリ表示"])
    }

    @Test("unknown and missing columns of a recognised variant are noted")
    func columnNotes() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("notes.csv", "Post id,Date,Impressions,Engagements,Mystery\n"
            + "\(MergeTests.id(utc(2025, 2, 3))),\"Mon, Feb 3, 2025\",5,1,x\n")
        let file = try ExportFile.read(path: path)
        #expect(file.variant == .contentLate || file.variant == .contentEarly)
        #expect(file.issues.count == 2)
        #expect(file.issues.allSatisfy { $0.location.line == 1 && $0.kind == .warning })
        #expect(file.issues[0].reason.contains("\"Mystery\" is not known"))
        #expect(file.issues[1].reason.hasPrefix("expected columns missing"))
        #expect(file.posts.first?.metrics[.impressions] == 5)
    }
}
