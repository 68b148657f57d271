import EngageModel
import Foundation
import Testing
@testable import EngageIngest

/// Decoding in parallel chunks gives exactly what decoding in one piece gives.
@Suite("Parallel chunks")
struct ParallelBodyTests {
    /// A legacy-style file: all fields quoted, multi-line texts with doubled quotes, CRLF or LF,
    /// some junk rows; optionally a stray quote inside an unquoted field.
    private func makeText(seed: UInt64, rows: Int, crlf: Bool, strayQuote: Bool) -> String {
        var rng = SeededGenerator(seed: seed)
        let eol = crlf ? "\r\n" : "\n"
        var text = "\"Tweet id\",\"Tweet permalink\",\"Tweet text\",\"time\",\"impressions\",\"engagements\"" + eol
        for r in 0..<rows {
            let id = (UInt64(1_600_000_000_000 + r * 60_000) - 1_288_834_974_657) << 22
            let lines = Int.random(in: 0...3, using: &rng)
            let body = (0...lines).map { "line \($0) \"q\" \(r)" }.joined(separator: eol).replacing("\"", with: "\"\"")
            if r % 97 == 5 {
                text += "\"\",\"https://x.com/a/status/undefined\",\"\",\"\",\"0\",\"0\"" + eol
            } else if strayQuote && r == rows / 2 {
                text += "\(id),https://x.com/a/status/\(id),say \"hi,\"2020-09-13 12:26 +0000\",5,1" + eol
            } else {
                text += "\"\(id)\",\"https://x.com/a/status/\(id)\",\"\(body)\",\"2020-09-13 12:26 +0000\",\"\(r).0\",\"1.0\"" + eol
            }
        }
        return text
    }

    private func decode(_ text: String, minimumChunkBytes: Int) throws -> ParallelBody.Outcome {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer, separator: UInt8(ascii: ","))
            _ = try scanner.next()
            let header = scanner.fields.map { scanner.string($0) }
            guard case .success(let mapping) = HeaderMapping.match(header: header) else {
                throw CSVSyntaxError(line: 1, field: 1, offset: 0, reason: "header")
            }
            return ParallelBody.decode(buffer, bodyStart: scanner.position, bodyLine: scanner.line, separator: UInt8(ascii: ","),
                                       makeDecoder: { RowDecoder(path: "p.csv", mapping: mapping, decimalComma: false,
                                                                 includeHeaderNotes: $0) },
                                       sideWork: [], minimumChunkBytes: minimumChunkBytes, maximumChunks: 7)
        }
    }

    @Test("same posts, lines and issues as one piece", arguments: [(UInt64(1), false), (2, true), (3, false), (4, true)])
    func sameAsSequential(seed: UInt64, crlf: Bool) throws {
        let text = makeText(seed: seed, rows: 700, crlf: crlf, strayQuote: false)
        let whole = try decode(text, minimumChunkBytes: Int.max)
        for chunk in [1_000, 4_097, 20_000] {
            let parts = try decode(text, minimumChunkBytes: chunk)
            #expect(parts.error == nil)
            #expect(parts.decoder.posts == whole.decoder.posts)
            #expect(parts.decoder.issues == whole.decoder.issues)
            #expect(parts.decoder.skipped == whole.decoder.skipped)
        }
        #expect(whole.decoder.posts.count == 700 - whole.decoder.skipped)
        #expect(whole.decoder.skipped == (0..<700).filter { $0 % 97 == 5 }.count)
    }

    @Test("a stray quote that misleads the cut falls back to one piece")
    func strayQuote() throws {
        let text = makeText(seed: 9, rows: 400, crlf: false, strayQuote: true)
        let whole = try decode(text, minimumChunkBytes: Int.max)
        let parts = try decode(text, minimumChunkBytes: 1_000)
        #expect(parts.decoder.posts == whole.decoder.posts)
        #expect(parts.decoder.issues == whole.decoder.issues)
        #expect(parts.error == whole.error)
    }

    /// The vector count of quotes and line breaks agrees with a byte-by-byte count, over every
    /// alignment, lone CRs and CRLFs split across blocks, and runs long enough that the per-lane
    /// counts must be added up on the way (all quotes: one per lane per block).
    @Test("quotes and line breaks are counted as the scanner counts them")
    func quoteAndLineCounts() {
        func naive(_ b: [UInt8], _ from: Int, _ to: Int) -> (quotes: Int, lines: Int) {
            var quotes = 0, lines = 0
            for i in from..<to {
                if b[i] == 0x22 { quotes += 1 }
                if b[i] == 10 || (b[i] == 13 && (i + 1 >= b.count || b[i + 1] != 10)) { lines += 1 }
            }
            return (quotes, lines)
        }
        var rng = SeededGenerator(seed: 77)
        let alphabet: [UInt8] = Array("a,\"\n\r".utf8)
        var texts = (0..<40).map { _ in
            (0..<Int.random(in: 0...3_000, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
        }
        texts.append([UInt8](repeating: 0x22, count: 40_000))
        texts.append([UInt8](repeating: 10, count: 40_000) + [13])
        for bytes in texts {
            let cuts = [(0, bytes.count), (min(3, bytes.count), bytes.count), (0, max(0, bytes.count - 5)),
                        (bytes.count / 3, bytes.count / 2)]
            for (from, to) in cuts where from <= to {
                let counted = bytes.withUnsafeBufferPointer { ParallelBody.countQuotesAndLines($0, from: from, to: to) }
                let expected = naive(bytes, from, to)
                #expect(counted.quotes == expected.quotes && counted.lines == expected.lines,
                        "\(bytes.count) bytes, \(from)..<\(to)")
            }
        }
    }
}
