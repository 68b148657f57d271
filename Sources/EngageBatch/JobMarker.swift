import Foundation

/// The lines a batch worker prints for its parent to count: `engage-batch-job <index> started`
/// and `engage-batch-job <index> status <exit status>`. They are not shown to people.
enum JobMarker: Equatable {
    case started(Int)
    case finished(Int, status: Int32)

    static let prefix = "engage-batch-job "

    var line: String {
        switch self {
        case .started(let index): Self.prefix + "\(index) started"
        case .finished(let index, let status): Self.prefix + "\(index) status \(status)"
        }
    }

    /// The marker a line holds, or `nil` for a line meant for people.
    init?(line: String) {
        guard line.hasPrefix(Self.prefix) else { return nil }
        let words = line.dropFirst(Self.prefix.count).split(separator: " ")
        if words.count == 2, words[1] == "started", let index = Int(words[0]) {
            self = .started(index)
        } else if words.count == 3, words[1] == "status", let index = Int(words[0]), let status = Int32(words[2]) {
            self = .finished(index, status: status)
        } else {
            return nil
        }
    }
}

/// One worker's progress as its marker lines tell it.
final class WorkerTally: @unchecked Sendable {
    private let lock = NSLock()
    private var finished: [Int: Int32] = [:]
    private var running: Int?

    /// Takes a marker line and returns true; returns false for any other line.
    func take(_ line: String) -> Bool {
        guard let marker = JobMarker(line: line) else { return false }
        lock.withLock {
            switch marker {
            case .started(let index): running = index
            case .finished(let index, let status):
                finished[index] = status
                if running == index { running = nil }
            }
        }
        return true
    }

    /// Each finished job's exit status by job index, and the job started but not finished.
    var state: (finished: [Int: Int32], running: Int?) { lock.withLock { (finished, running) } }
}
