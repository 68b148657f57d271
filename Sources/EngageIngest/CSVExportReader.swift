import EngageModel

/// Reads the CSV exports of X's analytics pages (every variant of ``ExportVariant``).
///
/// Steps: decode the bytes (UTF-8, UTF-8 with BOM, UTF-16 with BOM) → detect separator and
/// line ends from the header line → match the header to a variant → decode each record with
/// ``RowDecoder``. The file is scanned once, as bytes, without building a `String` of it.
enum CSVExportReader: ExportFormatReader {
    static func accepts(_ input: InputBytes) -> Bool { !input.looksLikeJSON }

    static func read(_ input: InputBytes) throws(IngestError) -> ExportFile {
        let path = input.path
        let text = try DecodedText(input, validate: false)
        let dialect = CSVDialect.detect(text.bytes)
        var scanner = CSVScanner(text.bytes, separator: dialect.separator, start: dialect.headerOffset,
                                 line: dialect.headerOffset > 0 ? 2 : 1)
        var header: [String] = []
        do {
            // Blank lines before the header are tolerated.
            while try scanner.next() {
                if scanner.fields.count == 1 && scanner.fields[0].count == 0 { continue }
                header = scanner.fields.map { scanner.string($0) }
                break
            }
        } catch {
            try validate(text, from: 0, to: text.bytes.count)
            throw malformed(error, path: path, header: [])
        }
        // Undecodable bytes in the header come before any complaint about the header.
        try validate(text, from: 0, to: scanner.position)
        guard !header.isEmpty else { throw .nothingParseable(path: path, reason: "the file is empty") }
        let mapping: HeaderMapping
        switch HeaderMapping.match(header: header) {
        case .success(let m): mapping = m
        case .failure(let noMatch):
            throw .unknownHeader(path: path, columns: header.map(\.trimmingSpaces),
                                 closest: noMatch.closest, missing: noMatch.missing)
        }

        // The body: decoded in parallel chunks while the file is hashed and the rest validated.
        let hash = Slots<String>(count: 1)
        let invalid = Slots<IngestError>(count: 1)
        let bodyStart = scanner.position
        var sideWork: [@Sendable () -> Void] = [{ hash[0] = input.sha256Hex() }]
        if text.needsValidation {
            sideWork.append { [text] in
                do throws(IngestError) { try validate(text, from: bodyStart, to: text.bytes.count) } catch { invalid[0] = error }
            }
        }
        let decimalComma = dialect.usesDecimalComma
        let textBytes = PostSource.TextBytes(text.bytes, owner: text, decode: { slice, doubledQuotes in
            CSVScanner.string(CSVField(start: 0, end: slice.count, hasDoubledQuotes: doubledQuotes), in: slice,
                              decodingEntities: true)
        }, release: { [text] in text.release(upTo: text.bytes.count) })
        let outcome = withExtendedLifetime(text) {
            ParallelBody.decode(text.bytes, bodyStart: bodyStart, bodyLine: scanner.line, separator: dialect.separator,
                                makeDecoder: { first in
                                    RowDecoder(path: path, mapping: mapping, decimalComma: decimalComma,
                                               includeHeaderNotes: first, textBytes: textBytes)
                                }, sideWork: sideWork, release: { [text] in text.release(from: $0.lowerBound, upTo: $0.upperBound) })
        }
        if let error = invalid[0] { throw error }
        if let error = outcome.error { throw malformed(error, path: path, header: mapping.names) }
        let decoder = outcome.decoder
        if decoder.accepted == 0 && decoder.skipped > 0 {
            let first = decoder.issues.first { $0.kind == .skippedRow }
            throw .nothingParseable(path: path, reason: "all \(decoder.skipped) rows were skipped; first: "
                + "\(first.map { "line \($0.location.line ?? 0): \($0.reason)" } ?? "")")
        }
        var issues = decoder.issues
        if decoder.accepted == 0 {
            issues.append(DataIssue(.warning, at: SourceLocation(file: path, line: nil), reason: "no data rows after the header"))
        }
        let name = ExportFileName(path: path)
        if let fromLinks = decoder.handle, let fromName = name.handle, fromLinks.lowercased() != fromName.lowercased() {
            issues.append(DataIssue(.warning, at: SourceLocation(file: path, line: nil),
                                    reason: "the file name says @\(fromName) but the post links say @\(fromLinks); @\(fromLinks) is used"))
        }
        let variant = mapping.layout.variant
        let inputFile = InputFile(path: path, variant: variant.displayName,
                                  encoding: "\(text.encoding), \(dialect.description)",
                                  rows: decoder.accepted, skipped: decoder.skipped,
                                  sha256: hash[0] ?? input.sha256Hex(), bytes: input.bytes.count)
        return ExportFile(input: inputFile, variant: variant, posts: decoder.posts, daily: decoder.daily,
                          issues: issues, handle: decoder.handle ?? name.handle, windowEnd: name.windowEnd)
    }

    /// Validates `text.bytes[from..<to]` as UTF-8 when the text still needs it.
    /// Validates in steps that end on a character boundary, releasing the pages checked.
    private static func validate(_ text: DecodedText, from: Int, to: Int) throws(IngestError) {
        guard text.needsValidation, from < to else { return }
        var start = from
        while start < to {
            var end = min(to, start + InputBytes.releaseStride)
            while end < to, end > start + 4, text.bytes[end] & 0xC0 == 0x80 { end -= 1 }
            try DecodedText.validateUTF8(text.bytes, range: start..<end, bomLength: text.bomLength, path: text.source.path)
            text.release(upTo: end)
            start = end
        }
    }

    private static func malformed(_ error: CSVSyntaxError, path: String, header: [String]) -> IngestError {
        let column = error.field >= 1 && error.field <= header.count
            ? "\"\(header[error.field - 1])\"" : "\(error.field)"
        return .malformedCSV(path: path, line: error.line, column: column, reason: error.reason)
    }
}
