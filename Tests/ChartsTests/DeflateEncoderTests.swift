@testable import Charts
import CZlib
import Testing

/// engage's deflate encoder, read back by zlib's `uncompress` (an independent decoder that also
/// checks the Adler-32 trailer), on inputs that reach every path: runs of zeros, matches near and
/// far, incompressible bytes, segments and blocks that end mid-run, input fed in odd pieces.
@Suite struct DeflateEncoderTests {
    static func encode(_ bytes: [UInt8], pieces: Int = 1) -> [UInt8] {
        let encoder = DeflateEncoder()
        let size = max(1, (bytes.count + pieces - 1) / pieces)
        for start in stride(from: 0, to: bytes.count, by: size) {
            bytes[start..<min(bytes.count, start + size)].withUnsafeBufferPointer { encoder.add($0) }
        }
        return encoder.finish()
    }

    static func inflate(_ stream: [UInt8], expectedCount: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: max(1, expectedCount))
        var outCount = uLongf(out.count)
        let status = out.withUnsafeMutableBufferPointer { target in
            stream.withUnsafeBufferPointer { uncompress(target.baseAddress, &outCount, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK else { return nil }
        return Array(out.prefix(Int(outCount)))
    }

    /// zlib's own level-1 stream size, for comparison.
    static func zlibSize(_ bytes: [UInt8]) -> Int {
        var out = [UInt8](repeating: 0, count: Int(compressBound(uLong(bytes.count))))
        var outCount = uLongf(out.count)
        _ = out.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { compress2(target.baseAddress, &outCount, $0.baseAddress, uLong($0.count), 1) }
        }
        return Int(outCount)
    }

    /// Rows like a filtered chart: mostly zeros, a few short strokes repeated row to row, some noise.
    static func chartLike(rows: Int, rowBytes: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var bytes = [UInt8]()
        for y in 0..<rows {
            var row = [UInt8](repeating: 0, count: rowBytes)
            row[0] = UInt8(y % 3 == 0 ? 1 : 2)
            if y % 40 < 3 { for x in 1..<rowBytes { row[x] = UInt8(truncatingIfNeeded: x / 3 * 7) } }
            for _ in 0..<(y % 11) { row[1 + Int(rng.next() % UInt64(rowBytes - 1))] = UInt8(truncatingIfNeeded: rng.next()) }
            bytes += row
        }
        return bytes
    }

    @Test func inputsOfEveryShapeComeBackExactly() throws {
        var rng = SplitMix64(seed: 42)
        let noise = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let repeated = (0..<700_000).map { UInt8(truncatingIfNeeded: ($0 % 1_000) * 31 % 251) }
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("one byte", [7]),
            ("three zeros", [0, 0, 0]),
            ("zeros past two segments", [UInt8](repeating: 0, count: 600_000)),
            ("noise", noise),
            ("period 1,000, over 32 KiB", repeated),
            ("noise then zeros then noise", Array(noise[..<70_000]) + [UInt8](repeating: 0, count: 300_001) + Array(noise[..<70_000])),
            ("chart-like rows", Self.chartLike(rows: 900, rowBytes: 5_401, seed: 1)),
        ]
        for (name, bytes) in cases {
            for pieces in [1, 7, 1_000] {
                let stream = Self.encode(bytes, pieces: pieces)
                let back = Self.inflate(stream, expectedCount: bytes.count)
                #expect(back == bytes, "\(name) in \(pieces) pieces: \(stream.count) bytes did not inflate to the input")
            }
        }
    }

    /// Zeros added as a count (rows the same as the one above) read back as zeros, with the
    /// Adler-32 trailer that zlib checks still right, across segment boundaries.
    @Test func countedZerosComeBackExactly() {
        var rng = SplitMix64(seed: 11)
        let encoder = DeflateEncoder()
        var expected = [UInt8]()
        for round in 0..<60 {
            let piece = (0..<Int(rng.next() % 3_000)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 4) }
            piece.withUnsafeBufferPointer { encoder.add($0) }
            let zeros = round % 7 == 0 ? 100_003 : Int(rng.next() % 20_000)
            encoder.addZeros(zeros)
            expected += piece + [UInt8](repeating: 0, count: zeros)
        }
        #expect(Self.inflate(encoder.finish(), expectedCount: expected.count) == expected)
    }

    /// More than a block's worth of tokens (32,768): several blocks, each with its own codes.
    @Test func manyBlocksComeBackExactly() throws {
        var rng = SplitMix64(seed: 7)
        let bytes = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: rng.next() % 5) }
        #expect(Self.inflate(Self.encode(bytes, pieces: 3), expectedCount: bytes.count) == bytes)
    }

    @Test func chartRowsCompressAboutAsWellAsZlibsFastestLevel() {
        let bytes = Self.chartLike(rows: 900, rowBytes: 5_401, seed: 3)
        let ours = Self.encode(bytes).count, zlib = Self.zlibSize(bytes)
        #expect(ours * 10 <= zlib * 11, "\(ours) bytes against zlib level 1's \(zlib)")
        #expect(Self.encode(bytes) == Self.encode(bytes, pieces: 13), "the pieces the rows come in change nothing")
    }

    @Test func huffmanLengthsRespectTheLimitAndStayComplete() {
        // Fibonacci frequencies make the optimal code as deep as it can be.
        var frequencies: [UInt32] = [1, 1]
        while frequencies.count < 30 { frequencies.append(frequencies[frequencies.count - 1] + frequencies[frequencies.count - 2]) }
        let lengths = HuffmanCode.lengths(frequencies, limit: 15)
        #expect(lengths.max() == 15)
        // Kraft sum of exactly 1: a complete prefix code.
        let kraft = lengths.reduce(0.0) { $0 + (1.0 / Double(1 << Int($1))) }
        #expect(kraft == 1.0)
    }
}
