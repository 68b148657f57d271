import Testing
@testable import EngageIngest

/// One hand-written scanner case: input text, expected records and their start lines.
struct ScanCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var separator: Character = ","
    var records: [[String]]
    var lines: [Int]
    var testDescription: String { name }
}

@Suite("CSV scanner")
struct CSVScannerTests {
    static let cases: [ScanCase] = [
        ScanCase(name: "plain LF", text: "a,b,c\n1,2,3\n", records: [["a", "b", "c"], ["1", "2", "3"]], lines: [1, 2]),
        ScanCase(name: "no final newline", text: "a,b\n1,2", records: [["a", "b"], ["1", "2"]], lines: [1, 2]),
        ScanCase(name: "CRLF", text: "a,b\r\n1,2\r\n", records: [["a", "b"], ["1", "2"]], lines: [1, 2]),
        ScanCase(name: "lone CR line ends", text: "a\rb\r", records: [["a"], ["b"]], lines: [1, 2]),
        ScanCase(name: "quoted separator", text: "\"a,b\",c\n", records: [["a,b", "c"]], lines: [1]),
        ScanCase(name: "doubled quotes", text: "\"say \"\"hi\"\"\",x\n", records: [["say \"hi\"", "x"]], lines: [1]),
        ScanCase(name: "only a doubled quote", text: "\"\"\"\"\n", records: [["\""]], lines: [1]),
        ScanCase(name: "embedded LF", text: "\"l1\nl2\",x\nnext,y\n", records: [["l1\nl2", "x"], ["next", "y"]], lines: [1, 3]),
        ScanCase(name: "embedded CRLF", text: "\"l1\r\nl2\r\nl3\",x\r\nn,y", records: [["l1\r\nl2\r\nl3", "x"], ["n", "y"]], lines: [1, 4]),
        ScanCase(name: "embedded lone CR", text: "\"a\rb\",x\nn\n", records: [["a\rb", "x"], ["n"]], lines: [1, 3]),
        ScanCase(name: "empty fields", text: ",,\n", records: [["", "", ""]], lines: [1]),
        ScanCase(name: "trailing separator", text: "a,\n", records: [["a", ""]], lines: [1]),
        ScanCase(name: "trailing separator at end of text", text: "a,b,", records: [["a", "b", ""]], lines: [1]),
        ScanCase(name: "empty quoted field", text: "\"\",x\n", records: [["", "x"]], lines: [1]),
        ScanCase(name: "quoted last field at end of text", text: "a,\"b\"", records: [["a", "b"]], lines: [1]),
        ScanCase(name: "blank line is a one-field record", text: "a\n\nb\n", records: [["a"], [""], ["b"]], lines: [1, 2, 3]),
        ScanCase(name: "semicolon", text: "a;\"b;c\";1,5\n", separator: ";", records: [["a", "b;c", "1,5"]], lines: [1]),
        ScanCase(name: "tab", text: "a\tb c\t\"d\te\"\r\n", separator: "\t", records: [["a", "b c", "d\te"]], lines: [1]),
        ScanCase(name: "quote inside unquoted field is literal", text: "ab\"c,d\n", records: [["ab\"c", "d"]], lines: [1]),
        ScanCase(name: "unicode", text: "\"日本,語\",🎉,é\n", records: [["日本,語", "🎉", "é"]], lines: [1]),
        ScanCase(name: "empty text", text: "", records: [], lines: []),
        ScanCase(name: "single newline", text: "\n", records: [[""]], lines: [1]),
    ]

    @Test("hand-written cases", arguments: cases)
    func handWritten(_ c: ScanCase) throws {
        let records = try scanRecords(c.text, separator: c.separator.asciiValue!)
        #expect(records.map(\.fields) == c.records)
        #expect(records.map(\.line) == c.lines)
    }

    /// Broken quoting: the error names the line and field.
    @Test("syntax errors", arguments: [
        ("\"abc", 1, 1, "never closed"),
        ("a,b\n\"x\"y,z\n", 2, 1, "after a closing quote"),
        ("h1,h2\n\"multi\nline\",\"q\"q\n", 3, 2, "after a closing quote"),
        ("h\n\"open\nstill open", 2, 1, "never closed"),
    ])
    func syntaxErrors(text: String, line: Int, field: Int, reason: String) {
        #expect {
            _ = try scanRecords(text)
        } throws: { error in
            guard let e = error as? CSVSyntaxError else { return false }
            return e.line == line && e.field == field && e.reason.contains(reason)
        }
    }

    /// Random records written by an independent RFC 4180 writer read back unchanged, with the
    /// start line of each record counted from the written text.
    @Test("random records round-trip", arguments: [UInt64(1), 2, 3, 42, 2026])
    func roundTrip(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let pieces = ["a", "Z", "0", "42", " ", "\"", "\"\"", ",", ";", "\t", "\n", "\r\n", "\r", "é", "日本", "🎉",
                      "&amp;", "-", "1.5E-4", "x y"]
        for separator in [",", ";", "\t"] {
            var expected: [[String]] = []
            var text = ""
            var lines: [Int] = []
            var line = 1
            let recordCount = Int.random(in: 1...60, using: &rng)
            let finalNewline = Bool.random(using: &rng)
            for r in 0..<recordCount {
                let fieldCount = Int.random(in: 1...8, using: &rng)
                var fields: [String] = []
                for _ in 0..<fieldCount {
                    let length = Int.random(in: 0...6, using: &rng)
                    fields.append((0..<length).map { _ in pieces.randomElement(using: &rng)! }.joined())
                }
                // A lone empty field would be written as a blank line: still one empty field.
                expected.append(fields)
                let written = fields.map { writeField($0, separator: separator, alwaysQuote: Bool.random(using: &rng)) }
                    .joined(separator: separator)
                lines.append(line)
                let ending = Bool.random(using: &rng) ? "\r\n" : "\n"
                let record = written + (r < recordCount - 1 || finalNewline ? ending : "")
                line += countLineBreaks(record)
                text += record
            }
            // A final record that is a single empty field without a line end writes nothing.
            if !finalNewline, expected.last == [""] {
                expected.removeLast()
                lines.removeLast()
            }
            let records = try scanRecords(text, separator: separator.utf8.first!)
            #expect(records.map(\.fields) == expected, "separator \(separator.debugDescription)")
            #expect(records.map(\.line) == lines, "separator \(separator.debugDescription)")
        }
    }

    /// The independent writer: quote when needed (or always), double every quote.
    private func writeField(_ field: String, separator: String, alwaysQuote: Bool) -> String {
        let needs = field.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 || $0 == separator.utf8.first! }
            || field.isEmpty && alwaysQuote
        guard needs || alwaysQuote else { return field }
        var out = "\""
        for scalar in field.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// Physical line breaks in `text`: CRLF, lone LF and lone CR each count once.
    private func countLineBreaks(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        var count = 0
        for (i, b) in bytes.enumerated() {
            if b == 10 { count += 1 } else if b == 13 && (i + 1 == bytes.count || bytes[i + 1] != 10) { count += 1 }
        }
        return count
    }
}
