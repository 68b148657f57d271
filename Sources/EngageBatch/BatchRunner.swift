import EngageConfig
import Foundation

/// Runs the jobs of a ``BatchPlan``: one after another in this process, or spread over worker
/// processes, each a copy of this command that runs every N-th job (`--shard i/N`).
///
/// Worker processes rather than threads: threads in one process share the allocator, Cairo's font
/// locks and GCD's pool, and each report already uses both cores for its own jobs, so two
/// processes finish a batch sooner than two threads (measured in Benchmarks/README.md, "Batch").
///
/// A worker tells its parent which job it starts and how each ended in marker lines on stdout
/// (``JobMarker``); every other line is passed through. A worker that dies (a crash, a kill)
/// is named with the job it was running and the jobs it never started.
public struct BatchRunner: Sendable {
    public let plan: BatchPlan
    /// Print an `ok` line per written job on stdout.
    public let showsProgress: Bool
    /// Prints an error line on stderr (the command's own format).
    public let reportError: @Sendable (String) -> Void

    /// The exit status of a job whose worker died before finishing it (sysexits' EX_SOFTWARE).
    public static let lostJobStatus: Int32 = 70

    public init(plan: BatchPlan, showsProgress: Bool, reportError: @escaping @Sendable (String) -> Void) {
        self.plan = plan
        self.showsProgress = showsProgress
        self.reportError = reportError
    }

    /// The jobs of worker `index` of `count`: every `count`-th, starting at `index`.
    public func indices(worker index: Int, of count: Int) -> [Int] {
        Array(stride(from: index, to: plan.jobs.count, by: count))
    }

    /// `i/N` with 0 ≤ i < N, as `--shard` takes it.
    public static func shard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0,
              (0..<count).contains(index) else { return nil }
        return (index, count)
    }

    /// Runs the jobs at `indices` one after another, printing a line for each; one failing job
    /// does not stop the others. `marked`: also print the marker lines a parent counts.
    public func run(_ indices: [Int], marked: Bool = false, job: (_ job: BatchJob, _ folder: String) -> JobResult) -> BatchOutcome {
        var outcome = BatchOutcome()
        for index in indices {
            let current = plan.jobs[index]
            if marked { Self.print(JobMarker.started(index).line) }
            switch job(current, plan.folders[index]) {
            case .written(let detail):
                if showsProgress { Self.print("ok   \(current.name): \(detail)") }
                outcome.add(status: 0)
                if marked { Self.print(JobMarker.finished(index, status: 0).line) }
            case .failed(let status, let message):
                reportError("job \(current.name) (\(plan.path) \(BatchPlan.line(current))): \(message)")
                outcome.add(status: status)
                if marked { Self.print(JobMarker.finished(index, status: status).line) }
            }
        }
        return outcome
    }

    /// Starts `count` workers, `executable arguments --shard i/count`, passes their output through
    /// and adds up their jobs. `started` is told each worker's process id (to pass signals on).
    public func runWorkers(_ count: Int, executable: URL, arguments: [String],
                           started: (pid_t) -> Void) throws(BatchError) -> BatchOutcome {
        let readers = DispatchGroup()
        var workers: [(process: Process, tally: WorkerTally)] = []
        for index in 0..<count {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments + ["--shard", "\(index)/\(count)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            do { try process.run() } catch {
                for (running, _) in workers { running.terminate() }
                throw .workerNotStarted("cannot start a batch worker (\(executable.path)): \(error.localizedDescription)")
            }
            started(process.processIdentifier)
            let tally = WorkerTally()
            let output = pipe.fileHandleForReading
            DispatchQueue.global().async(group: readers) {
                var pending = Data()
                while case let chunk = output.availableData, !chunk.isEmpty {
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: 0x0A) {
                        let line = String(decoding: pending[..<newline], as: UTF8.self)
                        if !tally.take(line) { Self.print(line) }
                        pending.removeSubrange(...newline)
                    }
                }
            }
            workers.append((process, tally))
        }
        for (process, _) in workers { process.waitUntilExit() }
        readers.wait()
        var outcome = BatchOutcome()
        for (number, worker) in workers.enumerated() {
            let (finished, running) = worker.tally.state
            for status in finished.values { outcome.add(status: status) }
            let lost = indices(worker: number, of: count).filter { finished[$0] == nil }
            guard !lost.isEmpty else { continue }
            let how = worker.process.terminationReason == .uncaughtSignal
                ? "was killed by signal \(worker.process.terminationStatus) (\(String(cString: strsignal(worker.process.terminationStatus))))"
                : "exited with status \(worker.process.terminationStatus)"
            for index in lost {
                let job = plan.jobs[index]
                let when = index == running ? "while running it" : "before starting it"
                reportError("job \(job.name) (\(plan.path) \(BatchPlan.line(job))): not written: its batch worker (\(number)/\(count)) \(how) \(when)")
                outcome.add(status: Self.lostJobStatus)
            }
        }
        return outcome
    }

    private static let outputLock = NSLock()

    /// One whole line on stdout, never interleaved with another worker's.
    static func print(_ line: String) {
        outputLock.withLock { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }
}
