import Foundation
import Testing

/// The output commit is one unit: a commit that fails half-way, or is interrupted or killed
/// half-way, leaves the previous set of files byte for byte; concurrent runs into one folder each
/// leave a whole set.
@Suite(.serialized) struct AtomicCommitTests {
    static let small = Workdir.sample("content_northwind_roasters_20251001_20251123.csv")

    /// Every file in `out` (hidden ones included) with its bytes.
    static func snapshot(_ dir: Workdir) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in dir.files(in: "out") {
            files[name] = (try? Data(contentsOf: dir.root.appending(path: "out/\(name)"))) ?? Data("<folder>".utf8)
        }
        return files
    }

    /// A first report into `out` (UTC), then returns its files.
    static func firstSet(_ dir: Workdir) throws -> [String: Data] {
        let first = try dir.run(["report", small, "--out", "out", "--tz", "UTC", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        return snapshot(dir)
    }

    /// The second run differs from the first in every file (another time zone).
    static let secondRun = ["report", small, "--out", "out", "--tz", "Asia/Tokyo", "--quiet"]

    @Test func aCommitThatFailsHalfWayPutsTheEarlierSetBack() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        var before = try Self.firstSet(dir)
        // A folder where summary.html goes: the workbook, PDF, charts and summary.txt move first.
        let html = dir.root.appending(path: "out/summary.html")
        try FileManager.default.removeItem(at: html)
        try FileManager.default.createDirectory(at: html, withIntermediateDirectories: false)
        before["summary.html"] = Data("<folder>".utf8)
        let run = try dir.run(Self.secondRun)
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("out/summary.html"), "\(run.stderr)")
        #expect(run.stderr.contains("the earlier outputs were put back"), "\(run.stderr)")
        #expect(Self.snapshot(dir) == before, "changed: \(Self.snapshot(dir).keys.sorted()) vs \(before.keys.sorted())")
    }

    @Test(arguments: ["TERM", "INT"])
    func aSignalDuringTheCommitKeepsTheEarlierSet(signal: String) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let before = try Self.firstSet(dir)
        let run = try dir.run(Self.secondRun, environment: ["ENGAGE_TEST_COMMIT_SIGNAL": "\(signal):2"])
        #expect(run.status == 128 + (signal == "TERM" ? SIGTERM : SIGINT), "\(run.stderr)")
        #expect(run.stderr.contains("earlier ones are untouched"), "\(run.stderr)")
        #expect(Self.snapshot(dir) == before)
    }

    /// SIGKILL cannot be caught: the set is half replaced until the next run into the folder, which
    /// rolls the journal back before anything else (here that run is itself interrupted, so what
    /// remains is exactly the first set).
    @Test func aCommitKilledHalfWayIsRolledBackByTheNextRun() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let before = try Self.firstSet(dir)
        let killed = try dir.run(Self.secondRun, environment: ["ENGAGE_TEST_COMMIT_SIGNAL": "KILL:2"])
        #expect(killed.status == SIGKILL)
        let halfway = Self.snapshot(dir)
        #expect(halfway != before)
        #expect(halfway.keys.contains(".engage-journal"), "\(halfway.keys.sorted())")
        let next = try dir.run(Self.secondRun, environment: ["ENGAGE_TEST_COMMIT_SIGNAL": "TERM:1"])
        #expect(next.status == 128 + SIGTERM, "\(next.stderr)")
        #expect(Self.snapshot(dir) == before)
    }

    /// Runs with different settings into one folder at once: whatever set wins, the manifest
    /// describes the files beside it.
    @Test func concurrentRunsIntoOneFolderLeaveOneWholeSet() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        for round in 0..<3 {
            let processes = try ["UTC", "Asia/Tokyo", "America/New_York", "Europe/Berlin"].map { zone in
                try FaultTests.start(["report", Self.small, "--out", "out", "--tz", zone, "--quiet"], in: dir)
            }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "round \(round): \(processes.map(\.terminationStatus))")
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.root.appending(path: "out/manifest.json"))) as! [String: Any]
            let files = manifest["files"] as! [[String: Any]]
            #expect(!files.isEmpty)
            let paths = files.map { $0["path"] as! String }
            let sums = try Self.sha256(paths.map { "out/\($0)" }, in: dir)
            for (file, sum) in zip(files, sums) {
                #expect(sum == file["sha256"] as? String, "round \(round): \(file["path"]!) is not the manifest's")
            }
            #expect(!dir.files(in: "out").contains { $0.hasPrefix(".") }, "\(dir.files(in: "out"))")
        }
    }

    /// SHA-256 of each file, lowercase hex, by coreutils' `sha256sum` (an independent reader).
    static func sha256(_ paths: [String], in dir: Workdir) throws -> [String] {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/sha256sum")
        process.arguments = paths
        process.currentDirectoryURL = dir.root
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").map { String($0.prefix(64)) }
    }

    /// A template nested 3,000 deep is a template error (exit 65), not a crash, and leaves nothing.
    @Test func aDeeplyNestedTemplateIsExit65() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let templates = dir.root.appending(path: "templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let nested = String(repeating: "{{#a}}", count: 3_000) + "x" + String(repeating: "{{/a}}", count: 3_000)
        try nested.write(to: templates.appending(path: "summary.txt.mustache"), atomically: true, encoding: .utf8)
        try nested.write(to: templates.appending(path: "summary.html.mustache"), atomically: true, encoding: .utf8)
        let run = try dir.run(["report", Self.small, "--out", "out", "--tz", "UTC", "--email-templates", "templates"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("summary.txt.mustache line 1: sections nested 3000 deep; at most 100"), "\(run.stderr)")
        #expect(dir.files(in: "out").isEmpty, "\(dir.files(in: "out"))")
    }

    /// A template syntax error is a template error too (exit 65), not "cannot write" (73).
    @Test func aTemplateSyntaxErrorIsExit65() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let templates = dir.root.appending(path: "templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "{{#a}} never closed".write(to: templates.appending(path: "summary.txt.mustache"), atomically: true, encoding: .utf8)
        try "{{title}}".write(to: templates.appending(path: "summary.html.mustache"), atomically: true, encoding: .utf8)
        let run = try dir.run(["report", Self.small, "--out", "out", "--tz", "UTC", "--email-templates", "templates"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("summary.txt.mustache line 1"), "\(run.stderr)")
    }

    /// `--out` under a file names the file.
    @Test func anOutputFolderUnderAFileNamesTheFile() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        try "x".write(to: dir.root.appending(path: "afile"), atomically: true, encoding: .utf8)
        let run = try dir.run(["report", Self.small, "--out", "afile/sub", "--tz", "UTC"])
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("afile is a file, not a folder"), "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }
}
