import Foundation

/// Running the independent readers (Python, poppler) the renderer tests check outputs with.
enum Reader {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Runs `executable` with `arguments`; returns stdout, throwing with stderr on a non-zero exit.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A Python script from Tests/Fixtures/report, its stdout parsed as a JSON object.
    static func python(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let path = ReportFixtures.repositoryRoot.appending(path: "Tests/Fixtures/report/\(script)").path
        let text = try run("python3", [path] + arguments)
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
