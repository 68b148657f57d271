import Foundation
import Testing
@testable import XLSX

/// engage formats libxlsxwriter's cell XML itself (Sources/CXlsxWriterTuning/fast_cell_format.c):
/// the bytes must be glibc's, and libxlsxwriter must really go through it.
@Suite struct CellFormattingTests {
    /// glibc's own `%.16G`, through vsnprintf (which engage does not replace).
    func glibc(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.16G", $0) }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func numbersAreFormattedExactlyAsGlibcDoes() {
        let edges: [Double] = [0, -0.0, 1, -1, 7, 10, 99, 100, 1e15, -1e15, 9_007_199_254_740_991, 9_007_199_254_740_992,
                               -9_007_199_254_740_992, 9_007_199_254_740_994, 1e16, 1e17, 1e20, 123_456_789_012_345_680,
                               0.5, -0.5, 0.1, 1e-7, 45_678.123456, 2.5e-300, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
                               .nan, .infinity, -.infinity, Double(Int32.max), Double(Int64.max)]
        // Spread over every magnitude up to 2^53 and past it, both signs, by a fixed hash of the index.
        func mixed(_ i: Int) -> UInt64 { ((UInt64(i) &+ 1) &* 0x9E37_79B9_7F4A_7C15) >> 11 }
        let wholes = (0..<20_000).map { i in
            Double(Int64(mixed(i) % (UInt64(1) << (i % 55 + 1)))) * (i % 2 == 0 ? 1 : -1)
        }
        let fractions = (0..<20_000).map { i in Double(mixed(i)) / 9_007_199_254_740_992 * 2e6 - 1e6 }
        for value in edges + wholes + fractions {
            #expect(Tuning.g16(value) == glibc(value), "\(value)")
        }
    }

    /// Whole numbers, fractions, styles (`%d`), cell references (`%s`) and inline text all come out
    /// as libxlsxwriter meant, and the formatter counted the calls.
    @Test func libxlsxwriterCellsGoThroughTheFormatter() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "cells.xlsx")
        let before = Tuning.counters.formattedCalls
        let book = try Workbook(path: file.path, options: WorkbookOptions(constantMemory: true, tmpdir: dir.path,
                                                                         created: TestSupport.fixedDate))
        let sheet = try book.addWorksheet("Cells")
        let bold = try book.addFormat(FormatSpec(bold: true))
        try sheet.write(12_345, row: 0, col: 0)
        try sheet.write(-7, row: 0, col: 1, format: bold)
        try sheet.write(0.125, row: 0, col: 2)
        try sheet.write(1e20, row: 0, col: 3)
        try sheet.write("100% <sure> & done", row: 0, col: 4)
        try book.close()
        #expect((Tuning.counters.formattedCalls > before) == Tuning.isEnabled)
        let xml = try TestSupport.zipPart(file, "xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"<c r="A1"><v>12345</v></c>"#), "\(xml)")
        #expect(xml.range(of: #"<c r="B1" s="\d+"><v>-7</v></c>"#, options: .regularExpression) != nil, "\(xml)")
        #expect(xml.contains(#"<c r="C1"><v>0.125</v></c>"#))
        #expect(xml.contains(#"<c r="D1"><v>1E+20</v></c>"#))
        #expect(xml.contains("100% &lt;sure&gt; &amp; done"))
    }
}

/// A hook that libxlsxwriter stopped calling is found from the counters (engage warns, the
/// workbook is still written by libxlsxwriter's own code).
@Suite struct IdleHookTests {
    @Test func hooksWhoseCountersDidNotMoveAreNamed() {
        let before = Tuning.Counters(formattedCalls: 10, zippedParts: 4, bufferedStreams: 7)
        let after = Tuning.Counters(formattedCalls: 10, zippedParts: 9, bufferedStreams: 7)
        #expect(after.idleHooks(since: before) == ["cell formatting (fprintf)", "temporary-file buffers (fdopen)"])
        #expect(Tuning.Counters(formattedCalls: 11, zippedParts: 5, bufferedStreams: 8).idleHooks(since: before).isEmpty)
    }
}
