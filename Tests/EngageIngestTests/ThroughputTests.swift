import EngageModel
import Foundation
import Testing
@testable import EngageIngest

/// Reading speed on a large legacy export; runs only when `ENGAGE_BENCH_CSV` names a file.
///
/// ```
/// python3 Benchmarks/gen_export.py 1000000 7 /tmp/legacy1m.csv
/// swift build -c release --product engagePackageTests -Xswiftc -enable-testing
/// ENGAGE_BENCH_CSV=/tmp/legacy1m.csv swift test -c release -Xswiftc -enable-testing --skip-build --filter Throughput
/// ```
/// Each stage runs three times; the first run of a process also pays for fresh memory pages.
/// The figures it prints are not kept here: measured throughput is in Benchmarks/README.md.
@Suite("Throughput", .enabled(if: ProcessInfo.processInfo.environment["ENGAGE_BENCH_CSV"] != nil))
struct ThroughputTests {
    let path = ProcessInfo.processInfo.environment["ENGAGE_BENCH_CSV"] ?? ""

    @Test("scanner alone, then the full reader")
    func measure() throws {
        let megabytes = Double(try InputBytes(path: path).bytes.count) / 1_000_000
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        func report(_ name: String, _ runs: [Duration]) {
            let text = runs.map { String(format: "%.2f s (%.0f MB/s)", seconds($0), megabytes / seconds($0)) }
            print("  \(name): " + text.joined(separator: ", "))
        }
        print("throughput on \(path), \(String(format: "%.1f", megabytes)) MB:")

        var records = 0
        var runs: [Duration] = []
        for _ in 0..<3 {
            records = 0
            runs.append(try clock.measure {
                let bytes = try InputBytes(path: path)
                let text = try DecodedText(bytes)
                var scanner = CSVScanner(text.bytes, separator: UInt8(ascii: ","))
                while try scanner.next() { records += 1 }
            })
        }
        report("UTF-8 check + scan          ", runs)

        runs = []
        for _ in 0..<3 { runs.append(try clock.measure { _ = try InputBytes(path: path).sha256Hex() }) }
        report("SHA-256                     ", runs)

        var posts = 0
        var issues = 0
        runs = []
        for _ in 0..<3 {
            runs.append(try clock.measure {
                let file = try ExportFile.read(path: path)
                posts = file.posts.count
                issues = file.issues.count
            })
        }
        report("ExportFile.read             ", runs)

        var merged = 0
        runs = []
        for _ in 0..<3 { runs.append(try clock.measure { merged = try loadDataset(paths: [path]).posts.count }) }
        report("loadDataset (read + merge)  ", runs)
        print("  \(records) records, \(posts) posts, \(issues) issues, \(merged) posts after merging")

        #expect(posts == records - 1)
        #expect(merged == posts)
    }
}
