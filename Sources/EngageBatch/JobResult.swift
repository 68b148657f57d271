/// How one batch job ended.
public enum JobResult: Sendable {
    /// Every output written; the text is what the `ok` line says about them.
    case written(String)
    /// Not written: the exit status the job would have had alone, and why.
    case failed(status: Int32, message: String)
}

/// What a batch, or one worker's share of it, achieved.
public struct BatchOutcome: Sendable, Equatable {
    /// Jobs whose reports were written.
    public var written = 0
    /// The most serious exit status of any job (higher is more serious); 0 when every job succeeded.
    public var worst: Int32 = 0

    mutating func add(status: Int32) {
        if status == 0 { written += 1 } else { worst = max(worst, status) }
    }
}
