import Foundation

/// Runs the built `engage` binary in a fresh temporary folder, like a user at a terminal
/// (after xsv's `Workdir`).
struct Workdir {
    /// The temporary folder; removed by ``remove()``.
    let root: URL
    /// The package root (for samples and fixtures).
    static let packageRoot: URL = {
        var url = URL(filePath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The `engage` binary next to this test bundle (`swift test` builds it).
    static let binary: URL = {
        let exe = URL(filePath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appending(path: "engage")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appending(path: ".build/debug/engage")
    }()

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "engage-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Path of a bundled sample.
    static func sample(_ name: String) -> String { packageRoot.appending(path: "samples/\(name)").path }

    /// Result of one run.
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `engage ARGS` with the working directory at ``root``; with `addressSpaceLimit`
    /// (bytes), under `prlimit --as` so that using more memory than that fails the run.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], addressSpaceLimit: Int? = nil) throws -> Output {
        let process = Process()
        if let addressSpaceLimit {
            process.executableURL = URL(filePath: "/usr/bin/prlimit")
            process.arguments = ["--as=\(addressSpaceLimit)", Workdir.binary.path] + arguments
        } else {
            process.executableURL = Workdir.binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a Python oracle script from Tests/Fixtures with arguments and returns stdout.
    func python(_ script: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", Workdir.packageRoot.appending(path: "Tests/Fixtures/\(script)").path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Names of the files directly in `folder` (relative to ``root``), hidden ones included, sorted.
    func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appending(path: folder).path)) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
