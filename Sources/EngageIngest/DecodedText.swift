/// The text encoding an input file was written in.
enum SourceEncoding: Sendable, Equatable, CustomStringConvertible {
    /// UTF-8 without a byte order mark (what X writes).
    case utf8
    /// UTF-8 with a byte order mark (spreadsheets re-saving as "CSV UTF-8").
    case utf8WithBOM
    /// UTF-16 little-endian; `bom` false when detected from the NUL pattern alone.
    case utf16LE(bom: Bool)
    /// UTF-16 big-endian with a byte order mark.
    case utf16BE

    /// E.g. `UTF-16LE with BOM`.
    var description: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf8WithBOM: "UTF-8 with BOM"
        case .utf16LE(let bom): bom ? "UTF-16LE with BOM" : "UTF-16LE without BOM"
        case .utf16BE: "UTF-16BE with BOM"
        }
    }
}

/// An input's text as validated UTF-8 bytes, byte order mark removed.
///
/// UTF-8 inputs are used in place (no copy); UTF-16 inputs, rare and small, are transcoded
/// to UTF-8 up front. Invalid bytes are an error naming the byte offset in the original file.
final class DecodedText: @unchecked Sendable {
    // @unchecked: immutable after init; `bytes` points into `source` or into `owned`.

    /// The file the text came from.
    let source: InputBytes
    /// What the file was encoded in.
    let encoding: SourceEncoding
    /// UTF-8 bytes of the text, without a byte order mark.
    let bytes: UnsafeBufferPointer<UInt8>

    private let owned: UnsafeMutableBufferPointer<UInt8>?

    /// Releases the mapped file pages behind `offset` of ``bytes`` (see ``InputBytes/release(upTo:)``);
    /// nothing for transcoded text, which lives in memory of its own.
    func release(upTo offset: Int) { release(from: 0, upTo: offset) }

    /// ``release(upTo:)`` for `bytes[start..<offset]`.
    func release(from start: Int, upTo offset: Int) {
        if owned == nil { source.release(from: start == 0 ? 0 : bomLength + start, upTo: bomLength + offset) }
    }

    /// Bytes of the original file before ``bytes`` (the UTF-8 byte order mark), for offsets.
    var bomLength: Int { encoding == .utf8WithBOM ? 3 : 0 }

    /// True when ``bytes`` still need ``validateUTF8(_:range:bomLength:path:)`` (UTF-8 inputs read
    /// with `validate: false`; transcoded UTF-16 is valid by construction).
    let needsValidation: Bool

    /// Detects the encoding of `source` and provides UTF-8; validates UTF-8 input unless
    /// `validate` is false (the caller then validates, e.g. in parallel with parsing).
    ///
    /// - Throws: ``IngestError/undecodable(path:line:byteOffset:encoding:detail:)`` for invalid bytes.
    init(_ source: InputBytes, validate: Bool = true) throws(IngestError) {
        self.source = source
        let raw = source.bytes.bindMemory(to: UInt8.self)
        let n = raw.count
        if n >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF {
            encoding = .utf8WithBOM
            bytes = UnsafeBufferPointer(rebasing: raw[3...])
            owned = nil
            needsValidation = !validate
            if validate { try DecodedText.validateUTF8(bytes, range: 0..<bytes.count, bomLength: 3, path: source.path) }
        } else if n >= 2, raw[0] == 0xFF, raw[1] == 0xFE {
            encoding = .utf16LE(bom: true)
            owned = try DecodedText.transcodeUTF16(raw, from: 2, littleEndian: true, path: source.path)
            bytes = UnsafeBufferPointer(owned!)
            needsValidation = false
        } else if n >= 2, raw[0] == 0xFE, raw[1] == 0xFF {
            encoding = .utf16BE
            owned = try DecodedText.transcodeUTF16(raw, from: 2, littleEndian: false, path: source.path)
            bytes = UnsafeBufferPointer(owned!)
            needsValidation = false
        } else if n >= 4, raw[0] != 0, raw[1] == 0, raw[2] != 0, raw[3] == 0 {
            encoding = .utf16LE(bom: false)
            owned = try DecodedText.transcodeUTF16(raw, from: 0, littleEndian: true, path: source.path)
            bytes = UnsafeBufferPointer(owned!)
            needsValidation = false
        } else {
            encoding = .utf8
            bytes = raw
            owned = nil
            needsValidation = !validate
            if validate { try DecodedText.validateUTF8(bytes, range: 0..<bytes.count, bomLength: 0, path: source.path) }
        }
    }

    deinit { owned?.deallocate() }

    /// Checks that `text[range]` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
    /// nothing above U+10FFFF); ASCII runs are checked eight bytes at a time. `text` is the whole
    /// file after a BOM of `bomLength` bytes, so that an error can name the line and byte offset.
    static func validateUTF8(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>, bomLength: Int,
                             path: String) throws(IngestError) {
        guard let found = firstInvalidUTF8(UnsafeBufferPointer(rebasing: text[range])) else { return }
        let bad = range.lowerBound + found
        let shown = text[bad..<min(text.count, bad + 4)].map { "0x" + hex($0) }.joined(separator: " ")
        let line = 1 + text[0..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        throw .undecodable(path: path, line: line, byteOffset: bomLength + bad, encoding: "UTF-8",
                           detail: "bytes \(shown) do not form a character")
    }

    /// Offset of the first byte that starts an invalid UTF-8 sequence, or `nil`.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII, the bulk of any export, 32 bytes at a time.
            if i + 32 <= n {
                let words = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if words & 0x8080_8080_8080_8080 == 0 {
                    i += 32
                    continue
                }
            }
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let lead = base[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let second = base[i + 1]
            guard second >= low, second <= high else { return i }
            for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// UTF-16 code units from `start` on, as UTF-8; unpaired surrogates and an odd byte
    /// count are errors naming the byte offset.
    private static func transcodeUTF16(_ raw: UnsafeBufferPointer<UInt8>, from start: Int, littleEndian: Bool,
                                       path: String) throws(IngestError) -> UnsafeMutableBufferPointer<UInt8> {
        let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
        func unit(_ at: Int) -> UInt32 {
            littleEndian ? UInt32(raw[at]) | UInt32(raw[at + 1]) << 8 : UInt32(raw[at]) << 8 | UInt32(raw[at + 1])
        }
        /// The line holding the code unit at byte `at`, counting line feeds before it.
        func line(at: Int) -> Int {
            var count = 1
            for k in stride(from: start, to: at - 1, by: 2) where unit(k) == 0x0A { count += 1 }
            return count
        }
        if (raw.count - start) % 2 != 0 {
            throw .undecodable(path: path, line: line(at: raw.count - 1), byteOffset: raw.count - 1, encoding: name,
                               detail: "the file ends in the middle of a character")
        }
        var out = [UInt8]()
        out.reserveCapacity((raw.count - start) * 3 / 2)
        var i = start
        while i < raw.count {
            var scalar = unit(i)
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard i + 3 < raw.count else {
                    throw .undecodable(path: path, line: line(at: i), byteOffset: i, encoding: name,
                                       detail: "unpaired surrogate")
                }
                let low = unit(i + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw .undecodable(path: path, line: line(at: i), byteOffset: i, encoding: name,
                                       detail: "unpaired surrogate")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                i += 4
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw .undecodable(path: path, line: line(at: i), byteOffset: i, encoding: name,
                                       detail: "unpaired surrogate")
            } else {
                i += 2
            }
            appendUTF8(scalar, to: &out)
        }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: out.count)
        _ = buffer.initialize(from: out)
        return buffer
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
