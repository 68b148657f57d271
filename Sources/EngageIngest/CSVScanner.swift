#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One field of a CSV record: a byte range of the scanned text, quotes removed.
struct CSVField: Sendable, Equatable {
    /// Offset of the first content byte (after an opening quote).
    var start: Int
    /// Offset just past the last content byte (before a closing quote).
    var end: Int
    /// True when the field was quoted and holds doubled quotes (`""`) that stand for one `"`.
    var hasDoubledQuotes: Bool

    /// Number of content bytes (doubled quotes counted twice).
    var count: Int { end - start }
}

/// A broken CSV structure found by ``CSVScanner``.
struct CSVSyntaxError: Error, Sendable, Equatable {
    /// 1-based physical line of the problem.
    var line: Int
    /// 1-based field number within the record.
    var field: Int
    /// Byte offset in the scanned text.
    var offset: Int
    /// Plain-words reason.
    var reason: String
}

/// A streaming RFC 4180 reader over UTF-8 bytes.
///
/// Each call to ``next()`` finds one record and leaves its fields in ``fields`` as byte
/// ranges (no copying, no `String`s), with ``recordLine``, the 1-based physical line the record
/// starts on. Quoted fields may hold separators, doubled quotes and line breaks; records end at
/// LF, CRLF or a lone CR; a missing final line break is fine. A quote inside an unquoted field
/// is kept as a literal character (spreadsheets write such fields); a quoted field followed by
/// anything but a separator or line break, or never closed, is a ``CSVSyntaxError``.
///
/// ```swift
/// var scanner = CSVScanner(bytes, separator: UInt8(ascii: ","))
/// while try scanner.next() { print(scanner.recordLine, scanner.fields.count) }
/// ```
struct CSVScanner {
    /// The text being scanned.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The field separator: `,`, `;` or tab.
    let separator: UInt8
    /// Fields of the current record.
    private(set) var fields: [CSVField] = []
    /// 1-based physical line where the current record starts.
    private(set) var recordLine = 0
    /// Byte offset where the current record starts.
    private(set) var recordOffset = 0
    /// Byte offset of the next unread byte.
    private(set) var position = 0
    /// 1-based physical line at ``position``.
    private(set) var line = 1

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Creates a scanner at byte `start` of `bytes`, which is on physical line `line`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, start: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.separator = separator
        self.position = start
        self.line = line
        fields.reserveCapacity(64)
    }

    /// Reads the next record into ``fields``; `false` at the end of the text.
    ///
    /// An empty line yields a record with one empty field.
    mutating func next() throws(CSVSyntaxError) -> Bool {
        guard let base = bytes.baseAddress, position < bytes.count else { return false }
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        let sep = separator
        // Bytes above this value can be neither separator, quote nor line break.
        let plainAbove = max(sep, CSVScanner.quote)
        var p = position
        var line = self.line
        recordLine = line
        recordOffset = p
        defer { self.line = line; self.position = p }

        while true {
            if p < n && base[p] == CSVScanner.quote {
                let openLine = line, openOffset = p
                p += 1
                let start = p
                var doubled = false
                let raw = UnsafeRawPointer(base)
                while true {
                    // Eight bytes at a time to the next quote or line break (long post texts).
                    while p + 8 <= n {
                        let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                        let hits = CSVScanner.bytes(equalTo: CSVScanner.quote, in: word)
                            | CSVScanner.bytes(equalTo: CSVScanner.lf, in: word)
                            | CSVScanner.bytes(equalTo: CSVScanner.cr, in: word)
                        if hits != 0 { p += hits.trailingZeroBitCount >> 3; break }
                        p += 8
                    }
                    while p < n && base[p] > CSVScanner.quote { p += 1 }
                    guard p < n else {
                        throw CSVSyntaxError(line: openLine, field: fields.count + 1, offset: openOffset,
                                             reason: "quoted field opened here is never closed")
                    }
                    let b = base[p]
                    if b == CSVScanner.quote {
                        if p + 1 < n && base[p + 1] == CSVScanner.quote {
                            doubled = true
                            p += 2
                            continue
                        }
                        break
                    }
                    if b == CSVScanner.lf {
                        line += 1
                    } else if b == CSVScanner.cr && (p + 1 == n || base[p + 1] != CSVScanner.lf) {
                        line += 1
                    }
                    p += 1
                }
                fields.append(CSVField(start: start, end: p, hasDoubledQuotes: doubled))
                p += 1
                guard p < n else { return true }
                let after = base[p]
                if after == sep { p += 1; continue }
                if after == CSVScanner.lf { p += 1; line += 1; return true }
                if after == CSVScanner.cr {
                    p += 1
                    if p < n && base[p] == CSVScanner.lf { p += 1 }
                    line += 1
                    return true
                }
                throw CSVSyntaxError(line: line, field: fields.count, offset: p,
                                     reason: "unexpected \(CSVScanner.describe(after)) after a closing quote "
                                         + "(a quote inside a quoted field must be doubled)")
            } else {
                let start = p
                while p < n {
                    let b = base[p]
                    if b > plainAbove { p += 1; continue }
                    if b == sep || b == CSVScanner.lf || b == CSVScanner.cr { break }
                    p += 1
                }
                fields.append(CSVField(start: start, end: p, hasDoubledQuotes: false))
                guard p < n else { return true }
                let b = base[p]
                p += 1
                if b == sep { continue }
                if b == CSVScanner.cr && p < n && base[p] == CSVScanner.lf { p += 1 }
                line += 1
                return true
            }
        }
    }

    /// The content of `field` as a `String`, doubled quotes undone. The text must be valid UTF-8.
    func string(_ field: CSVField) -> String {
        CSVScanner.string(field, in: bytes, decodingEntities: false)
    }

    /// Post text: the content of `field`, doubled quotes undone, the HTML entities X's
    /// exports leave in post text (`&amp;`, `&lt;`, `&gt;`) decoded and CRLF line breaks
    /// (from spreadsheet re-saves) made LF as X writes them, in one pass.
    func text(_ field: CSVField) -> String {
        CSVScanner.string(field, in: bytes, decodingEntities: true)
    }

    /// The content of `field` in `bytes` as a `String`, doubled quotes undone and, when asked,
    /// `&amp;` `&lt;` `&gt;` decoded and CRLF made LF.
    static func string(_ field: CSVField, in bytes: UnsafeBufferPointer<UInt8>, decodingEntities: Bool) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        let hasEntities = decodingEntities && slice.count > 0
            && memchr(slice.baseAddress!, Int32(UInt8(ascii: "&")), slice.count) != nil
        let hasCR = decodingEntities && slice.count > 0 && memchr(slice.baseAddress!, 13, slice.count) != nil
        guard field.hasDoubledQuotes || hasEntities || hasCR else { return String(decoding: slice, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: slice.count) { out in
            var k = 0, i = 0
            let n = slice.count
            while i < n {
                let b = slice[i]
                if b == quote && i + 1 < n && slice[i + 1] == quote {
                    out[k] = quote; k += 1; i += 2
                    continue
                }
                if hasCR && b == 13 && i + 1 < n && slice[i + 1] == 10 {
                    i += 1
                    continue
                }
                if hasEntities && b == UInt8(ascii: "&") {
                    if let (replacement, length) = entity(slice, at: i) {
                        out[k] = replacement; k += 1; i += length
                        continue
                    }
                }
                out[k] = b; k += 1; i += 1
            }
            return k
        }
    }

    /// The entity starting at `i` (`&amp;`, `&lt;`, `&gt;`) and its length.
    private static func entity(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt8, Int)? {
        func matches(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= s.count else { return false }
            for j in 0..<count where s[i + j] != word.utf8Start[j] { return false }
            return true
        }
        if matches("&amp;") { return (UInt8(ascii: "&"), 5) }
        if matches("&lt;") { return (UInt8(ascii: "<"), 4) }
        if matches("&gt;") { return (UInt8(ascii: ">"), 4) }
        return nil
    }

    /// The raw bytes of `field` (doubled quotes not undone: numbers never hold quotes).
    @inline(__always)
    func slice(_ field: CSVField) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
    }

    /// The high bit of every byte of `word` that equals `byte` (exact: no carries between bytes).
    @inline(__always)
    private static func bytes(equalTo byte: UInt8, in word: UInt64) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let t = ((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x
        return ~t & 0x8080_8080_8080_8080
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "\"\(Character(Unicode.Scalar(byte)))\"" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
