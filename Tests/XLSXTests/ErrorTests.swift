import Foundation
import Testing
@testable import XLSX

/// Refusals and fallbacks: every one names its input and none corrupts the workbook.
@Suite struct ErrorTests {
    func scratchBook(_ options: WorkbookOptions = WorkbookOptions()) throws -> (Workbook, URL) {
        let file = try TestSupport.temporaryDirectory().appending(path: "book.xlsx")
        return (try Workbook(path: file.path, options: options), file)
    }

    struct NameCase: Sendable, CustomTestStringConvertible {
        let name: String
        let reasonPart: String
        var testDescription: String { "'\(name)'" }
    }

    @Test(arguments: [
        NameCase(name: "", reasonPart: "empty"),
        NameCase(name: String(repeating: "x", count: 32), reasonPart: "31"),
        NameCase(name: "a[b", reasonPart: "'['"),
        NameCase(name: "a]b", reasonPart: "']'"),
        NameCase(name: "a:b", reasonPart: "':'"),
        NameCase(name: "a*b", reasonPart: "'*'"),
        NameCase(name: "a?b", reasonPart: "'?'"),
        NameCase(name: "a/b", reasonPart: "'/'"),
        NameCase(name: "a\\b", reasonPart: "'\\'"),
        NameCase(name: "'quoted", reasonPart: "apostrophe"),
        NameCase(name: "History", reasonPart: "reserves"),
    ])
    func invalidSheetNamesAreRefused(_ test: NameCase) throws {
        let (book, _) = try scratchBook()
        do {
            _ = try book.addWorksheet(test.name)
            Issue.record("'\(test.name)' was accepted")
        } catch {
            guard case let .invalidSheetName(name, reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name == test.name)
            #expect(reason.contains(test.reasonPart), "\(reason)")
            #expect(test.name.isEmpty || error.description.contains(test.name))
        }
        // The sanitised form is always accepted.
        let sheet = try book.addWorksheet(Workbook.sanitizedSheetName(test.name))
        #expect(sheet.name.utf16.count <= 31)
    }

