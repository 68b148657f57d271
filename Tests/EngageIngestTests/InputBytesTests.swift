import Foundation
import Testing
@testable import EngageIngest

/// Releasing mapped pages gives memory back and loses nothing; bytes held in memory are never released.
@Suite struct InputBytesTests {
    /// Resident file-backed memory of this process (kB), from /proc/self/status.
    static func residentFileKB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssFile:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    @Test func releasingARangeGivesItsPagesBackAndKeepsTheBytes() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "engage-inputbytes-\(getpid()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let size = 8 << 20
        let content = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
        try Data(content).write(to: URL(filePath: path))
        let input = try InputBytes(path: path)
        var sum = 0
        for i in stride(from: 0, to: size, by: 4096) { sum &+= Int(input.bytes[i]) }  // every page resident
        let before = try Self.residentFileKB()
        input.release(from: 2 << 20, upTo: 6 << 20)
        let after = try Self.residentFileKB()
        #expect(before - after >= 3 * 1024, "RssFile \(before) → \(after) kB")
        #expect(input.bytes.elementsEqual(content), "released pages must read back as the file's bytes")
        #expect(sum > 0)

        // Bytes read into memory (not mapped) are left alone.
        let held = InputBytes(data: content, path: "held")
        held.release(from: 0, upTo: size)
        #expect(held.bytes.elementsEqual(content))
    }
}
