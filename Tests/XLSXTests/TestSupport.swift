import Foundation
import Testing
@testable import XLSX

/// Paths and helpers shared by the XLSX tests.
enum TestSupport {
    /// The package root, found by walking up from this file to `Package.swift`.
    static let packageRoot: URL = {
        var url = URL(filePath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appending(path: "Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static let fixtures = packageRoot.appending(path: "Tests/Fixtures/xlsx")

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "xlsx-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fixed creation date so that files are reproducible: 2024-01-02T03:04:05Z.
    static let fixedDate = Date(timeIntervalSince1970: 1_704_164_645)

    /// Runs a program and returns its stdout; fails the test on a non-zero exit.
    static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(filePath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ProcessFailure(command: ([executable] + arguments).joined(separator: " "),
                                 status: process.terminationStatus,
                                 stderr: String(decoding: errorData, as: UTF8.self))
        }
        return data
    }

    /// `readback.py FILE [--summary]` parsed as JSON.
    static func readBack(_ file: URL, summary: Bool = false) throws -> [String: Any] {
        let script = fixtures.appending(path: "readback.py").path
        let data = try run("/usr/bin/env", ["python3", script, file.path] + (summary ? ["--summary"] : []))
        let object = try JSONSerialization.jsonObject(with: data)
        return try #require(object as? [String: Any])
    }

    /// One part of the zip container, read with Python's zipfile.
    static func zipPart(_ file: URL, _ part: String) throws -> String {
        let code = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode('utf-8'))"
        return String(decoding: try run("/usr/bin/env", ["python3", "-c", code, file.path, part]), as: UTF8.self)
    }
}

struct ProcessFailure: Error, CustomStringConvertible {
    let command: String
    let status: Int32
    let stderr: String
    var description: String { "\(command) exited with \(status): \(stderr)" }
}
