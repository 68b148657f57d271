import Foundation

/// A fault the end-to-end tests inject into a commit, to prove it is one unit: with
/// `ENGAGE_TEST_COMMIT_SIGNAL=SIG:N` (SIG one of `TERM`, `INT`, `KILL`) the process sends itself
/// that signal after the N-th file is moved into place, then pauses a second so the signal is
/// handled mid-commit. Unset, it does nothing.
enum CommitFaults {
    private static let plan: (signal: Int32, after: Int)? = {
        guard let spec = ProcessInfo.processInfo.environment["ENGAGE_TEST_COMMIT_SIGNAL"] else { return nil }
        let parts = spec.split(separator: ":")
        let signals: [Substring: Int32] = ["TERM": SIGTERM, "INT": SIGINT, "KILL": SIGKILL]
        guard parts.count == 2, let number = signals[parts[0]], let after = Int(parts[1]) else { return nil }
        return (number, after)
    }()

    /// Called after each rename of a commit.
    static func after(renames: Int) {
        guard let plan, plan.after == renames else { return }
        kill(getpid(), plan.signal)
        sleep(1)
    }
}
