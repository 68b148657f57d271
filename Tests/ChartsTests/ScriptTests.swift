@testable import Charts
import Foundation
import Testing

/// Text in many scripts is drawn with real glyphs (no boxes) on PNG and PDF, the PDF keeps it as
/// text, and cut text ends at a grapheme boundary. Needs the fonts `make setup` installs
/// (fonts-dejavu-core, fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji).
@Suite struct ScriptTests {
    /// One string per script or emoji sequence kind, with what it tests.
    static let samples: [(name: String, text: String)] = [
        ("latin-combining", "Cafe\u{301} nai\u{308}ve Zoe\u{308} Ångström"),
        ("japanese", "新しいコーヒー豆が入荷しました"),
        ("korean", "새로운 커피 원두가 도착했습니다"),
        ("chinese", "新咖啡豆已经到货"),
        ("arabic", "وصلت حبوب القهوة الجديدة"),
        ("hebrew", "פולי קפה חדשים הגיעו"),
        ("thai", "เมล็ดกาแฟใหม่มาถึงแล้ว"),
        ("devanagari", "नई कॉफ़ी बीन्स आ गई हैं"),
        ("emoji-zwj-family", "family 👨‍👩‍👧‍👦"),
        ("emoji-skin-tone", "thumbs 👍🏽 wave 👋🏿"),
        ("emoji-flag", "flags 🇯🇵 🇧🇷 🇩🇪"),
        ("emoji-keycap", "keycaps 1️⃣ #️⃣"),
        ("emoji-demo", "Fresh roast ✨🔥☕"),
    ]
    static let style = TextStyle(size: 12)

    @Test func everySampleHasAFontForEveryCharacter() throws {
        let canvas = try PNGImage(width: 10, height: 10).canvas
        for sample in Self.samples {
            #expect(canvas.missingCharacters(in: sample.text, style: Self.style).isEmpty, "\(sample.name) has boxes")
        }
    }

    @Test func aCharacterNoFontHasIsReportedOnce() throws {
        let canvas = try PNGImage(width: 10, height: 10).canvas
        let missing = canvas.missingCharacters(in: "a\u{10FFFD}b\u{10FFFD} c\u{E0080}", style: Self.style)
        #expect(missing.map(\.value) == [0x10FFFD])
        #expect(canvas.missingCharacters(in: "", style: Self.style).isEmpty)
    }

    @Test func everySampleDrawsIntoPNGWithoutBoxes() throws {
        let dir = try TempDir()
        let image = try PNGImage(width: 420, height: 24 * Double(Self.samples.count) + 10, scale: 2)
        for (i, sample) in Self.samples.enumerated() {
            image.canvas.drawText(sample.text, at: CGPoint(x: 10, y: 24 * Double(i + 1)), style: Self.style)
            #expect(image.canvas.textLayout.missingCharacters.isEmpty, "\(sample.name) drawn with boxes")
        }
        let path = dir.file("scripts.png")
        try image.write(to: path)
        try PNGChecks.expectChartPNG(at: path, width: 840, height: image.pixelHeight)
    }

    @Test func everySampleIsRealTextInThePDF() throws {
        let dir = try TempDir()
        let path = dir.file("scripts.pdf")
        let pdf = try PDFDocument(path: path, metadata: .init(creationDate: "2026-01-01T00:00:00Z"))
        for (i, sample) in Self.samples.enumerated() {
            pdf.canvas.drawText(sample.text, at: CGPoint(x: 40, y: 60 + 30 * Double(i)), style: Self.style)
            #expect(pdf.canvas.textLayout.missingCharacters.isEmpty, "\(sample.name) drawn with boxes")
        }
        try pdf.close()
        if let preview = ProcessInfo.processInfo.environment["CHARTS_PREVIEW_DIR"] {
            try? FileManager.default.removeItem(atPath: preview + "/scripts.pdf")
            try FileManager.default.copyItem(atPath: path, toPath: preview + "/scripts.pdf")
        }
        let text = Self.normalized(try poppler("pdftotext", [path, "-"]))
        for sample in Self.samples where !sample.name.hasPrefix("emoji") {
            #expect(text.contains(Self.normalized(sample.text)), "pdftotext lacks \(sample.name)")
        }
        // Cairo 1.16 draws colour emoji as images (as the issue allows): the words around them
        // stay text, and the emoji are there as pictures.
        for sample in Self.samples where sample.name.hasPrefix("emoji") {
            let words = sample.text.unicodeScalars.filter { $0.isASCII }.map(String.init).joined()
                .split(separator: " ").filter { $0.allSatisfy(\.isLetter) }
            for word in words { #expect(text.contains(word), "pdftotext lacks \(word) of \(sample.name)") }
        }
        let images = try poppler("pdfimages", ["-list", path]).split(separator: "\n").count - 2
        #expect(images >= 10, "colour emoji drawn as images")
        let fonts = try poppler("pdffonts", [path])
        #expect(fonts.contains("NotoSansCJK") && fonts.contains("DejaVuSans"), "subset fonts embedded:\n\(fonts)")
    }

    /// pdftotext gives composed characters where the input had combining marks, and may put
    /// emoji variation selectors and joiners differently; compare in NFC without those.
    static func normalized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.precomposedStringWithCanonicalMapping.unicodeScalars.filter {
            !(0xFE00...0xFE0F).contains($0.value) && $0.value != 0x200D
        }))
    }

    // MARK: Truncation property

    /// Pieces random text is made of: whole grapheme clusters of many kinds, and spaces.
    static let pieces: [String] = [
        "e\u{301}", "a\u{308}\u{304}", "o", "Straße", " ", " ", "新", "しい", "コーヒー", "커피", "원두",
        "咖啡", "القهوة", "حبوب", "קפה", "חדשים", "กำ", "แฟ", "ใหม่", "नई", "क्षि", "कॉफ़ी",
        "👨‍👩‍👧‍👦", "👍🏽", "🇯🇵", "1️⃣", "#️⃣", "✨", "🔥", "☕", "🏳️‍🌈", "123",
    ]

    /// Cut text ends between grapheme clusters as Swift counts them (its own Unicode tables, not
    /// Pango's), and what shows is no wider than asked.
    @Test func truncationCutsBetweenGraphemes() throws {
        let canvas = try PNGImage(width: 10, height: 10).canvas
        var rng = SplitMix64(seed: 18)
        var cuts = 0
        for _ in 0..<400 {
            let count = 1 + Int(rng.next() % 30)
            let text = (0..<count).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined()
            let width = 20 + Double(rng.next() % 300)
            let drawn = canvas.drawText(text, at: CGPoint(x: 0, y: 10), style: Self.style, maxWidth: width)
            #expect(drawn <= width + 1e-6)
            guard let hidden = canvas.textLayout.hiddenFrom else {
                #expect(canvas.width(of: text, style: Self.style) <= width + 1e-6, "nothing hidden yet too wide")
                continue
            }
            cuts += 1
            let boundaries = Set(text.indices.map { text.utf8.distance(from: text.startIndex, to: $0) } + [text.utf8.count])
            #expect(boundaries.contains(hidden), "cut at byte \(hidden) inside a grapheme of \(text.debugDescription)")
        }
        #expect(cuts > 100, "the widths cut most strings")
    }
}
