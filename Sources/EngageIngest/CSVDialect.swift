/// How a CSV file is laid out: separator, line ends, final newline.
///
/// The separator is the one of `,` `;` and tab that occurs most often outside quotes in the
/// header line (ties and none: `,`). A first line `sep=;`, which Excel writes and reads, sets
/// the separator and is skipped.
struct CSVDialect: Sendable, Equatable {
    /// `,`, `;` or tab.
    var separator: UInt8
    /// `LF`, `CRLF` or `CR`, from the first line end.
    var lineEnding: String
    /// True when the last byte ends a line.
    var hasFinalNewline: Bool
    /// Bytes to skip before the header (a `sep=` line).
    var headerOffset: Int
    /// True when the separator came from a `sep=` line.
    var declared: Bool

    /// True for `;` files, where `,` is the decimal mark (European spreadsheets).
    var usesDecimalComma: Bool { separator == UInt8(ascii: ";") }

    /// E.g. `',' separated, LF` or `tab separated, CRLF, no final newline`.
    var description: String {
        let sep = separator == 9 ? "tab" : "'\(Character(Unicode.Scalar(separator)))'"
        return "\(sep) separated, \(lineEnding)" + (hasFinalNewline ? "" : ", no final newline")
    }

    /// Detects the dialect of `bytes` (UTF-8 text without byte order mark).
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVDialect {
        var headerOffset = 0
        var declared: UInt8?
        // `sep=X` followed by a line end.
        if bytes.count >= 5, Array(bytes[0..<4]).map({ $0 | 0x20 }) == Array("sep=".utf8),
           bytes.count == 5 || bytes[5] == 10 || bytes[5] == 13 {
            declared = bytes[4]
            headerOffset = 5
            if headerOffset < bytes.count && bytes[headerOffset] == 13 { headerOffset += 1 }
            if headerOffset < bytes.count && bytes[headerOffset] == 10 { headerOffset += 1 }
        }
        var commas = 0, semicolons = 0, tabs = 0
        var quoted = false
        var i = headerOffset
        var lineEnding = "LF"
        var sawLineEnd = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted {
                if b == UInt8(ascii: ",") { commas += 1 }
                else if b == UInt8(ascii: ";") { semicolons += 1 }
                else if b == 9 { tabs += 1 }
                else if b == 10 { lineEnding = "LF"; sawLineEnd = true; break }
                else if b == 13 {
                    lineEnding = i + 1 < bytes.count && bytes[i + 1] == 10 ? "CRLF" : "CR"
                    sawLineEnd = true
                    break
                }
            }
            i += 1
        }
        if !sawLineEnd { lineEnding = "single line" }
        var separator = UInt8(ascii: ",")
        if let declared {
            separator = declared
        } else if semicolons > commas && semicolons >= tabs {
            separator = UInt8(ascii: ";")
        } else if tabs > commas && tabs > semicolons {
            separator = 9
        }
        let last = bytes.last
        return CSVDialect(separator: separator, lineEnding: lineEnding,
                          hasFinalNewline: last == 10 || last == 13, headerOffset: headerOffset,
                          declared: declared != nil)
    }
}
