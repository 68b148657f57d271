import Charts
import EngageModel
import Foundation
import Testing
@testable import EngageReport

/// PNG charts, the PDF, the email bodies and the .eml, each checked with an independent reader.
@Suite struct DocumentRendererTests {
    @Test func pngChartsHaveTheirSizeAndInk() throws {
        let report = try ReportFixtures.sampleReport()
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = try ChartRenderer(report: report).writePNGs(to: folder)
        #expect(names == ["daily", "top-posts", "followers", "campaigns", "best-hours"].map { "\(report.baseName)-\($0).png" })
        for name in names {
            let png = try PNGInspector(path: folder + "/" + name)
            #expect(png.width >= 1600, "\(name) is \(png.width) px wide at scale 2")
            #expect(png.distinctColorCount > 20, "\(name) looks blank")
            #expect(png.inkedFraction > 0.02 && png.inkedFraction < 0.9, "\(name) ink \(png.inkedFraction)")
        }
        var plain = report
        plain.campaigns = nil
        #expect(try ChartRenderer(report: plain).writePNGs(to: folder).count == 4)
    }

    @Test func pdfHasItsPagesTextAndPaper() throws {
        let report = try ReportFixtures.sampleReport()
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try PDFRenderer(report: report).write(to: folder + "/r.pdf")
        let info = try Reader.run("pdfinfo", [folder + "/r.pdf"])
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        #expect(pages >= 4)
        #expect(info.contains("(A4)"))
        let text = try Reader.run("pdftotext", ["-layout", folder + "/r.pdf", "-"])
        for expected in ["Engagement rate", "Impressions", "@northwind_roasters", "Top posts by engagements", "Campaigns",
                         "Per post (weighted)", "Total (Σ/Σ)", "Lifts are measured on the mean post engagement rate", "Best hours to post", "Data issues", "Methodology", "Page 1 of \(pages)", "Page \(pages) of \(pages)"] {
            #expect(text.contains(expected), "PDF lacks \(expected)")
        }
        #expect(text.contains(report.findings[0].prefix(30)))

        var letter = report
        letter.options.paper = .letter
        try PDFRenderer(report: letter).write(to: folder + "/l.pdf")
        #expect(try Reader.run("pdfinfo", [folder + "/l.pdf"]).contains("(letter)"))
        try PDFRenderer(report: report).write(to: folder + "/again.pdf")
        #expect(try Data(contentsOf: URL(filePath: folder + "/r.pdf")) == Data(contentsOf: URL(filePath: folder + "/again.pdf")))
    }

    @Test func emptyPeriodAndHostileTextStillRender() throws {
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let empty = try ReportFixtures.sampleReport(range: DateRange(start: CalendarDay(year: 2020, month: 1, day: 6)!,
                                                                      end: CalendarDay(year: 2020, month: 1, day: 12)!))
        try PDFRenderer(report: empty).write(to: folder + "/empty.pdf")
        #expect(try Reader.run("pdftotext", [folder + "/empty.pdf", "-"]).contains("No posts"))
        #expect(try ChartRenderer(report: empty).writePNGs(to: folder).count == 4)
        try WorkbookRenderer(report: empty).write(to: folder + "/empty.xlsx")

        let hostile = try ReportFixtures.hostileReport()
        try PDFRenderer(report: hostile).write(to: folder + "/hostile.pdf")
        let text = try Reader.run("pdftotext", [folder + "/hostile.pdf", "-"])
        #expect(text.contains("Top posts by engagements"))
        #expect(!text.contains(String(repeating: "長い投稿のテキスト 🎉🚀 مرحبا بالعالم ", count: 10)), "long text was not cut")
    }

