import Foundation

/// Writes a run's outputs so that a reader never sees a half-written file.
///
/// Every file is first written into a hidden staging folder inside the output folder (same file
/// system, so the final `rename(2)` is atomic). ``commit()`` moves the files into place only when
/// all of them are complete; ``discard()`` (also called on deinit when not committed) removes the
/// staging folder, leaving the previous outputs untouched.
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
            throw .cannotCreate(path, reason: OutputError.plainReason(error))
        }
        Self.removeAbandoned(in: outputFolder)
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
    @discardableResult
    public static func removeActiveFolders() -> Int {
        let paths = active.all
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

    /// Moves every staged file into the output folder, replacing older files of the same name.
    /// - Returns: the final paths, in staging order.
    public func commit() throws(OutputError) -> [URL] {
        let fm = FileManager.default
        for name in names where !fm.fileExists(atPath: stagingFolder.appending(path: name).path) {
            throw .cannotCreate(outputFolder.appending(path: name).path, reason: "the renderer did not produce it")
        }
        var finals: [URL] = []
        for name in names {
            let from = stagingFolder.appending(path: name), to = outputFolder.appending(path: name)
            if rename(from.path, to.path) != 0 {
                let reason = String(cString: strerror(errno))
                throw .cannotCreate(to.path, reason: reason)
            }
            finals.append(to)
        }
        committed = true
        try? fm.removeItem(at: stagingFolder)
        Self.active.remove(stagingFolder.path)
        return finals
    }

    /// Removes the staging folder and everything in it.
    public func discard() {
        try? FileManager.default.removeItem(at: stagingFolder)
        Self.active.remove(stagingFolder.path)
    }
}

/// A lock-protected set of folder paths.
private final class ActiveFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var paths = Set<String>()

    func insert(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
    var all: [String] { lock.withLock { Array(paths) } }
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
