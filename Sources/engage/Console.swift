import Foundation

/// stdout carries results; everything else (errors, warnings, progress) goes to stderr.
enum Console {
    /// Writes a result line to stdout.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes `engage: error: <message>` to stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("engage: error: \(message)\n".utf8))
    }

    /// Writes `engage: warning: <message>` to stderr.
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("engage: warning: \(message)\n".utf8))
    }

    /// Writes a progress or info line to stderr.
    static func info(_ message: String) {
        FileHandle.standardError.write(Data("engage: \(message)\n".utf8))
    }
}
