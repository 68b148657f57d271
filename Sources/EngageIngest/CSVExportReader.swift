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
        let text = try DecodedText(input)
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
            throw malformed(error, path: path, header: [])
        }
        guard !header.isEmpty else { throw .nothingParseable(path: path, reason: "the file is empty") }
        let mapping: HeaderMapping
        switch HeaderMapping.match(header: header) {
        case .success(let m): mapping = m
        case .failure(let noMatch):
            throw .unknownHeader(path: path, columns: header.map(\.trimmingSpaces),
                                 closest: noMatch.closest, missing: noMatch.missing)
        }
        var decoder = RowDecoder(path: path, mapping: mapping, decimalComma: dialect.usesDecimalComma)
        do {
            // After a sample of records, reserve room for the rest from their average size.
            let sampleSize = 1024
            let bodyStart = scanner.position
            var records = 0
            while try scanner.next() {
                decoder.decode(scanner)
                records += 1
                if records == sampleSize {
                    let averageBytes = max(1, (scanner.position - bodyStart) / sampleSize)
                    decoder.reserve((text.bytes.count - scanner.position) / averageBytes * 11 / 10)
                }
            }
        } catch {
            throw malformed(error, path: path, header: mapping.names)
        }
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
                                  sha256: input.sha256Hex(), bytes: input.bytes.count)
        return ExportFile(input: inputFile, variant: variant, posts: decoder.posts, daily: decoder.daily,
                          issues: issues, handle: decoder.handle ?? name.handle, windowEnd: name.windowEnd)
    }

    private static func malformed(_ error: CSVSyntaxError, path: String, header: [String]) -> IngestError {
        let column = error.field >= 1 && error.field <= header.count
            ? "\"\(header[error.field - 1])\"" : "\(error.field)"
        return .malformedCSV(path: path, line: error.line, column: column, reason: error.reason)
    }
}
