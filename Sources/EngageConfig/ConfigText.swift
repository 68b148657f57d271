#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The text of a user-edited file, read with a bound: `--campaigns /dev/zero` or a FIFO that never
/// ends is an error naming the file, not a process that grows until the kernel kills it.
enum ConfigText {
    /// Largest configuration file read: 64 MiB (a campaign list of a million post ids is 25 MB).
    static let limit = 64 << 20

    /// The file's text as UTF-8.
    /// - Throws: ``ConfigError`` when it cannot be opened, passes ``limit``, holds NUL bytes or is
    ///   not UTF-8.
    static func read(_ path: String) throws(ConfigError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ConfigError(file: path, message: "cannot read the file (\(String(cString: strerror(errno))))", isUnreadable: true)
        }
        defer { close(fd) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ConfigError(file: path, message: "cannot read the file (\(String(cString: strerror(errno))))", isUnreadable: true)
            }
            if n == 0 { break }
            if let at = chunk[0..<n].firstIndex(of: 0) {
                throw ConfigError(file: path, message: "not a text file: a NUL byte at byte offset \(bytes.count + at)")
            }
            bytes += chunk[0..<n]
            if bytes.count > limit {
                throw ConfigError(file: path, message: "larger than \(limit >> 20) MiB, the most engage reads from a configuration file")
            }
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        guard let text = String(validating: body, as: UTF8.self) else {
            throw ConfigError(file: path, message: "not UTF-8 text; save it as UTF-8")
        }
        return text
    }
}
