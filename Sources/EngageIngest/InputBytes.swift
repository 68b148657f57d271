#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// The raw bytes of one input file, memory-mapped when the file allows it.
///
/// Regular files are mapped read-only (the kernel pages them in as the scanner walks forward);
/// pipes and other special files are read in chunks into memory, at most ``streamLimit`` bytes,
/// and stop at the first chunk that shows they are not text (a run of NUL bytes, as `/dev/zero`
/// gives), so an endless input ends in an error instead of all memory. The bytes never become a
/// `String` as a whole.
final class InputBytes: @unchecked Sendable {
    // @unchecked: the mapping is read-only and immutable for the object's lifetime.

    /// The path as given.
    let path: String
    /// The file's bytes; valid while `self` lives.
    let bytes: UnsafeRawBufferPointer

    private let mapped: Bool
    /// Read from a pipe or device into a `malloc`ed block.
    private let streamed: Bool

    /// Opens and maps (or reads) `path`.
    ///
    /// - Throws: ``IngestError/inputMissing(path:)`` when nothing is at `path`,
    ///   ``IngestError/inputUnreadable(path:reason:)`` for folders, permissions and I/O errors,
    ///   ``IngestError/unsupportedInput(path:reason:)`` for a special file that is not text or
    ///   passes ``streamLimit``.
    init(path: String) throws(IngestError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .inputMissing(path: path) }
            throw .inputUnreadable(path: path, reason: InputBytes.systemMessage(code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .inputUnreadable(path: path, reason: InputBytes.systemMessage(errno))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .inputUnreadable(path: path, reason: "it is a folder, not a file")
        }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG, size > 0,
           let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED {
            _ = madvise(address, size, MADV_SEQUENTIAL)
            bytes = UnsafeRawBufferPointer(start: address, count: size)
            mapped = true; streamed = false
            return
        }
        bytes = try InputBytes.readAll(fd: fd, path: path)
        mapped = false; streamed = true
    }

    /// Copies `data` as if it were the file `path` (fuzzing and tests: no file system involved).
    init(data: [UInt8], path: String) {
        self.path = path
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 8)
        buffer.copyBytes(from: data)
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<data.count])
        mapped = false; streamed = false
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else if streamed {
            free(UnsafeMutableRawPointer(mutating: bytes.baseAddress))
        } else {
            bytes.deallocate()
        }
    }

    /// Lets the kernel take back the mapped pages of `bytes[0..<offset]`: they stop counting toward
    /// this process's memory and are read from the file again if touched (the mapping is private and
    /// read-only, so nothing is lost). Does nothing for bytes held in memory, where it would erase them.
    func release(upTo offset: Int) { release(from: 0, upTo: offset) }

    /// ``release(upTo:)`` for the whole pages inside `bytes[start..<offset]`.
    func release(from start: Int, upTo offset: Int) {
        guard mapped, let base = bytes.baseAddress else { return }
        let first = (max(0, start) + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let end = min(offset, bytes.count) / Self.pageSize * Self.pageSize
        guard end > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), end - first, MADV_DONTNEED)
    }

    /// Bytes between two ``release(upTo:)`` calls of a reader walking the file.
    static let releaseStride = 2 << 20

    private static let pageSize = max(4096, sysconf(Int32(_SC_PAGESIZE)))

    /// SHA-256 of the file's bytes, lowercase hex. Hashed in steps, releasing what was hashed.
    func sha256Hex() -> String {
        var hasher = SHA256()
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + Self.releaseStride)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            release(upTo: end)
            offset = end
        }
        let digest = hasher.finalize()
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Most bytes read from a pipe or other special file: 512 MiB. A larger export can be read from
    /// a regular file, which is mapped instead of held.
    static let streamLimit = 512 << 20

    /// Reads a special file to its end into one growing allocation (glibc grows large ones in place
    /// with `mremap`, so there is no second copy), checking each chunk for NUL runs.
    private static func readAll(fd: Int32, path: String) throws(IngestError) -> UnsafeRawBufferPointer {
        let chunk = 1 << 20
        var capacity = chunk, count = 0
        guard var storage = malloc(capacity) else { throw .inputUnreadable(path: path, reason: "out of memory") }
        while true {
            if count + chunk > capacity {
                capacity = min(2 * capacity, streamLimit + chunk)
                guard let grown = realloc(storage, capacity) else {
                    free(storage)
                    throw .inputUnreadable(path: path, reason: "out of memory after \(count) bytes")
                }
                storage = grown
            }
            let n = read(fd, storage + count, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = systemMessage(errno)
                free(storage)
                throw .inputUnreadable(path: path, reason: reason)
            }
            if n == 0 { break }
            if let at = nulRun(in: UnsafeRawBufferPointer(start: storage + count, count: n)) {
                free(storage)
                throw .unsupportedInput(path: path, reason: "not a text file: NUL bytes at byte offset \(count + at) (an export is text; is this a device or a binary file?)")
            }
            count += n
            if count > streamLimit {
                free(storage)
                throw .unsupportedInput(path: path, reason: "more than \(streamLimit >> 20) MiB from a pipe or device, the most engage reads from one; save the export to a file and give its path")
            }
        }
        return UnsafeRawBufferPointer(start: storage, count: count)
    }

    /// Where four NUL bytes in a row start in `bytes`, or nil. No text export has them: UTF-8 text
    /// has no NUL, and four NUL bytes in UTF-16 would hold a U+0000 character.
    static func nulRun(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, 0, bytes.count - from) {
            let at = base.distance(to: UnsafeRawPointer(hit))
            if at + 4 <= bytes.count, bytes[at + 1] == 0, bytes[at + 2] == 0, bytes[at + 3] == 0 { return at }
            from = at + 1
        }
        return nil
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
