import Foundation

/// The record that makes a commit of several files one unit: which files a commit replaces (each
/// kept as a hard link, or a copy where links are not supported, in a hidden `.engage-previous-*`
/// folder) and which are new. While the
/// journal exists the commit can be undone; removing it is the commit point.
///
/// The journal, `.engage-journal` in the output folder, is text: the backup folder's name on the
/// first line, then one line per file, `+name` for a file that existed (and is in the backup
/// folder) or `-name` for a new one. Only used under the output folder's commit lock.
struct CommitJournal {
    /// A journal or backup that could not be written or read back.
    struct Failure: Error {
        var path: String
        var reason: String
    }

    static let fileName = ".engage-journal"
    static let backupPrefix = ".engage-previous-"

    let folder: URL
    let backup: URL
    /// The files in commit order, with whether each existed before.
    let entries: [(name: String, existed: Bool)]

    /// Links every file of `names` that exists in `folder` into a new backup folder and writes the
    /// journal; nothing in `folder` has changed yet.
    static func begin(in folder: URL, names: [String], unique: String) throws(Failure) -> CommitJournal {
        let backup = folder.appending(path: backupPrefix + unique, directoryHint: .isDirectory)
        guard mkdir(backup.path, 0o700) == 0 else { throw Failure(path: backup.path, reason: systemReason()) }
        var entries: [(name: String, existed: Bool)] = []
        for name in names {
            let target = folder.appending(path: name).path
            var info = stat()
            if lstat(target, &info) != 0 {
                entries.append((name, false))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                entries.append((name, false))   // its rename will fail, and the commit roll back
                continue
            }
            // A hard link costs nothing; a file system without them (vfat, some network mounts) gets a copy.
            let kept = backup.appending(path: name)
            if link(target, kept.path) != 0 {
                let reason = systemReason()
                do { try FileManager.default.copyItem(atPath: target, toPath: kept.path) } catch {
                    try? FileManager.default.removeItem(at: backup)
                    throw Failure(path: target, reason: "cannot keep the earlier file while replacing it (\(reason)); the earlier outputs are untouched")
                }
            }
            entries.append((name, true))
        }
        let journal = CommitJournal(folder: folder, backup: backup, entries: entries)
        try journal.write()
        return journal
    }

    /// Rolls back a journal left in `folder` by a commit that was killed, and removes backup
    /// folders no journal names (a commit killed after its commit point).
    static func recover(in folder: URL) throws(Failure) {
        let path = folder.appending(path: fileName).path
        unlink(path + ".tmp")
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard !lines.isEmpty, lines[0].hasPrefix(backupPrefix), !lines[0].contains("/") else {
                throw Failure(path: path, reason: "an interrupted commit left a journal engage cannot read; move the folder's files aside and remove it")
            }
            let backup = folder.appending(path: lines.removeFirst(), directoryHint: .isDirectory)
            let entries = lines.map { (name: String($0.dropFirst()), existed: $0.hasPrefix("+")) }
            CommitJournal(folder: folder, backup: backup, entries: entries).rollBack()
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(backupPrefix) {
            try? FileManager.default.removeItem(at: folder.appending(path: name))
        }
    }

    /// Puts every file back as it was (for a file not yet replaced this changes nothing), then
    /// removes the journal and the backup.
    func rollBack() {
        for entry in entries {
            let target = folder.appending(path: entry.name).path
            if entry.existed {
                _ = rename(backup.appending(path: entry.name).path, target)
            } else {
                _ = unlink(target)
            }
        }
        unlink(folder.appending(path: Self.fileName).path)
        try? FileManager.default.removeItem(at: backup)
    }

    /// The commit point: removes the journal, then the backup.
    func finish() {
        unlink(folder.appending(path: Self.fileName).path)
        try? FileManager.default.removeItem(at: backup)
    }

    private func write() throws(Failure) {
        let text = ([backup.lastPathComponent] + entries.map { ($0.existed ? "+" : "-") + $0.name }).joined(separator: "\n") + "\n"
        let path = folder.appending(path: Self.fileName).path, temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)),
              rename(temporary, path) == 0 else {
            let reason = Self.systemReason()
            try? FileManager.default.removeItem(at: backup)
            throw Failure(path: path, reason: reason)
        }
    }

    private static func systemReason() -> String { String(cString: strerror(errno)) }
}