    @Test func duplicateSheetNamesAreRefusedCaseInsensitively() throws {
        let (book, _) = try scratchBook()
        _ = try book.addWorksheet("Posts")
        #expect(throws: XLSXError.invalidSheetName("posts", reason: "a sheet with this name already exists")) {
            _ = try book.addWorksheet("posts")
        }
        #expect(book.sheetNames == ["Posts"])
    }

    @Test func thirtyOneCharacterNameIsAccepted() throws {
        let (book, _) = try scratchBook()
        let name = String(repeating: "é", count: 31)
        #expect(try book.addWorksheet(name).name == name)
    }

    @Test func rowBeyondExcelsGridThrows() throws {
        let (book, _) = try scratchBook()
        let sheet = try book.addWorksheet("S")
        try sheet.write("last row", row: 1_048_575, col: 16_383)
        #expect(throws: XLSXError.cellOutOfRange(sheet: "S", row: 1_048_576, column: 0)) {
            try sheet.write("too far", row: 1_048_576, col: 0)
        }
        #expect(throws: XLSXError.cellOutOfRange(sheet: "S", row: 0, column: 16_384)) {
            try sheet.write(1.0, row: 0, col: 16_384)
        }
        #expect(throws: XLSXError.cellOutOfRange(sheet: "S", row: -1, column: 0)) {
            try sheet.write(integer: 1, row: -1, col: 0)
        }
    }

    /// libxlsxwriter writes overlapping `<col>` ranges as given (Excel then repairs the file);
    /// the wrapper refuses the second range and names both.
    @Test func overlappingColumnRangesAreRefused() throws {
        let (book, _) = try scratchBook()
        let sheet = try book.addWorksheet("About")
        try sheet.setColumn(first: 1, last: 6, width: 16)
        try sheet.setColumn(first: 7, last: 7, width: 66)
        #expect(throws: XLSXError.invalidArgument("columns G:G of sheet 'About' overlap B:G, set before; give each column its width once")) {
            try sheet.setColumn(first: 6, last: 6, width: 66)
        }
        #expect(throws: XLSXError.self) { try sheet.setColumn(first: 0, last: 1, width: 10) }
        try sheet.setColumn(first: 0, last: 0, width: 10)
    }

    @Test func overlongStringIsTruncatedWithEllipsisAndReported() throws {
        let (book, file) = try scratchBook()
        let sheet = try book.addWorksheet("Long")
        let text = String(repeating: "abcdefghij", count: 4_000)   // 40,000 characters
        try sheet.write(text, row: 0, col: 0)
        try sheet.write("short", row: 1, col: 0)
        try book.close()
        #expect(book.warnings == [.stringTruncated(cell: "Long!A1", originalLength: 40_000)])
        let cells = (try TestSupport.readBack(file)["cells"] as? [String: [String: [String: Any]]])?["Long"]
        let written = try #require(cells?["A1"]?["value"] as? String)
        #expect(written.count == 32_767)
        #expect(written.hasSuffix("…"))
        #expect(written.dropLast() == text.prefix(32_766))
        #expect(cells?["A2"]?["value"] as? String == "short")
    }

    @Test func truncationNeverSplitsASurrogatePair() throws {
        let (book, _) = try scratchBook()
        let sheet = try book.addWorksheet("Emoji")
        let text = String(repeating: "😀", count: 20_000)   // 40,000 UTF-16 units
        let fitted = sheet.fitted(text, row: 0, col: 0)
        #expect(fitted.utf16.count <= 32_767)
        #expect(fitted.hasSuffix("…"))
        #expect(fitted.dropLast().allSatisfy { $0 == "😀" })
    }

    struct URLCase: Sendable, CustomTestStringConvertible {
        let url: String
        let isLink: Bool
        var testDescription: String { String(url.prefix(40)) }
    }

    @Test(arguments: [
        URLCase(url: "https://example.com/a?b=c#d", isLink: true),
        URLCase(url: "http://example.com", isLink: true),
        URLCase(url: "mailto:a@example.com", isLink: true),
        URLCase(url: "ftp://example.com/file", isLink: true),
        URLCase(url: "example.com", isLink: false),
        URLCase(url: "javascript:alert(1)", isLink: false),
        URLCase(url: "https://", isLink: false),
        URLCase(url: "https://example.com/a b", isLink: false),
        URLCase(url: "https://example.com/" + String(repeating: "x", count: 235), isLink: true),   // 255
        URLCase(url: "https://example.com/" + String(repeating: "x", count: 236), isLink: false),  // 256
    ])
    func urlIsLinkOnlyWhenValid(_ test: URLCase) throws {
        let (book, file) = try scratchBook()
        let sheet = try book.addWorksheet("Links")
        #expect(try sheet.writeURL(test.url, row: 0, col: 0) == test.isLink)
        try book.close()
        let cell = (try TestSupport.readBack(file)["cells"] as? [String: [String: [String: Any]]])?["Links"]?["A1"]
        // libxlsxwriter shows a mailto: link without its scheme.
        let shown = test.isLink && test.url.hasPrefix("mailto:") ? String(test.url.dropFirst(7)) : test.url
        #expect(cell?["value"] as? String == shown)
        #expect((cell?["hyperlink"] as? String) == (test.isLink ? test.url : nil))
        #expect(book.warnings.count == (test.isLink ? 0 : 1))
    }

    @Test func hyperlinkLimitFallsBackToText() throws {
        let (book, file) = try scratchBook(WorkbookOptions(constantMemory: true))
        let sheet = try book.addWorksheet("Many")
        let total = 65_532
        var links = 0
        for row in 0..<total where try sheet.writeURL("https://example.com/\(row)", row: row, col: 0) {
            links += 1
        }
        #expect(links == 65_530)
        #expect(sheet.hyperlinkCount == 65_530)
        #expect(book.warnings.count == 2)
        try book.close()
        let summary = (try TestSupport.readBack(file, summary: true)["summary"] as? [String: [String: Any]])?["Many"]
        #expect(summary?["cells"] as? Int == total)
    }

    @Test func everythingThrowsAfterClose() throws {
        let (book, file) = try scratchBook()
        let sheet = try book.addWorksheet("S")
        let bold = try book.addFormat(FormatSpec(bold: true))
        let chart = try book.addChart(.column)
        try sheet.write(1.0, row: 0, col: 0)
        try book.close()
        #expect(book.isClosed)
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(throws: XLSXError.workbookClosed) { try book.close() }
        #expect(throws: XLSXError.workbookClosed) { try sheet.write("x", row: 1, col: 0, format: bold) }
        #expect(throws: XLSXError.workbookClosed) { _ = try book.addWorksheet("T") }
        #expect(throws: XLSXError.workbookClosed) { _ = try book.addFormat(FormatSpec(italic: true)) }
        #expect(throws: XLSXError.workbookClosed) { try chart.setTitle("t") }
        #expect(throws: XLSXError.workbookClosed) { try sheet.freezePanes(row: 1, col: 0) }
    }

    @Test func closingIntoAMissingDirectoryReportsLibxlsxwritersReason() throws {
        let book = try Workbook(path: "/nonexistent-dir-\(UUID().uuidString)/book.xlsx")
        _ = try book.addWorksheet("S")
        do {
            try book.close()
            Issue.record("close succeeded")
        } catch {
            guard case let .writeFailed(code, message, context) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(code != 0)
            #expect(!message.isEmpty)
            #expect(context.contains("book.xlsx"))
        }
        #expect(book.isClosed)
    }

    @Test func droppingAnUnclosedWorkbookWritesNothing() throws {
        let dir = try TestSupport.temporaryDirectory()
        let file = dir.appending(path: "never.xlsx")
        do {
            let book = try Workbook(path: file.path, options: WorkbookOptions(constantMemory: true, tmpdir: dir.path))
            let sheet = try book.addWorksheet("S")
            for row in 0..<1_000 { try sheet.write(Double(row), row: row, col: 0) }
            _ = try book.addWorksheet("T")
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        // No descriptor of this process still points at a (deleted) temporary file in `dir`.
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)
        }
        #expect(!open.isEmpty)
        #expect(open.filter { $0.hasPrefix(dir.path) }.isEmpty, "temporary files left open")
    }

    @Test func equalSpecsShareOneFormat() throws {
        let (book, _) = try scratchBook()
        let a = try book.addFormat(FormatSpec(bold: true, numberFormat: "0.0%"))
        let b = try book.addFormat(FormatSpec(bold: true, numberFormat: "0.0%"))
        let c = try book.addFormat(FormatSpec(bold: true, numberFormat: "0.00%"))
        #expect(a == b)
        #expect(a.index == b.index)
        #expect(a != c)
    }

    @Test func formatsAndChartsFromAnotherWorkbookAreRefused() throws {
        let (first, _) = try scratchBook()
        let (second, _) = try scratchBook()
        let sheet = try second.addWorksheet("S")
        let foreign = try first.addFormat(FormatSpec(bold: true))
        #expect(throws: XLSXError.foreignObject("format")) { try sheet.write("x", row: 0, col: 0, format: foreign) }
        _ = try first.addWorksheet("S")
        let chart = try first.addChart(.line)
        try chart.addSeries(values: SheetRange(sheet: "S", firstRow: 0, firstCol: 0, lastRow: 3, lastCol: 0))
        #expect(throws: XLSXError.foreignObject("chart")) { try sheet.insertChart(chart, row: 0, col: 0) }
    }

    @Test func chartChecks() throws {
        let (book, _) = try scratchBook()
        let sheet = try book.addWorksheet("Data")
        let column = try book.addChart(.column)
        #expect(throws: XLSXError.unknownSheet("Nope")) {
            try column.addSeries(values: SheetRange(sheet: "Nope", firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 0))
        }
        #expect(throws: XLSXError.invalidArgument("high-low lines need a line chart, not a column chart")) {
            try column.setHighLowLines()
        }
        #expect(throws: XLSXError.invalidArgument("a column chart needs at least one series before it is inserted")) {
            try sheet.insertChart(column, row: 0, col: 0)
        }
        try column.addSeries(values: SheetRange(sheet: "Data", firstRow: 0, firstCol: 0, lastRow: 1, lastCol: 0))
        try sheet.insertChart(column, row: 0, col: 0)
        // libxlsxwriter refuses a second placement of the same chart.
        #expect(throws: (any Error).self) { try sheet.insertChart(column, row: 20, col: 0) }
    }

    @Test func badFormatSpecsAreRefused() throws {
        let (book, _) = try scratchBook()
        #expect(throws: XLSXError.invalidArgument("text rotation 120° is not in -90...90 or 270")) {
            _ = try book.addFormat(FormatSpec(textRotation: 120))
        }
        _ = try book.addFormat(FormatSpec(textRotation: 270))
        #expect(throws: XLSXError.self) { _ = try book.addFormat(FormatSpec(fontSize: 0)) }
    }

    @Test func errorMessagesNameTheirInput() {
        #expect(XLSXError.writeFailed(code: 21, message: "String exceeds Excel's limit", while: "writing cell Posts!C14")
            .description == "xlsx: writing cell Posts!C14: String exceeds Excel's limit (libxlsxwriter error 21)")
        #expect(XLSXError.rowOutOfOrder(sheet: "Posts", row: 2, after: 5).description.contains("row 3 after row 6"))
    }
}