    @Test func summariesEscapeHTMLAndListAttachments() throws {
        let report = try ReportFixtures.hostileReport()
        let files = [Manifest.File(path: "r.xlsx", bytes: 2048, sha256: "00", mime: "application/x")]
        let summary = try SummaryRenderer(report: report, attachments: files)
        let html = try summary.html()
        #expect(!html.contains("<script"))
        #expect(html.contains("@=evil_handle"))
        #expect(html.contains("r.xlsx"))
        let text = try summary.text()
        #expect(text.contains("KEY FIGURES"))
        #expect(text.contains("r.xlsx (2.0 KB)"))
        #expect(text.split(separator: "\n").first?.hasPrefix("Engagement report: @=evil_handle") == true)
    }

    /// ESC, BEL, CR, DEL and C1 controls in data never reach a terminal or an e-mail body;
    /// tab, line feed and every printable character (emoji, CJK, RTL) stay.
    @Test func controlCharactersAreStrippedFromTerminalAndEmailText() throws {
        let hostile = "a\u{1B}]0;pwned\u{07}\u{1B}[2Jb\rc\u{7F}d\u{9B}e\u{0}f\tg\nh 長🎉مر"
        #expect(ControlCharacters.stripped(hostile) == "a]0;pwned[2Jbcdef\tg\nh 長🎉مر")
        let nested = ControlCharacters.strippedDeeply(["k": ["x\u{1B}y", ["z": "\u{07}w"]], "n": 3]) as! [String: Any]
        let list = nested["k"] as! [Any]
        #expect(list[0] as? String == "xy")
        #expect((list[1] as! [String: Any])["z"] as? String == "w")
        #expect(nested["n"] as? Int == 3)
    }

    @Test func editedTemplateErrorsNameFileAndLine() throws {
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Hello {{title}}\n{{#kpis}}\n{{label}}\n".write(toFile: folder + "/summary.txt.mustache", atomically: true, encoding: .utf8)
        try "<p>{{title}}</p>".write(toFile: folder + "/summary.html.mustache", atomically: true, encoding: .utf8)
        let report = try ReportFixtures.sampleReport()
        #expect {
            try SummaryRenderer(report: report, attachments: [], templateFolder: folder)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("summary.txt.mustache line") && text.contains(folder)
        }
        try "Hello {{title}} for @{{handle}}\n".write(toFile: folder + "/summary.txt.mustache", atomically: true, encoding: .utf8)
        #expect(try SummaryRenderer(report: report, attachments: [], templateFolder: folder).text() == "Hello Engagement report for @northwind_roasters\n")
    }

    @Test func emlParsesWithPythonAndCarriesEveryFile() throws {
        let report = try ReportFixtures.sampleReport()
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = [("a.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data((0..<5000).map { UInt8($0 % 251) })),
                     ("b.png", "image/png", Data("png bytes".utf8))]
        let message = EmailMessage.build(report: report, to: [EmailAddress("team@example.com")!], from: EmailAddress("engage@localhost")!,
                                         text: "Plain body ✓\n", html: "<p>HTML body</p>",
                                         attachments: files.map { (name: $0.0, mime: $0.1, data: $0.2) })
        try message.write(to: URL(filePath: folder + "/m.eml"))
        let parsed = try Reader.python("read_email.py", [folder + "/m.eml"])
        #expect(parsed["subject"] as? String == "Engagement report: @northwind_roasters \(report.periodText)")
        #expect(parsed["to"] as? String == "team@example.com")
        #expect(parsed["parts"] as? [String] == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "image/png"])
        let hashes = parsed["attachments"] as? [String: String] ?? [:]
        for (name, _, data) in files { #expect(hashes[name] == Manifest.sha256Hex(data)) }
        #expect(parsed["text"] as? String == "Plain body ✓\n")
        #expect(parsed["defects"] as? [String] == [])
        let again = EmailMessage.build(report: report, to: [EmailAddress("team@example.com")!], from: EmailAddress("engage@localhost")!, text: "Plain body ✓\n",
                                       html: "<p>HTML body</p>", attachments: files.map { (name: $0.0, mime: $0.1, data: $0.2) })
        #expect(again == message)
    }
}
