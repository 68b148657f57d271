import Dispatch
import EngageReport
import Foundation

/// What happens when a run is interrupted: Ctrl-C, a `kill`, a hang-up, or a file-size limit.
enum Interrupts {
    /// Kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    /// Batch worker processes, which get the same signal before this process exits.
    nonisolated(unsafe) private static var workers: [pid_t] = []
    private static let workersLock = NSLock()

    /// Passes any interrupting signal on to the process `pid` (a batch worker) as well.
    static func passOn(to pid: pid_t) { workersLock.withLock { workers.append(pid) } }

    /// On SIGINT, SIGTERM or SIGHUP: pass the signal on to batch workers, remove this run's staging
    /// folders (so no partial file is left in the output folder) and exit with 128 + the signal
    /// number, as shells expect.
    /// SIGXFSZ is ignored so that a write beyond `ulimit -f` fails with EFBIG and becomes an
    /// ordinary "cannot write" error (exit 73) instead of killing the process mid-file.
    ///
    /// Exports are read through a memory mapping that lives as long as their posts (the posts' text
    /// stays in the file). When another program cuts an input short while engage runs (rewriting it
    /// in place instead of moving a finished file into place), the next read of a vanished page
    /// raises SIGBUS: engage says what happened and exits 66 (input unreadable). Nothing visible has
    /// been written; the hidden staging folder is removed by the next run.
    static func install() {
        var inputCutShort = sigaction()
        inputCutShort.__sigaction_handler.sa_handler = { _ in
            // Only async-signal-safe calls here: write(2) of a constant, then _exit.
            let message: StaticString = """
                engage: an input file was cut short or rewritten while engage was reading it; nothing was \
                written. Move a finished export into place instead of rewriting it, then run again.

                """
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            _exit(66)
        }
        sigaction(SIGBUS, &inputCutShort, nil)
        signal(SIGXFSZ, SIG_IGN)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInteractive))
            source.setEventHandler {
                for pid in workersLock.withLock({ workers }) { kill(pid, number) }
                let removed = OutputStaging.removeActiveFolders()
                let note = removed > 0 ? "; the unfinished outputs were removed, earlier ones are untouched" : ""
                FileHandle.standardError.write(Data("engage: interrupted (signal \(number))\(note)\n".utf8))
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
