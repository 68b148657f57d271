#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// The raw bytes of one input file, memory-mapped when the file allows it.
///
/// Regular files are mapped read-only (the kernel pages them in as the scanner walks forward);
/// pipes and other special files are read in chunks into memory. The bytes never become a
/// `String` as a whole.
final class InputBytes: @unchecked Sendable {
    // @unchecked: the mapping is read-only and immutable for the object's lifetime.

    /// The path as given.
    let path: String
    /// The file's bytes; valid while `self` lives.
    let bytes: UnsafeRawBufferPointer

    private let mapped: Bool

    /// Opens and maps (or reads) `path`.
    ///
    /// - Throws: ``IngestError/inputMissing(path:)`` when nothing is at `path`,
    ///   ``IngestError/inputUnreadable(path:reason:)`` for folders, permissions and I/O errors.
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
            mapped = true
            return
        }
        bytes = try InputBytes.readAll(fd: fd, path: path)
        mapped = false
    }

    /// Copies `data` as if it were the file `path` (fuzzing and tests: no file system involved).
    init(data: [UInt8], path: String) {
        self.path = path
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 8)
        buffer.copyBytes(from: data)
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<data.count])
        mapped = false
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
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

    private static func readAll(fd: Int32, path: String) throws(IngestError) -> UnsafeRawBufferPointer {
        var storage = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .inputUnreadable(path: path, reason: systemMessage(errno))
            }
            if n == 0 { break }
            storage.append(contentsOf: chunk[0..<n])
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count, alignment: 8)
        storage.withUnsafeBytes { buffer.copyMemory(from: $0) }
        return UnsafeRawBufferPointer(buffer)
    }

    private static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
