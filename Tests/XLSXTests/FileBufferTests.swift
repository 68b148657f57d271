import Foundation
import Testing
@testable import XLSX

/// libxlsxwriter's temporary files get 64 KiB buffers (Sources/CXlsxWriterTuning/large_file_buffers.c):
/// its streams go through the hook, and a buffered stream writes and reads back every byte.
@Suite struct FileBufferTests {
    @Test func workbookTemporaryFilesAreBufferedAndTheSheetReadsBack() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = Tuning.counters.bufferedStreams
        let (rows, sum) = try ParallelZipTests().writeBigSheet(to: dir.appending(path: "a.xlsx"), tmpdir: dir)
        #expect((Tuning.counters.bufferedStreams > before) == Tuning.isEnabled)
        let summary = try #require((try TestSupport.readBack(dir.appending(path: "a.xlsx"), summary: true))["summary"] as? [String: Any])
        let big = try #require(summary["Big"] as? [String: Any])
        #expect(big["rows"] as? Int == rows)
        let readSum = try #require(big["sum"] as? Double)
        #expect(abs(readSum - sum) <= 1e-9 * sum)
    }

    @Test func aBufferedStreamKeepsEveryByteAcrossManyBuffers() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appending(path: "stream.bin").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        let before = Tuning.counters.bufferedStreams
        let stream = try #require(fdopen(descriptor, "w+b"))
        #expect((Tuning.counters.bufferedStreams > before) == Tuning.isEnabled)  // other tests may open streams meanwhile
        // 300 KB in odd-sized writes, so that writes straddle buffer boundaries.
        var expected = [UInt8]()
        var state: UInt32 = 12_345
        for length in Array(repeating: [1, 4_095, 70_001, 13], count: 4).joined() {
            let piece = (0..<length).map { _ -> UInt8 in
                state = state &* 1_103_515_245 &+ 12_345
                return UInt8(truncatingIfNeeded: state >> 16)
            }
            expected += piece
            #expect(fwrite(piece, 1, piece.count, stream) == piece.count)
        }
        rewind(stream)
        var readBack = [UInt8](repeating: 0, count: expected.count + 10)
        #expect(fread(&readBack, 1, readBack.count, stream) == expected.count)
        #expect(fclose(stream) == 0)
        #expect(Array(readBack.prefix(expected.count)) == expected)
        #expect(try Data(contentsOf: URL(filePath: path)) == Data(expected))
    }
}
