import Charts
import Foundation
import Testing

/// Runs a poppler tool and returns its standard output.
func poppler(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(filePath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(tool) \(arguments) failed")
    return String(decoding: data, as: UTF8.self)
}

@Suite struct PDFTests {
    @Test func threePageReportHasPagesTextAndEmbeddedDejaVu() throws {
        let dir = try TempDir()
        let path = dir.file("report.pdf")
        let pages = try SampleReport.write(to: path)
        #expect(pages == 3)
        if let preview = ProcessInfo.processInfo.environment["CHARTS_PREVIEW_DIR"] {
            try? FileManager.default.removeItem(atPath: preview + "/report.pdf")
            try FileManager.default.copyItem(atPath: path, toPath: preview + "/report.pdf")
        }

        let info = try poppler("pdfinfo", [path])
        let pageLine = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        #expect(pageLine.map { $0.split(separator: " ").last == "3" } == true, "pdfinfo: \(info)")
        #expect(info.contains("Title:") && info.contains("Engagement report"))
        #expect(info.contains("Author:") && info.contains("engage tests"))

        let text = try poppler("pdftotext", ["-layout", path, "-"])
        for expected in ["Summary", "Impressions", "31.8k", "Page 1 of 3", "Page 3 of 3", "Top posts",
                         "Synthetic post 46", "Engagement rate by weekday and hour", "Control"] {
            #expect(text.contains(expected), "pdftotext lacks \(expected)")
        }

        let fonts = try poppler("pdffonts", [path])
        let fontLines = fonts.split(separator: "\n").dropFirst(2)
        #expect(!fontLines.isEmpty)
        #expect(fontLines.contains { $0.contains("DejaVuSans-Bold") })
        #expect(fontLines.contains { $0.contains("DejaVuSans") && !$0.contains("Bold") })
        for line in fontLines {
            // Columns: name type encoding emb sub uni object ID; "emb" must be "yes".
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "not embedded: \(line)")
        }
    }

    @Test func pdfIsByteIdenticalAcrossRuns() throws {
        let dir = try TempDir()
        let a = dir.file("a.pdf"), b = dir.file("b.pdf")
        try SampleReport.write(to: a)
        try SampleReport.write(to: b)
        let first = try Data(contentsOf: URL(filePath: a))
        let second = try Data(contentsOf: URL(filePath: b))
        #expect(first.count > 10_000)
        #expect(first == second)
        // Cairo 1.16 writes the date without the "D:" prefix; pdfinfo still reads it.
        let info = try poppler("pdfinfo", [a])
        #expect(info.contains("Mar  3 09:00:00 2026"), "creation date pinned from metadata: \(info)")
    }

    @Test func pngIsByteIdenticalAcrossRuns() throws {
        let dir = try TempDir()
        for (name, chart) in RenderTests.charts {
            let a = dir.file("\(name)-a.png"), b = dir.file("\(name)-b.png")
            try chart.renderPNG(path: a, width: 640, height: 360, scale: 1)
            try chart.renderPNG(path: b, width: 640, height: 360, scale: 1)
            #expect(try Data(contentsOf: URL(filePath: a)) == Data(contentsOf: URL(filePath: b)), "\(name)")
        }
    }

    @Test func isoDateIsUTCAndSecondsOnly() {
        // 1_772_528_400 s after 1970-01-01 is 2026-03-03 09:00:00 UTC (date -u -d @1772528400).
        #expect(PDFDocument.Metadata.isoDate(Date(timeIntervalSince1970: 1_772_528_400)) == "2026-03-03T09:00:00Z")
    }

    @Test func unwritablePathNamesTheFile() throws {
        let path = "/nonexistent-dir-for-engage-tests/report.pdf"
        do {
            let pdf = try PDFDocument(path: path)
            try pdf.close()
            Issue.record("expected an error")
        } catch let error as ChartsError {
            #expect(error.description.contains(path))
        }
        do {
            try Samples.verticalBars.renderPNG(path: "/nonexistent-dir-for-engage-tests/x.png", width: 100, height: 100, scale: 1)
            Issue.record("expected an error")
        } catch let error as ChartsError {
            #expect(error.description.contains("/nonexistent-dir-for-engage-tests/x.png"))
        }
    }
}
