import EngageReport
import Foundation
import Logging

/// stdout carries results; everything else (errors, warnings, progress) goes to stderr through
/// swift-log, so `--verbose` and embedding programs can change the level or the handler.
enum Console {
    /// The process-wide logger; messages print as `engage: <level>: <message>` on stderr.
    static let log: Logger = {
        LoggingSystem.bootstrap { label in
            var handler = StderrLineHandler(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["ENGAGE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        return Logger(label: "engage")
    }()

    /// Writes a result line to stdout, without control characters (post text can hold ESC or BEL).
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((ControlCharacters.stripped(text) + "\n").utf8))
    }

    /// `engage: error: <message>`.
    static func error(_ message: String) { log.error("\(message)") }

    /// `engage: warning: <message>`.
    static func warning(_ message: String) { log.warning("\(message)") }

    /// `engage: <message>` (progress and counts).
    static func info(_ message: String) { log.info("\(message)") }
}

/// A swift-log handler writing one plain line per message to stderr: `engage: warning: …`.
/// No timestamps: the lines are read by people at a terminal and by cron mail.
struct StderrLineHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix: String
        switch event.level {
        case .error, .critical: prefix = "engage: error: "
        case .warning: prefix = "engage: warning: "
        case .info, .notice: prefix = "engage: "
        case .debug, .trace: prefix = "engage: debug: "
        }
        FileHandle.standardError.write(Data((prefix + ControlCharacters.stripped(event.message.description) + "\n").utf8))
    }
}
