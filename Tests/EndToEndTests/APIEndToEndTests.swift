import Foundation
import Testing

/// The API path as a user takes it: `engage sandbox`, `engage fetch`, then `engage report` on what
/// was fetched; credentials refused when too widely readable; no secret in any file or output.
@Suite(.serialized) struct APIEndToEndTests {
    static let environment = [
        "X_CONSUMER_KEY": "sandbox-consumer-key", "X_CONSUMER_SECRET": "sandbox-consumer-secret",
        "X_ACCESS_TOKEN": "1000001-sandbox-access-token", "X_ACCESS_TOKEN_SECRET": "sandbox-access-token-secret",
        "X_BEARER_TOKEN": "sandbox-bearer-token",
    ]
    /// Values that must never be written anywhere (the consumer key and access token are identifiers, not secrets).
    static let secrets = ["sandbox-consumer-secret", "sandbox-access-token-secret", "sandbox-bearer-token"]

    /// A running `engage sandbox` on a free port.
    final class Sandbox {
        let process = Process()
        let port: Int
        /// What it printed on stderr up to the line with its address.
        let banner: String

        init(_ options: [String] = []) throws {
            process.executableURL = Workdir.binary
            process.arguments = ["sandbox", "--port", "0"] + options
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var banner = ""
            let deadline = Date().addingTimeInterval(20)
            while !banner.contains("listening on"), Date() < deadline {
                banner += String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
            }
            guard let range = banner.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                  let port = Int(banner[range].split(separator: ":").last ?? "") else {
                process.terminate()
                throw CocoaError(.fileReadCorruptFile)
            }
            self.port = port
            self.banner = banner
        }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }

        var base: String { "http://127.0.0.1:\(port)" }
    }

    @Test func fetchThenReportAndNoSecretAnywhere() throws {
        let sandbox = try Sandbox()
        let dir = try Workdir()
        defer { dir.remove() }
        let fetch = try dir.run(["fetch", "--handle", "sandbox_small", "--from", "2026-09-01", "--to", "2026-10-31", "--source", "v2",
                                 "--api-base", sandbox.base, "--out", "fetched", "--state", "state.json"], environment: Self.environment)
        #expect(fetch.status == 0, "\(fetch.stderr)")
        #expect(fetch.stdout.contains("fetched "))
        let validate = try dir.run(["validate", "--json", "fetched/normalised.json"])
        #expect(validate.status == 0)
        let files = try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [[String: Any]] ?? []
        #expect((files.first?["rows"] as? Int ?? 0) > 5)
        let report = try dir.run(["report", "fetched/normalised.json", "--tz", "Europe/Berlin", "--out", "out", "--formats", "xlsx,summary,manifest"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(dir.files(in: "out").contains { $0.hasPrefix("engage-sandbox_small-") && $0.hasSuffix(".xlsx") })
        let usage = try dir.run(["fetch", "--usage", "--state", "state.json"])
        #expect(usage.stdout.contains("sandbox_small"))

        var everything = fetch.stdout + fetch.stderr + report.stdout + report.stderr
        let enumerator = FileManager.default.enumerator(at: dir.root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url) { everything += String(decoding: data, as: UTF8.self) }
        }
        for secret in Self.secrets { #expect(!everything.contains(secret), "\(secret) leaked") }
    }

    /// `engage report --api` fetches the period and reports in one step, leaves only the report
    /// in --out, and `engage fetch --from-export` refreshes the posts of an export.
    @Test func reportStraightFromTheAPI() throws {
        let sandbox = try Sandbox()
        let dir = try Workdir()
        defer { dir.remove() }
        let report = try dir.run(["report", "--api", "--user", "@sandbox_small", "--period", "2026-09-01..2026-10-31",
                                  "--source", "v2", "--api-base", sandbox.base, "--state", "state.json",
                                  "--tz", "Europe/Berlin", "--out", "out", "--formats", "xlsx,summary,manifest"],
                                 environment: Self.environment)
        #expect(report.status == 0, "\(report.stderr)")
        let files = dir.files(in: "out")
        #expect(files.contains("engage-sandbox_small-2026-09-01_2026-10-31.xlsx"), "\(files)")
        #expect(!files.contains { $0.hasPrefix(".") }, "temporary fetch folder left behind: \(files)")
        let summary = try String(contentsOf: dir.root.appending(path: "out/summary.txt"), encoding: .utf8)
        #expect(summary.contains("@sandbox_small"))

        let missingPeriod = try dir.run(["report", "--api", "--user", "sandbox_small", "--api-base", sandbox.base,
                                         "--state", "state.json", "--out", "out2"], environment: Self.environment)
        #expect(missingPeriod.status == 64)
        #expect(missingPeriod.stderr.contains("--period"))

        let export = try dir.run(["fetch", "--from-export", "out/../fetched-none.csv"], environment: Self.environment)
        #expect(export.status == 66)
    }

    @Test func forbiddenHandleIsNamedAndLooseCredentialsAreRefused() throws {
        let sandbox = try Sandbox()
        let dir = try Workdir()
        defer { dir.remove() }
        let forbidden = try dir.run(["fetch", "--handle", "sandbox_other", "--from", "2026-10-01", "--to", "2026-10-31",
                                     "--api-base", sandbox.base, "--out", "fetched", "--state", "state.json"], environment: Self.environment)
        #expect(forbidden.stdout.contains("does not belong to the author"), "\(forbidden.stdout)\(forbidden.stderr)")

        let credentials = dir.root.appending(path: "creds.txt")
        try (Self.environment.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "\n") + "\n").write(to: credentials, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: credentials.path)
        let loose = try dir.run(["fetch", "--handle", "sandbox_small", "--from", "2026-10-01", "--credentials", "creds.txt",
                                 "--api-base", sandbox.base, "--state", "state.json"])
        #expect(loose.status == 77)
        #expect(loose.stderr.contains("chmod 600 creds.txt"))
        for secret in Self.secrets { #expect(!loose.stderr.contains(secret)) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: credentials.path)
        let strict = try dir.run(["fetch", "--handle", "sandbox_small", "--from", "2026-10-01", "--to", "2026-10-31", "--source", "v2",
                                  "--credentials", "creds.txt", "--api-base", sandbox.base, "--out", "f2", "--state", "state.json"])
        #expect(strict.status == 0, "\(strict.stderr)")

        let none = try dir.run(["fetch", "--handle", "sandbox_small", "--from", "2026-10-01", "--api-base", sandbox.base],
                               environment: Dictionary(uniqueKeysWithValues: Self.environment.keys.map { ($0, "") }))
        #expect(none.status == 77)
    }
}
