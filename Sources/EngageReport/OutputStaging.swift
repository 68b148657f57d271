import Foundation

/// Writes a run's outputs so that a reader never sees a half-written file.
///
/// Every file is first written into a hidden staging folder inside the output folder (same file
/// system, so the final `rename(2)` is atomic). ``commit()`` moves the files into place only when
/// all of them are complete; ``discard()`` (also called on deinit when not committed) removes the
/// staging folder, leaving the previous outputs untouched.
///
/// The set of files is one unit. A commit holds an exclusive `flock(2)` on the output folder itself
/// (concurrent runs into one folder commit one after the other, each set whole), hard-links every file it will replace into a hidden `.engage-previous-*` folder and
/// writes a journal, `.engage-journal`, naming them, before the first rename. A rename that fails,
/// or SIGINT/SIGTERM/SIGHUP during the renames, puts every replaced file back and removes the new
/// ones; removing the journal is the commit point. A commit killed outright (SIGKILL, power) leaves
/// the journal, and the next run into the folder rolls it back under the lock before anything else.
///
/// ```swift
/// let staging = try OutputStaging(outputFolder: "out")
/// try staging.write(Data(...), as: "report.txt")
/// let files = try staging.commit()
/// ```
public final class OutputStaging {
    /// The folder the finished files land in.
    public let outputFolder: URL
    /// The hidden folder files are written to first.
    public let stagingFolder: URL
    private var names: [String] = []
    private var committed = false

    /// Creates the output folder if needed and a fresh staging folder inside it.
    /// - Throws: ``OutputError/cannotCreate(_:reason:)`` when either cannot be created.
    public init(outputFolder path: String) throws(OutputError) {
        outputFolder = URL(filePath: path, directoryHint: .isDirectory)
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path, reason: Self.fileInTheWay(of: outputFolder) ?? OutputError.plainReason(error))
        }
        Self.removeAbandoned(in: outputFolder)
        do {
            let lock = try Self.lock(outputFolder)
            defer { close(lock) }
            try Self.rollBackAbandonedCommit(in: outputFolder)
        } catch {
            throw .cannotCreate(path, reason: error.reason)
        }
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        stagingFolder = outputFolder.appending(path: "\(Self.prefix)\(unique)", directoryHint: .isDirectory)
        do {
            try fm.createDirectory(at: stagingFolder, withIntermediateDirectories: false)
        } catch {
            throw .cannotCreate(path, reason: OutputError.plainReason(error))
        }
        Self.active.insert(stagingFolder.path)
    }

    deinit { if !committed { discard() } }

    /// Staging folder names start with this, then `<pid>-<random>`.
    static let prefix = ".engage-staging-"

    /// Staging folders of this process not yet committed or discarded.
    private static let active = ActiveFolders()

    /// Removes every staging folder of this process; for signal handlers, which then exit at once.
    /// - Returns: how many were removed.
    /// A commit under way is first rolled back (or, if it already finished, kept whole).
    @discardableResult
    public static func removeActiveFolders() -> Int {
        let paths = active.interrupt()
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        return paths.count
    }

    /// Removes staging folders left in `folder` by runs that were killed (their process is gone):
    /// SIGKILL cannot be caught, so the next run cleans up.
    static func removeAbandoned(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).split(separator: "-").first ?? "") else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appending(path: name))
            }
        }
    }

    /// "`x` is a file, not a folder" for the first part of `folder` that exists and is not a folder.
    static func fileInTheWay(of folder: URL) -> String? {
        var part = URL(filePath: "/")
        for component in folder.standardizedFileURL.pathComponents.dropFirst() {
            part.append(path: component)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: part.path, isDirectory: &isFolder) else { return nil }
            if !isFolder.boolValue { return "\(part.path) is a file, not a folder" }
        }
        return nil
    }

    /// The path where a renderer should write `name` (a plain file name, no folders).
    public func stagedPath(for name: String) -> String {
        if !names.contains(name) { names.append(name) }
        return stagingFolder.appending(path: name).path
    }

    /// Writes `data` as `name` into the staging folder.
    ///
    /// Plain stdio, like every other renderer: Foundation's `Data.write` calls `fsync`, which kept a
    /// batch worker waiting on the disk for each summary and manifest. The commit's renames are what
    /// make the outputs appear whole.
    public func write(_ data: Data, as name: String) throws(OutputError) {
        let path = stagedPath(for: name)
        func failure(_ code: Int32) -> OutputError {
            .cannotCreate(outputFolder.appending(path: name).path, reason: String(cString: strerror(code)))
        }
        guard let file = fopen(path, "wb") else { throw failure(errno) }
        let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let writeError = written == data.count ? 0 : errno
        if fclose(file) != 0 { throw failure(writeError != 0 ? writeError : errno) }
        if writeError != 0 { throw failure(writeError) }
    }

    /// The names staged so far, in the order first requested.
    public var stagedNames: [String] { names }

    /// Moves every staged file into the output folder, replacing older files of the same name, as
    /// one unit: when any file cannot be moved, or the run is interrupted meanwhile, the folder is put
    /// back as it was and nothing of this run is left in it.
    /// - Returns: the final paths, in staging order.
    public func commit() throws(OutputError) -> [URL] {
        let fm = FileManager.default
        for name in names where !fm.fileExists(atPath: stagingFolder.appending(path: name).path) {
            throw .cannotCreate(outputFolder.appending(path: name).path, reason: "the renderer did not produce it")
        }
        let lock: Int32
        do { lock = try Self.lock(outputFolder) } catch { throw .cannotCreate(outputFolder.path, reason: error.reason) }
        defer { close(lock) }
        try Self.active.committing(stagingFolder.path) { () throws(OutputError) in
            let journal: CommitJournal
            do {
                try Self.rollBackAbandonedCommit(in: outputFolder)
                journal = try CommitJournal.begin(in: outputFolder, names: names,
                                                  unique: String(stagingFolder.lastPathComponent.dropFirst(Self.prefix.count)))
            } catch let failure as CommitJournal.Failure {
                throw .cannotCreate(failure.path, reason: failure.reason)
            } catch {
                throw .cannotCreate(outputFolder.path, reason: "\(error)")
            }
            var moved = 0
            for name in names {
                let from = stagingFolder.appending(path: name), to = outputFolder.appending(path: name)
                if rename(from.path, to.path) != 0 {
                    let reason = String(cString: strerror(errno))
                    journal.rollBack()
                    throw .cannotCreate(to.path, reason: reason + "; the earlier outputs were put back, none of this run's were kept")
                }
                moved += 1
                CommitFaults.after(renames: moved)
                if Self.active.interrupted {
                    journal.rollBack()
                    throw .cannotCreate(outputFolder.path, reason: "interrupted; the earlier outputs were put back")
                }
            }
            journal.finish()
            Self.active.remove(stagingFolder.path)
        }
        committed = true
        try? fm.removeItem(at: stagingFolder)
        return names.map { outputFolder.appending(path: $0) }
    }

    /// Opens and exclusively locks `folder`, waiting for another run's commit into it.
    /// - Returns: the descriptor; closing it releases the lock.
    private static func lock(_ folder: URL) throws(CommitJournal.Failure) -> Int32 {
        let path = folder.path
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw CommitJournal.Failure(path: path, reason: String(cString: strerror(errno))) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(fd)
            throw CommitJournal.Failure(path: path, reason: reason)
        }
        return fd
    }

    /// Rolls back a commit that was killed in `folder` (its journal is still there); call under the lock.
    private static func rollBackAbandonedCommit(in folder: URL) throws(CommitJournal.Failure) {
        try CommitJournal.recover(in: folder)
    }

    /// Removes the staging folder and everything in it.
    public func discard() {
        try? FileManager.default.removeItem(at: stagingFolder)
        Self.active.remove(stagingFolder.path)
    }
}

