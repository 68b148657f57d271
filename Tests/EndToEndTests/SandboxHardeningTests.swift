import Foundation
import Testing

/// `engage sandbox` under abuse: bad arguments are usage errors (exit 64), never a crash; running
/// out of file descriptors or meeting clients that never finish does not stop it serving.
@Suite struct SandboxHardeningTests {
    @Test(arguments: [["--port", "70000"], ["--faults", "x"], ["--faults", "429x1000000000000"], ["--faults", "slow=5000s"],
                      ["--faults", "slow=-1s"], ["--faults", "retry-after=99999999999"]])
    func badArgumentsAreUsageErrors(arguments: [String]) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(["sandbox", "--port", "0"] + arguments)
        #expect(run.status == 64, "\(arguments): status \(run.status): \(run.stderr)")
        #expect(run.stderr.lowercased().contains("error"), "\(run.stderr)")
    }

    /// With 40 descriptors at most, 60 idle clients exhaust them; the sandbox closes idle ones after
    /// 10 s and answers a real request afterwards.
    @Test func itKeepsServingAfterRunningOutOfDescriptors() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/prlimit")
        process.arguments = ["--nofile=40", Workdir.binary.path, "sandbox", "--port", "0"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        var banner = ""
        while !banner.contains("listening on"), case let data = err.fileHandleForReading.availableData, !data.isEmpty {
            banner += String(decoding: data, as: UTF8.self)
        }
        let port = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) })
        let idle = (0..<60).map { _ in Self.connect(port) }
        defer { for fd in idle where fd >= 0 { close(fd) } }
        #expect(idle.filter { $0 >= 0 }.count == 60)
        let answer = try Self.get(port, path: "/2/users/by/username/sandbox_brand", within: 30)
        #expect(answer.hasPrefix("HTTP/1.1 "), "no answer after the descriptors ran out: \(answer.prefix(200))")
    }

    static func connect(_ port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port)).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if ok != 0 { close(fd); return -1 }
        return fd
    }

    /// The raw answer to `GET path`, or "" when none came within `seconds`.
    static func get(_ port: Int, path: String, within seconds: Int) throws -> String {
        let fd = connect(port)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var tv = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }
}

/// `engage fetch` against a sandbox that only ever answers with an HTML page: the whole fetch stops
/// at `--fetch-timeout`, and the error mentions no cache, because none was kept.
@Suite struct FetchLimitTests {
    static let sandboxCredentials = [
        "X_CONSUMER_KEY": "sandbox-consumer-key", "X_CONSUMER_SECRET": "sandbox-consumer-secret",
        "X_ACCESS_TOKEN": "1000001-sandbox-access-token", "X_ACCESS_TOKEN_SECRET": "sandbox-access-token-secret",
    ]

    @Test func theFetchTimeoutEndsAFetchAndNoAbsentCacheIsMentioned() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let sandbox = Process()
        sandbox.executableURL = Workdir.binary
        sandbox.arguments = ["sandbox", "--port", "0", "--faults", "htmlx1000"]
        let err = Pipe()
        sandbox.standardError = err
        sandbox.standardOutput = FileHandle.nullDevice
        try sandbox.run()
        defer { sandbox.terminate(); sandbox.waitUntilExit() }
        var banner = ""
        while !banner.contains("listening on"), case let data = err.fileHandleForReading.availableData, !data.isEmpty {
            banner += String(decoding: data, as: UTF8.self)
        }
        let port = try #require(banner.firstMatch(of: /127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) })
        let started = Date()
        let run = try dir.run(["fetch", "--ids", "1500000000000000000", "--api-base", "http://127.0.0.1:\(port)",
                               "--fetch-timeout", "3", "--out", "fetched"], environment: Self.sandboxCredentials)
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.contains("limit (--fetch-timeout)"), "\(run.stderr)")
        #expect(!run.stderr.contains("cache"), "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
