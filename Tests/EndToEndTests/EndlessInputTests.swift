import Foundation
import Testing

/// Inputs without end: `/dev/zero` and a FIFO fed forever, under a 1 GB address-space limit.
/// Each ends in exit 65 naming the input, quickly, instead of growing until the kernel kills it.
@Suite struct EndlessInputTests {
    static let addressSpace = 1 << 30

    @Test(arguments: [["validate"], ["report", "--tz", "UTC", "--out", "out"], ["fetch", "--api-base", "http://127.0.0.1:9", "--from-export"]])
    func devZeroIsNotText(command: [String]) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let started = Date()
        let run = try dir.run(command + ["/dev/zero"], addressSpaceLimit: Self.addressSpace)
        #expect(run.status == 65, "\(run.stderr)")
        #expect((run.stdout + run.stderr).contains("/dev/zero: not a text file: NUL bytes at byte offset 0"), "\(run.stdout)\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(dir.files(in: "out").isEmpty)
    }

    @Test func anEndlessFIFOStopsAtTheStreamLimit() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let fifo = dir.root.appending(path: "endless.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A writer that never stops: the header of an export, then the same row forever.
        let writer = Process()
        writer.executableURL = URL(filePath: "/bin/sh")
        writer.arguments = ["-c", "{ echo 'Tweet id,Tweet text,time,impressions,engagements'; yes '1,hello,2025-01-01 00:00 +0000,10,1'; } > \"$0\" 2>/dev/null", fifo]
        try writer.run()
        defer { writer.terminate(); writer.waitUntilExit() }
        let run = try dir.run(["validate", fifo], addressSpaceLimit: Self.addressSpace)
        #expect(run.status == 65, "\(run.stderr)")
        #expect((run.stdout + run.stderr).contains("more than 512 MiB from a pipe or device"), "\(run.stdout)\(run.stderr)")
    }
}

/// Configuration files from a device are bounded too.
@Suite struct EndlessConfigTests {
    @Test(arguments: ["--campaigns", "--template"])
    func devZeroAsAConfigurationFileIsAnError(option: String) throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let run = try dir.run(["report", Workdir.sample("content_northwind_roasters_20251001_20251123.csv"), "--tz", "UTC",
                               "--out", "out", option, "/dev/zero"], addressSpaceLimit: EndlessInputTests.addressSpace)
        #expect([64, 65, 66].contains(run.status), "\(run.status): \(run.stderr)")
        #expect(run.stderr.contains("/dev/zero"), "\(run.stderr)")
        #expect(run.stderr.contains("not a text file: a NUL byte at byte offset 0"), "\(run.stderr)")
        #expect(dir.files(in: "out").isEmpty)
    }
}

/// The id list and the credentials file are bounded too: a FIFO given for either is an error.
@Suite struct EndlessSmallFileTests {
    @Test func aFIFOAsTheIdListOrTheCredentialsFileIsRefused() throws {
        let dir = try Workdir()
        defer { dir.remove() }
        let fifo = dir.root.appending(path: "endless").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let ids = try dir.run(["fetch", "--ids", fifo, "--api-base", "http://127.0.0.1:9"],
                              environment: ["X_BEARER_TOKEN": "t"], addressSpaceLimit: EndlessInputTests.addressSpace)
        #expect(ids.status == 65, "\(ids.stderr)")
        #expect(ids.stderr.contains("not a regular file of at most 64 MiB"), "\(ids.stderr)")
        let credentials = try dir.run(["fetch", "--ids", "1500000000000000000", "--credentials", fifo, "--api-base", "http://127.0.0.1:9"],
                                      addressSpaceLimit: EndlessInputTests.addressSpace)
        #expect(credentials.status == 77, "\(credentials.stderr)")
        #expect(credentials.stderr.contains("not a regular file of at most 1 MiB"), "\(credentials.stderr)")
    }
}
