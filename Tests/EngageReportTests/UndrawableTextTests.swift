import EngageModel
import Foundation
import Testing
@testable import EngageReport

/// A post with a character no installed font has still gets a report: it is drawn with boxes and
/// listed once as a `text not drawn` data issue, on the DataIssues sheet and the PDF's issues page.
@Suite struct UndrawableTextTests {
    /// Posts in many scripts (all drawable) and one with U+10FFFD, a private-use character no font has.
    static func report(folder: String) throws -> ReportDraft {
        let texts = ["新しいコーヒー豆が入荷しました ✨🔥☕", "وصلت حبوب القهوة الجديدة", "เมล็ดกาแฟใหม่มาถึงแล้ว",
                     "नई कॉफ़ी बीन्स 👨‍👩‍👧‍👦", "새로운 커피 원두 🇰🇷", "Cafe\u{301} 1️⃣ 👍🏽",
                     "Secret menu \u{10FFFD}\u{10FFFD} tonight"]
        let start = Date(timeIntervalSince1970: 1_760_000_000)
        let posts = texts.enumerated().map { i, text -> Post in
            var values = MetricValues()
            values[.impressions] = Int64(1_000 + i * 100)
            values[.engagements] = Int64(50 + i * 10)  // the undrawable post ranks first
            return Post(id: 1_950_000_000_000_000_000 + UInt64(i), text: text, postedAt: start.addingTimeInterval(Double(i) * 3_600),
                        timeSource: .snowflake, metrics: values, origin: SourceLocation(file: "scripts.csv", line: i + 2))
        }
        var options = ReportOptions()
        options.generator = "engage test"
        options.outputFolder = folder
        return try ReportDraft(dataset: Dataset(posts: posts, daily: [], inputs: [], issues: [], handle: "scripts"), options: options)
    }

    @Test func undrawableCharactersAreOneIssuePerPostInWorkbookAndPDF() throws {
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try ReportWriter(draft: Self.report(folder: folder)).write()
        let issues = result.report.issues.filter { $0.kind == .textNotDrawn }
        #expect(issues.count == 1, "the post is in several top lists but listed once")
        #expect(issues.first?.postID == 1_950_000_000_000_000_006)
        #expect(issues.first?.location == SourceLocation(file: "scripts.csv", line: 8))
        #expect(issues.first?.reason.contains("U+10FFFD") == true)
        #expect(issues.first?.reason.contains("U+10FFFD, U+10FFFD") == false, "each character once")

        let base = folder + "/" + result.report.baseName
        let book = try Reader.python("read_workbook.py", [base + ".xlsx"])
        let sheet = (book["texts"] as? [String: [String]])?["DataIssues"] ?? []
        #expect(sheet.filter { $0 == "text not drawn" }.count == 1)
        #expect(sheet.contains { $0.contains("post 1950000000000000006") && $0.contains("U+10FFFD") })

        let pdf = try Reader.run("pdftotext", [base + ".pdf", "-"])
        #expect(pdf.contains("text not drawn"))
        #expect(pdf.contains("U+10FFFD"))
        #expect(pdf.contains("1 post with characters no installed font has"))
        for text in ["新しいコーヒー豆が入荷しました", "وصلت حبوب القهوة الجديدة", "เมล็ดกาแฟใหม่มาถึงแล้ว", "새로운 커피 원두"] {
            #expect(pdf.contains(text), "PDF lacks \(text)")
        }
        #expect(try Reader.run("pdffonts", [base + ".pdf"]).contains("DejaVuSans"))
    }

    /// The template's `font` becomes the primary font of the PDF (and the charts).
    @Test func theChosenFontIsThePrimaryFont() throws {
        let folder = ReportFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var draft = try Self.report(folder: folder)
        draft.options.fontFamily = "Noto Serif"
        draft.options.formats = [.pdf]
        let result = try ReportWriter(draft: draft).write()
        let fonts = try Reader.run("pdffonts", [folder + "/" + result.report.baseName + ".pdf"])
        #expect(fonts.contains("NotoSerif"), "\(fonts)")
        #expect(!fonts.contains("DejaVuSans-Bold"), "headings in the chosen font too")
    }
}
