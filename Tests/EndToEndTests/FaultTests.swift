import Foundation
import Testing

/// Interrupted and starved runs: killed mid-write, out of file size, never a partial file.
@Suite(.serialized) struct FaultTests {
    /// A legacy export of `rows` synthetic posts with the sample's header (large enough that
    /// writing the report takes a while).
    static func largeExport(in dir: Workdir, rows: Int) throws -> String {
        let sample = try String(contentsOfFile: Workdir.sample("tweet_activity_metrics_northwind_roasters_20250801_20251031_en.csv"), encoding: .utf8)
        let header = sample.prefix(while: { $0 != "\n" })
        let promoted = Array(repeating: "\"-\"", count: 18).joined(separator: ",")
        var out = String(header) + "\n"
        out.reserveCapacity(rows * 420)
        for i in 0..<rows {
            let id = 1_950_000_000_000_000_000 + UInt64(i) * 4_194_304_000
            let minute = i % 60, hour = (i / 60) % 24, day = 1 + (i / 1440) % 28
            let impressions = 200 + (i * 7919) % 5000, engagements = 3 + (i * 31) % 90
            out += "\"\(id)\",\"https://twitter.com/big/status/\(id)\",\"Synthetic post \(i) about coffee #Big\","
            out += "\"2025-03-\(day < 10 ? "0" : "")\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute) +0000\","
            out += "\"\(impressions).0\",\"\(engagements).0\",\"0.01\",\"1.0\",\"1.0\",\"\(engagements / 2).0\",\"0.0\",\"0.0\",\"0.0\",\"1.0\",\"0.0\","
            out += "\"0\",\"0\",\"0\",\"0\",\"0\",\"0\",\"0\",\(promoted)\n"
        }
        let path = dir.root.appending(path: "tweet_activity_metrics_big_20250101_20251231_en.csv").path
        try out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts `engage ARGS` in `dir` without waiting.
    static func start(_ arguments: [String], in dir: Workdir, errors: Pipe? = nil, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = Workdir.binary
        process.arguments = arguments
        process.currentDirectoryURL = dir.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The processes whose parent is `parent` (from each process's `/proc/PID/stat`).
    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // After "pid (name) ": the state, then the parent's id.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent ? pid : nil
        }
    }

    /// Waits until a staging folder appears in `folder` (the run is writing), at most 60 s.
    static func waitForStaging(_ dir: Workdir, _ folder: String) {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !dir.files(in: folder).contains(where: { $0.hasPrefix(".engage-staging-") }) {
            usleep(20_000)
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedRunLeavesNothing(signal: Int32) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let input = try Self.largeExport(in: dir, rows: 40_000)
        let process = try Self.start(["report", input, "--out", "out", "--tz", "UTC", "--quiet"], in: dir)
        Self.waitForStaging(dir, "out")
        usleep(200_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signal, "status \(process.terminationStatus): the run was not interrupted mid-write")
        #expect(dir.files(in: "out").isEmpty, "left behind: \(dir.files(in: "out"))")
    }

    /// A batch runs its jobs in worker processes; a signal to the batch reaches them too, so
    /// none goes on writing and no staging folder is left in any job's folder.
    @Test func interruptedBatchStopsItsWorkers() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let input = try Self.largeExport(in: dir, rows: 40_000)
        let jobs = "jobs:\n" + (0..<4).map { "  - name: job\($0)\n    inputs: [\(input)]\n" }.joined()
        try jobs.write(to: dir.root.appending(path: "jobs.yaml"), atomically: true, encoding: .utf8)
        let process = try Self.start(["report", "--batch", "jobs.yaml", "--parallel", "2", "--out", "out", "--tz", "UTC", "--quiet"], in: dir)
        Self.waitForStaging(dir, "out/job0")
        usleep(200_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM)
        usleep(1_500_000)  // the workers exit on their own signal
        for job in ["job0", "job1", "job2", "job3"] {
            let left = dir.files(in: "out/\(job)")
            #expect(!left.contains(where: { $0.hasPrefix(".engage-staging-") }), "\(job) left: \(left)")
        }
    }

    /// A batch worker that dies (here: killed while it waits for an input that never comes) is
    /// named with the job it was running; the other worker's job is still written, and the batch
    /// ends with exit 70 instead of a bare count.
    @Test func aDeadBatchWorkerIsNamedWithItsJob() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let fifo = dir.root.appending(path: "never-written.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let jobs = """
        jobs:
          - name: fine
            inputs: [\(Workdir.sample("content_northwind_roasters_20251001_20251123.csv"))]
          - name: stuck
            inputs: [never-written.csv]
        """
        try jobs.write(to: dir.root.appending(path: "jobs.yaml"), atomically: true, encoding: .utf8)
        let errors = Pipe()
        let batch = try Self.start(["report", "--batch", "jobs.yaml", "--parallel", "2", "--out", "out", "--tz", "UTC"],
                                   in: dir, errors: errors)
        defer { if batch.isRunning { kill(batch.processIdentifier, SIGTERM) } }
        // The second worker (--shard 1/2) blocks opening the FIFO; kill it there.
        let deadline = Date().addingTimeInterval(60)
        var stuck: pid_t?
        while stuck == nil && Date() < deadline {
            stuck = Self.children(of: batch.processIdentifier).first { pid in
                let line = (try? Data(contentsOf: URL(filePath: "/proc/\(pid)/cmdline"))) ?? Data()
                return String(decoding: line, as: UTF8.self).contains("1/2")
            }
            usleep(50_000)
        }
        let worker = try #require(stuck)
        usleep(300_000)
        kill(worker, SIGKILL)
        batch.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(batch.terminationStatus == 70, "\(message)")
        #expect(message.contains("job stuck (jobs.yaml line 4): not written: its batch worker (1/2) was killed by signal 9"), "\(message)")
        #expect(dir.files(in: "out/fine").contains { $0.hasSuffix(".xlsx") })
    }

    /// The export stays mapped while its posts live (their text is read from it): an export cut
    /// short by another program mid-run stops the run with exit 66 and a sentence saying so, and
    /// nothing visible is written.
    @Test func inputCutShortMidRunIs66AndWritesNothing() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let input = try Self.largeExport(in: dir, rows: 40_000)
        let errors = Pipe()
        let process = try Self.start(["report", input, "--out", "out", "--tz", "UTC", "--quiet"], in: dir, errors: errors)
        Self.waitForStaging(dir, "out")
        let handle = try #require(FileHandle(forWritingAtPath: input))
        try handle.truncate(atOffset: 0)
        try handle.close()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 66, "status \(process.terminationStatus): \(message)")
        #expect(message.contains("cut short or rewritten"), "\(message)")
        #expect(dir.files(in: "out").allSatisfy { $0.hasPrefix(".engage-staging-") }, "a visible partial file: \(dir.files(in: "out"))")
    }

    @Test func killedRunIsCleanedUpByTheNextOne() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let input = try Self.largeExport(in: dir, rows: 40_000)
        let process = try Self.start(["report", input, "--out", "out", "--tz", "UTC", "--quiet"], in: dir)
        Self.waitForStaging(dir, "out")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(dir.files(in: "out").allSatisfy { $0.hasPrefix(".engage-staging-") }, "a visible partial file: \(dir.files(in: "out"))")
        let next = try dir.run(["report", Workdir.sample("content_northwind_roasters_20251001_20251123.csv"), "--out", "out", "--tz", "UTC", "--quiet"])
        #expect(next.status == 0)
        #expect(!dir.files(in: "out").contains { $0.hasPrefix(".") }, "stale staging folder kept: \(dir.files(in: "out"))")
    }

    @Test func fileSizeLimitIs73AndKeepsEarlierOutputs() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let small = Workdir.sample("content_northwind_roasters_20251001_20251123.csv")
        #expect(try dir.run(["report", small, "--out", "out", "--tz", "UTC", "--quiet"]).status == 0)
        let before = dir.files(in: "out")
        let input = try Self.largeExport(in: dir, rows: 20_000)
        // 40 blocks of 512 bytes: the inputs can be read, the large workbook cannot be written.
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", "ulimit -f 40; exec \"$0\" report \"$1\" --out out --tz UTC --quiet", Workdir.binary.path, input]
        process.currentDirectoryURL = dir.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 73, "status \(process.terminationStatus): \(message)")
        #expect(message.contains("cannot write"), "\(message)")
        #expect(dir.files(in: "out") == before, "outputs changed: \(dir.files(in: "out"))")
    }

    /// An agency's Monday: 50 reports at once, each into its own folder, all complete and whole.
    @Test func fiftyConcurrentReportsAllSucceed() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let inputs = ReportCommandTests.demoInputs
        let processes = try (0..<50).map { n in
            try Self.start(["report"] + inputs + ["--tz", "America/New_York", "--out", "out/\(n)", "--quiet"], in: dir)
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "statuses: \(processes.map(\.terminationStatus))")
        let reference = try Data(contentsOf: dir.root.appending(path: "out/0/manifest.json"))
        for n in 0..<50 {
            // xlsx, pdf, five charts (daily, top posts, followers, campaigns, best hours), summary.txt/html, manifest.
            #expect(dir.files(in: "out/\(n)").count == 9, "out/\(n): \(dir.files(in: "out/\(n)"))")
            #expect(try Data(contentsOf: dir.root.appending(path: "out/\(n)/manifest.json")) == reference)
        }
    }

    /// A folder that cannot be written is exit 73 with the path named, and what it held is kept.
    /// Permission bits do not stop root, so as root the test writes under /sys (a read-only mount).
    @Test func readOnlyOutputIs73AndKeepsWhatWasThere() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let input = ReportCommandTests.demoInputs[1]
        if getuid() == 0 {
            let run = try dir.run(["report", input, "--out", "/sys/engage-out", "--tz", "UTC", "--quiet"])
            #expect(run.status == 73, "\(run.stderr)")
            #expect(run.stderr.contains("/sys/engage-out"))
            return
        }
        #expect(try dir.run(["report", input, "--out", "out", "--tz", "UTC", "--quiet"]).status == 0)
        let before = dir.files(in: "out")
        let folder = dir.root.appending(path: "out")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let run = try dir.run(["report", input, "--out", "out", "--tz", "UTC", "--quiet"])
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("out"))
        #expect(dir.files(in: "out") == before)
    }
}
