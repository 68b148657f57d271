import Foundation
@testable import EngageIngest

/// Fixture files under Tests/Fixtures/ingest, found from this file's location.
enum Fixtures {
    /// The package root: the nearest folder above this file that holds Package.swift.
    static let packageRoot: URL = {
        var url = URL(filePath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// Absolute path of `Tests/Fixtures/ingest/<name>`.
    static func path(_ name: String) -> String {
        packageRoot.appending(path: "Tests/Fixtures/ingest/\(name)").path
    }
}

/// A fresh temporary folder for one test, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "engage-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` in the folder and returns the path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = url.appending(path: name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// Writes `text` as UTF-8 to `name` in the folder and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }
}

/// A small seeded generator (SplitMix64) so property tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs the scanner over `text` and returns each record's start line and fields.
func scanRecords(_ text: String, separator: UInt8 = UInt8(ascii: ",")) throws(CSVSyntaxError) -> [(line: Int, fields: [String])] {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { (buffer) throws(CSVSyntaxError) -> [(line: Int, fields: [String])] in
        var scanner = CSVScanner(buffer, separator: separator)
        var records: [(line: Int, fields: [String])] = []
        while try scanner.next() {
            records.append((scanner.recordLine, scanner.fields.map { scanner.string($0) }))
        }
        return records
    }
}

/// Calls `body` with the bytes of `text` as an unsafe buffer.
func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    Array(text.utf8).withUnsafeBufferPointer(body)
}

/// UTC instant from calendar fields, computed with Foundation's Gregorian calendar
/// (independent of the parser under test).
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
}
