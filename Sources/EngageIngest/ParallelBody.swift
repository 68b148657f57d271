import Dispatch
import Foundation

/// Decodes the records after the header in parallel chunks, next to other work (hashing,
/// UTF-8 validation), so that large exports use every core.
///
/// How chunks stay correct: the body is cut at nominal offsets; counting quotes before each
/// cut (in parallel) tells whether the cut falls inside a quoted field, and the cut moves
/// forward to the next line break outside quotes. Each chunk is decoded by its own
/// ``RowDecoder`` with the absolute line number of its first record. Afterwards every chunk
/// must have ended exactly where the next one starts, on the same line; if not (possible
/// only with stray quotes inside unquoted fields), the body is decoded again in one piece.
/// Small bodies are always decoded in one piece.
enum ParallelBody {
    /// Bodies below this size are not split.
    static let minimumChunkBytes = 4 << 20

    /// Chunks used by default: four per core.
    ///
    /// Measured on two cores (1,000,000-post legacy export, 421 MB): decoding in chunks beside the
    /// hashing and UTF-8 validation takes `engage validate` from 1.59–1.93 s to 1.09–1.63 s. Every
    /// chunk's posts are held until all are decoded and then appended, in order, to the first
    /// chunk's, which made room for all: the largest chunk's posts are the cost in memory at the end
    /// of the read. Four chunks per core keep that to an eighth of the posts on two cores (one chunk
    /// per core cost 47 MB at a million posts), at no measurable cost in time.
    static var defaultMaximumChunks: Int { 4 * max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// What decoding the body produced.
    struct Outcome: Sendable {
        /// All chunks' results, in file order.
        var decoder: RowDecoder
        /// The first syntax error in file order, if any.
        var error: CSVSyntaxError?
    }

    /// Decodes `text[bodyStart...]` (which starts on line `bodyLine`) with decoders made by
    /// `makeDecoder` (its argument is true for the first chunk, which carries the header
    /// notes), running `sideWork` concurrently.
    /// `minimumChunkBytes` and `maximumChunks` exist for tests; the defaults are
    /// ``minimumChunkBytes`` and ``defaultMaximumChunks``.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, bodyStart: Int, bodyLine: Int, separator: UInt8,
                       makeDecoder: @escaping @Sendable (_ first: Bool) -> RowDecoder,
                       sideWork: [@Sendable () -> Void],
                       release: @escaping @Sendable (_ decoded: Range<Int>) -> Void = { _ in },
                       minimumChunkBytes: Int = ParallelBody.minimumChunkBytes,
                       maximumChunks: Int = ParallelBody.defaultMaximumChunks) -> Outcome {
        let bytes = SharedBytes(buffer: text)
        let bodyBytes = text.count - bodyStart
        let chunkCount = min(max(1, bodyBytes / max(1, minimumChunkBytes)), maximumChunks)
        guard chunkCount > 1 else {
            runConcurrently(sideWork)
            return decodeChunk(bytes, start: bodyStart, end: text.count, line: bodyLine, separator: separator,
                               decoder: makeDecoder(true), release: release)
        }

        // Phase 1: quotes and line breaks per nominal piece, in parallel.
        var nominal = (0...chunkCount).map { bodyStart + bodyBytes * $0 / chunkCount }
        let counts = Slots<(quotes: Int, lines: Int)>(count: chunkCount)
        // The last piece needs no count: no cut follows it.
        runConcurrently((0..<chunkCount - 1).map { k in
            { [nominal] in
                // In steps, letting each step's pages go: the chunks read them again soon, from the page cache.
                var total = (quotes: 0, lines: 0), from = nominal[k]
                while from < nominal[k + 1] {
                    let to = min(nominal[k + 1], from + InputBytes.releaseStride)
                    let step = countQuotesAndLines(bytes.buffer, from: from, to: to)
                    total = (total.quotes + step.quotes, total.lines + step.lines)
                    release(from..<to)
                    from = to
                }
                counts[k] = total
            }
        })
        // Move each inner cut forward to the next line break outside quotes.
        var starts = [bodyStart], lines = [bodyLine]
        var quotes = 0, line = bodyLine
        for k in 1..<chunkCount {
            quotes += counts[k - 1]!.quotes
            line += counts[k - 1]!.lines
            let (cut, extraLines) = nextRecordStart(text, from: nominal[k], insideQuotes: quotes % 2 == 1)
            if cut <= starts.last! || cut >= text.count { break }
            starts.append(cut)
            lines.append(line + extraLines)
        }
        nominal = starts + [text.count]

        // Phase 2: chunks and side work together.
        let results = Slots<Outcome>(count: starts.count)
        let ends = Slots<(end: Int, line: Int)>(count: starts.count)
        let chunkWork: [@Sendable () -> Void] = starts.indices.map { k in
            { [nominal, lines] in
                let outcome = decodeChunk(bytes, start: nominal[k], end: nominal[k + 1], line: lines[k],
                                          separator: separator, decoder: makeDecoder(k == 0),
                                          reserveUntil: k == 0 ? bytes.buffer.count : nil, release: release,
                                          report: { ends[k] = $0 })
                results[k] = outcome
            }
        }
        runConcurrently(sideWork + chunkWork)

        // Check that the chunks meet; otherwise decode in one piece.
        // Taken out of the slots, so that the posts arrays are uniquely held and grow in place.
        var combined = results.take(0)!
        combined.decoder.reserve(starts.indices.dropFirst().reduce(0) { $0 + (results[$1]?.decoder.accepted ?? 0) })
        for k in starts.indices.dropFirst() {
            if combined.error != nil { return combined }
            guard let previous = ends[k - 1], previous.end == nominal[k], previous.line == lines[k] else {
                return decodeChunk(bytes, start: bodyStart, end: text.count, line: bodyLine, separator: separator,
                                   decoder: makeDecoder(true), release: release)
            }
            let next = results.take(k)!
            combined.decoder.absorb(next.decoder)
            combined.error = next.error
        }
        return combined
    }

