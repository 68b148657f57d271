import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed HTTP/1.1 request.
struct HTTPRequest: Sendable {
    var method: String
    /// Path and query as sent, e.g. `/2/tweets?ids=1,2`.
    var target: String
    /// Header names lower-cased.
    var headers: [String: String]
    var body: Data

    var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }
    var query: String? { target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) }
}

/// An HTTP response to write.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: Data = Data()
    /// Delay before answering, seconds.
    var delay: Double = 0
    /// Bytes of the body sent before the connection is reset (a fault); nil sends it whole.
    var resetAfter: Int?
}

/// A minimal HTTP/1.1 server over POSIX sockets on 127.0.0.1: one thread accepting, one thread per
/// connection, one request per connection (`Connection: close`). Enough for a loopback fake of the
/// APIs; no dependency, nothing to build.
///
/// It keeps serving when it runs out of file descriptors (EMFILE/ENFILE: it waits a moment and
/// accepts again), and a connection that has not sent its whole request within
/// ``requestDeadline`` seconds, or does not take the answer within that long, is closed.
final class HTTPServer: @unchecked Sendable {
    private let lock = NSLock()
    private var listenFD: Int32 = -1
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse

    init(handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.handler = handler }

    /// Binds 127.0.0.1:`port` (0 = any free port) and starts accepting; returns the bound port.
    func start(port: Int) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SandboxError("socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port)).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); throw SandboxError("cannot bind 127.0.0.1:\(port) (errno \(errno)); is the port in use?") }
        guard listen(fd, 64) == 0 else { close(fd); throw SandboxError("listen() failed: errno \(errno)") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        lock.lock(); listenFD = fd; lock.unlock()
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.start()
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Stops accepting; connections in flight finish.
    func stop() {
        lock.lock(); let fd = listenFD; listenFD = -1; lock.unlock()
        guard fd >= 0 else { return }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    /// Seconds a client has to send its request, and to take each part of the answer.
    static let requestDeadline = 10

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                let code = errno
                lock.lock(); let open = listenFD == fd; lock.unlock()
                guard open else { return }
                switch code {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    usleep(100_000)   // out of descriptors or memory: connections in flight end and free some
                    continue
                default: return
                }
            }
            let t = Thread { [self] in serve(client) }
            t.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var tv = timeval(tv_sec: Self.requestDeadline, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        guard let request = readRequest(fd) else { return }
        let response = handler(request)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (k, v) in response.headers { head += "\(k): \(v)\r\n" }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        guard let cut = response.resetAfter else {
            writeAll(fd, Data(head.utf8) + response.body)
            return
        }
        writeAll(fd, Data(head.utf8) + response.body.prefix(cut))
        // Linger 0: close() sends RST instead of FIN, as a dropped connection does.
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    private func readRequest(_ fd: Int32) -> HTTPRequest? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd: Range<Data.Index>? = nil
        let deadline = Date().addingTimeInterval(Double(Self.requestDeadline))
        while headerEnd == nil {
            if Date() > deadline { return nil }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
            headerEnd = buffer.range(of: separator)
            if buffer.count > 1_000_000 { return nil }
        }
        let headText = String(decoding: buffer[..<headerEnd!.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let first = lines.removeFirst().split(separator: " ")
        guard first.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(buffer[headerEnd!.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard length <= 10_000_000 else { return nil }
        while body.count < length {
            if Date() > deadline { return nil }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            body.append(contentsOf: chunk[0..<n])
        }
        return HTTPRequest(method: String(first[0]), target: String(first[1]), headers: headers, body: body)
    }

    private func writeAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                offset += n
            }
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// A sandbox failure (bind, bad fault spec).
public struct SandboxError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
    init(_ d: String) { description = d }
}
