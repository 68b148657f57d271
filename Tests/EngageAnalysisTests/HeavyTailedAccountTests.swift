import EngageAnalysis
import Foundation
import Testing

/// The heavy-tailed generators (Swift here, Python in Benchmarks/) against the figures measured on
/// real exports (docs/METHODS.md, "What real accounts look like"): accounts B (heavy) and A (large).
@Suite struct HeavyTailedAccountTests {
    /// Bands around the table's row: B has p50 196, p99 36,123 over max 264,525, top 1% 33%,
    /// mean of rates 2.8× the ratio of sums, corr −0.32; A has p50 7,024, top 1% 19%, 1.3×, −0.07.
    static func checkHeavy(_ f: AccountFigures, _ who: String) {
        let comment = Comment(rawValue: "\(who): \(f)")
        #expect((100...400).contains(f.p50), comment)
        #expect(f.p90 / f.p50 >= 8 && f.p99 / f.p50 >= 40, comment)
        #expect(f.decades >= 4, comment)
        #expect((0.25...0.50).contains(f.topShare), comment)
        #expect((2.0...4.5).contains(f.meanOverRatio), comment)
        #expect((-0.5 ... -0.2).contains(f.correlation), comment)
    }

    static func checkLarge(_ f: AccountFigures, _ who: String) {
        let comment = Comment(rawValue: "\(who): \(f)")
        #expect((4_000...12_000).contains(f.p50), comment)
        #expect(f.decades >= 3.0, comment)
        #expect((0.12...0.30).contains(f.topShare), comment)
        #expect((1.0...1.6).contains(f.meanOverRatio), comment)
        #expect((-0.25 ... 0.0).contains(f.correlation), comment)
    }

    @Test func swiftGeneratorLooksLikeTheRealAccounts() {
        for seed in UInt64(1)...5 {
            let heavy = AccountFigures(HeavyTailedAccount.posts(count: 1_568, profile: .heavy, seed: seed).map(\.observation))
            Self.checkHeavy(heavy, "heavy, seed \(seed)")
            let large = AccountFigures(HeavyTailedAccount.posts(count: 1_778, profile: .large, seed: seed).map(\.observation))
            Self.checkLarge(large, "large, seed \(seed)")
            if seed == 1 { print("heavy-tailed generator, seed 1: heavy \(heavy); large \(large)") }
        }
        let a = HeavyTailedAccount.posts(count: 50, seed: 9).map(\.observation)
        #expect(a == HeavyTailedAccount.posts(count: 50, seed: 9).map(\.observation))
    }

    @Test func pythonGeneratorLooksLikeTheRealAccounts() throws {
        for (profile, count) in [("heavy", 1_568), ("large", 1_778)] {
            for seed in 1...3 {
                let json = try Self.python(["--figures", "--profile", profile, "--posts", "\(count)", "--seed", "\(seed)"])
                let d = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Double])
                let f = try #require(AccountFigures(python: d))
                if profile == "heavy" { Self.checkHeavy(f, "python heavy, seed \(seed)") } else { Self.checkLarge(f, "python large, seed \(seed)") }
            }
        }
        #expect(try Self.python(["--figures", "--seed", "4"]) == (try Self.python(["--figures", "--seed", "4"])))
    }

    static func python(_ arguments: [String]) throws -> String {
        var root = URL(filePath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: root.appending(path: "Package.swift").path) { root = root.deletingLastPathComponent() }
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", root.appending(path: "Benchmarks/heavy_tailed.py").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