    /// Decodes records from `start` until the scanner reaches `end` (a record crossing `end`
    /// is read whole); `release` is told which decoded bytes are behind the scanner;
    /// `reserveUntil` (the first of several chunks: the end of the body) sizes the posts array;
    /// `report` receives where the scanner stopped and on which line.
    private static func decodeChunk(_ bytes: SharedBytes, start: Int, end: Int, line: Int, separator: UInt8,
                                    decoder initial: RowDecoder, reserveUntil: Int? = nil,
                                    release: (_ decoded: Range<Int>) -> Void = { _ in },
                                    report: (_ stop: (end: Int, line: Int)) -> Void = { _ in }) -> Outcome {
        var decoder = initial
        var scanner = CSVScanner(bytes.buffer, separator: separator, start: start, line: line)
        let sampleSize = 1024
        var records = 0
        var released = start
        do {
            while scanner.position < end, try scanner.next() {
                decoder.decode(scanner)
                records += 1
                if scanner.position - released >= InputBytes.releaseStride {
                    // Records before the scanner are decoded: their file pages can go.
                    release(released..<scanner.position)
                    released = scanner.position
                }
                if records == sampleSize {
                    // Reserve room for the rest of the chunk from the sample's average record size.
                    let averageBytes = max(1, (scanner.position - start) / sampleSize)
                    // The first of several chunks makes room for all of them (they are appended to it) and
                    // errs on the large side: room never touched costs no memory, a regrowth copies every post.
                    if let reserveUntil {
                        decoder.reserve((reserveUntil - scanner.position) / averageBytes * 3 / 2)
                    } else {
                        decoder.reserve((end - scanner.position) / averageBytes * 11 / 10)
                    }
                }
            }
        } catch {
            report((scanner.position, scanner.line))
            return Outcome(decoder: decoder, error: error)
        }
        report((scanner.position, scanner.line))
        return Outcome(decoder: decoder, error: nil)
    }