/// A lock-protected set of staging folder paths, and whether the process was interrupted.
///
/// A commit runs while holding `commitLock`; an interruption sets ``interrupted`` and then waits
/// for that lock, so it never removes files while a commit is half done: the commit sees the flag
/// after its next rename and rolls back first.
private final class ActiveFolders: @unchecked Sendable {
    private let lock = NSLock()
    private let commitLock = NSLock()
    private var paths = Set<String>()
    private var interruptRequested = false

    func insert(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// True once ``interrupt()`` was called.
    var interrupted: Bool { lock.withLock { interruptRequested } }

    /// Runs `body` (a commit of `path`) so that an interruption waits for it to end.
    /// When the commit was interrupted and rolled back, the calling thread waits here for the
    /// signal handler to end the process (so the run ends with 128 + the signal, not a write error).
    func committing(_ path: String, _ body: () throws(OutputError) -> Void) throws(OutputError) {
        commitLock.lock()
        do throws(OutputError) {
            if interrupted { throw OutputError.cannotCreate(path, reason: "interrupted before the outputs were moved into place") }
            try body()
        } catch {
            commitLock.unlock()
            while interrupted { sleep(60) }
            throw error
        }
        commitLock.unlock()
    }

    /// Marks the process interrupted, waits for a commit under way, and returns the folders left.
    func interrupt() -> [String] {
        lock.withLock { interruptRequested = true }
        commitLock.lock()
        defer { commitLock.unlock() }
        return lock.withLock { Array(paths) }
    }
}

/// Output failures; the CLI maps them to exit code 73.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    /// A file or folder could not be created or written.
    case cannotCreate(String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): "cannot write \(path): \(reason)"
        }
    }

    static func plainReason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case NSFileWriteVolumeReadOnlyError: return "read-only file system"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
