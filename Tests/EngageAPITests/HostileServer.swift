import CZlib
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server that misbehaves on purpose: it reads a request's head, records it, then
/// answers the way ``Behaviour`` says (forever, slowly, a bomb, elsewhere). One thread per connection.
final class HostileServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// `Content-Length: 8000000000`, then spaces until the client hangs up.
        case hugeDeclared
        /// Chunked spaces until the client hangs up (no length announced).
        case endless
        /// A small gzip body that inflates to `inflated` zero bytes.
        case gzipBomb(inflated: Int)
        /// `Content-Length: 1000`, then one byte every `interval` seconds.
        case drip(interval: Double)
        /// `302` to `location`.
        case redirect(location: String)
        /// A 200 JSON body that echoes the request's `Authorization` header.
        case reflect
    }

    private let behaviour: Behaviour
    private let lock = NSLock()
    private var heads: [String] = []
    private var listenFD: Int32 = -1
    /// The bound port.
    private(set) var port = 0

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        port = Int(UInt16(bigEndian: addr.sin_port))
        listenFD = fd
        Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                Thread { [self] in serve(client) }.start()
            }
        }.start()
    }

    /// `http://127.0.0.1:PORT`.
    var base: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// The request heads received so far (request line and headers), oldest first.
    var requests: [String] { lock.withLock { heads } }

    func stop() {
        shutdown(listenFD, Int32(SHUT_RDWR))
        close(listenFD)
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var head = Data()
        var byte: UInt8 = 0
        while !head.hasSuffix(Data("\r\n\r\n".utf8)), head.count < 65_536, recv(fd, &byte, 1, 0) == 1 { head.append(byte) }
        let text = String(decoding: head, as: UTF8.self)
        lock.withLock { heads.append(text) }
        switch behaviour {
        case .hugeDeclared:
            guard send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8000000000\r\n\r\n") else { return }
            let spaces = String(repeating: " ", count: 65_536)
            while send(fd, spaces) { usleep(1_000) }   // 64 MB/s: hostile enough, and leaves the cores to the suite
        case .endless:
            guard send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n") else { return }
            let chunk = "10000\r\n" + String(repeating: " ", count: 65_536) + "\r\n"
            while send(fd, chunk) { usleep(1_000) }
        case .gzipBomb(let inflated):
            let body = Self.gzip(zeros: inflated)
            guard send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: \(body.count)\r\n\r\n") else { return }
            _ = send(fd, body)
        case .drip(let interval):
            guard send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n") else { return }
            while send(fd, " ") { usleep(useconds_t(interval * 1_000_000)) }
        case .redirect(let location):
            _ = send(fd, "HTTP/1.1 302 Found\r\nLocation: \(location)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        case .reflect:
            let authorization = text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("authorization:") }
                .map { String($0.dropFirst("authorization:".count)).trimmingCharacters(in: .whitespaces) } ?? ""
            let body = Data("{\"data\":[],\"echo\":{\"authorization\":\"\(authorization)\"}}".utf8)
            _ = send(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n")
            _ = send(fd, body)
        }
    }

    private func send(_ fd: Int32, _ text: String) -> Bool { send(fd, Data(text.utf8)) }

    private func send(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// A gzip stream (RFC 1952) of `count` zero bytes, made with zlib: about 1,000 times smaller.
    static func gzip(zeros count: Int) -> Data {
        let zeros = [UInt8](repeating: 0, count: count)
        var size = compressBound(uLong(count))
        var packed = [UInt8](repeating: 0, count: Int(size))
        _ = compress2(&packed, &size, zeros, uLong(count), 9)
        // zlib format = 2-byte header + raw deflate + Adler-32; gzip wants the raw deflate.
        let deflate = packed[2..<(Int(size) - 4)]
        let crc = UInt32(crc32(0, zeros, uInt(count)))
        var out = Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF])
        out.append(contentsOf: deflate)
        for v in [crc, UInt32(truncatingIfNeeded: count)] {
            out.append(contentsOf: [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)])
        }
        return out
    }
}

private extension Data {
    func hasSuffix(_ suffix: Data) -> Bool { count >= suffix.count && self[(endIndex - suffix.count)...] == suffix }
}