    /// The first record start at or after `offset`: just past the next line break outside
    /// quotes, and how many line breaks were passed on the way.
    private static func nextRecordStart(_ b: UnsafeBufferPointer<UInt8>, from offset: Int, insideQuotes: Bool) -> (Int, Int) {
        var quoted = insideQuotes
        var i = offset, lines = 0
        while i < b.count {
            let byte = b[i]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if byte == 10 || byte == 13 {
                // CRLF is one line break; an LF right at `offset` after a CR before it is the
                // second half of a break that no count has included yet.
                i += byte == 13 && i + 1 < b.count && b[i + 1] == 10 ? 2 : 1
                lines += 1
                if !quoted { return (i, lines) }
                continue
            }
            i += 1
        }
        return (b.count, lines)
    }

    /// Quote bytes and line breaks (LF, CRLF and lone CR each once, as the scanner counts
    /// them) in `b[from..<to]`, 16 bytes at a time in vector registers: this pass reads the whole
    /// file before any chunk is decoded, so it is on every ingest's critical path (20 times faster
    /// than eight bytes at a time in a general register).
    static func countQuotesAndLines(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (quotes: Int, lines: Int) {
        guard let base = b.baseAddress, from < to else { return (0, 0) }
        typealias Lanes = SIMD16<UInt8>
        let raw = UnsafeRawPointer(base)
        let one = Lanes(repeating: 1)
        /// 1 in each lane where `bytes` holds `byte`, else 0.
        @inline(__always) func ones(_ bytes: Lanes, equalTo byte: UInt8) -> Lanes {
            one & unsafeBitCast(bytes .== Lanes(repeating: byte), to: Lanes.self)
        }
        @inline(__always) func total(_ lanes: Lanes) -> Int { Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum()) }
        var quotes = 0, lines = 0
        var i = from
        // A line break is an LF or a CR, except a CR followed by an LF (the two are one break); the
        // next byte is read even past `to`, as the scanner reads it. Each lane counts at most one
        // byte per step, so the lanes are added up every 255 steps, before they can overflow.
        let step = Lanes.scalarCount, vectorEnd = min(to, b.count - 1)
        while i + step < vectorEnd {
            var quoteLanes = Lanes(), breakLanes = Lanes(), pairLanes = Lanes()
            var steps = 0
            while steps < 255, i + step < vectorEnd {
                let bytes = raw.loadUnaligned(fromByteOffset: i, as: Lanes.self)
                let next = raw.loadUnaligned(fromByteOffset: i + 1, as: Lanes.self)
                let returns = ones(bytes, equalTo: 13)
                quoteLanes &+= ones(bytes, equalTo: 0x22)
                breakLanes &+= ones(bytes, equalTo: 10) &+ returns
                pairLanes &+= returns & ones(next, equalTo: 10)
                i += step
                steps += 1
            }
            quotes += total(quoteLanes)
            lines += total(breakLanes) - total(pairLanes)
        }
        while i < to {
            let byte = base[i]
            if byte == 0x22 { quotes += 1 }
            else if byte == 10 { lines += 1 }
            else if byte == 13 && (i + 1 >= b.count || base[i + 1] != 10) { lines += 1 }
            i += 1
        }
        return (quotes, lines)
    }

    /// Runs `work` on all cores and returns when every item is done.
    static func runConcurrently(_ work: [@Sendable () -> Void]) {
        if work.count <= 1 { work.first?(); return }
        DispatchQueue.concurrentPerform(iterations: work.count) { work[$0]() }
    }
}

/// A read-only byte buffer shared between threads while its owner keeps it alive.
struct SharedBytes: @unchecked Sendable {
    // @unchecked: the bytes are immutable and outlive every task that reads them.
    let buffer: UnsafeBufferPointer<UInt8>
}

/// Result slots written by concurrent tasks, each task its own slot.
final class Slots<Value>: @unchecked Sendable {
    // @unchecked: every slot is written by one task and read only after all tasks finished.
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// The value of slot `index`, leaving it empty.
    func take(_ index: Int) -> Value? {
        let value = storage[index]
        storage[index] = nil
        return value
    }
}
