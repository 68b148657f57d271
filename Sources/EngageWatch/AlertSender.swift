import EngageStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Delivers one outbox row: a JSON line on stdout, a webhook POST, an `.eml` file or a command.
///
/// Webhook URLs are secrets (Slack's and Teams' carry their token in the path): messages name
/// only the host. A target written as `$NAME` or `${NAME}` is read from the environment when the
/// delivery is made.
public struct AlertSender: Sendable {
    let environment: [String: String]
    let writeLine: @Sendable (String) -> Void
    let session: URLSession

    /// `writeLine` prints a JSON line to stdout (and flushes).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                timeout: TimeInterval = 15, writeLine: @escaping @Sendable (String) -> Void) {
        self.environment = environment
        self.writeLine = writeLine
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        session = URLSession(configuration: configuration)
    }

    /// Delivers `delivery`; nil when done, else why it failed (it will be retried).
    public func send(_ delivery: Delivery) async -> String? {
        let alert = delivery.alert
        switch delivery.action {
        case "stdout":
            writeLine(alert.jsonLine)
            return nil
        case "webhook":
            guard let text = expand(delivery.target) else { return "webhook: \(delivery.target) is not set in the environment" }
            guard let url = URL(string: text), url.host != nil else { return "webhook: not a URL" }
            return await post(alert, to: url)
        case "eml":
            let parts = delivery.target.split(separator: "\n", maxSplits: 1).map(String.init)
            guard let folder = expand(parts[0]) else { return "eml: \(parts[0]) is not set in the environment" }
            return writeEML(alert, folder: folder, to: parts.count > 1 ? expand(parts[1]) : nil)
        case "command":
            guard let command = expand(delivery.target) else { return "command: \(delivery.target) is not set in the environment" }
            return run(command, alert: alert)
        default:
            return "unknown action \(delivery.action)"
        }
    }

    /// The one-line message of an alert, for chat and mail.
    static func message(_ alert: Alert) -> String {
        "@\(alert.handle): post \(alert.postID) crossed \(alert.rule) (\(alert.metric) \(number(alert.value)) ≥ \(number(alert.threshold)))"
            + (alert.link.map { " " + $0 } ?? "")
    }

    /// Whole numbers without decimals, rates with four significant digits.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.4g", value)
    }

    private func post(_ alert: Alert, to url: URL) async -> String? {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(alert.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        // `text` is what Slack and Teams incoming webhooks both show.
        request.httpBody = try? JSONSerialization.data(withJSONObject: ["text": Self.message(alert)], options: [.sortedKeys])
        let host = url.host ?? "?"
        do {
            let (_, response) = try await session.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            return (200..<300).contains(status) ? nil : "webhook at \(host) answered HTTP \(status)"
        } catch {
            return "webhook at \(host) unreachable (\((error as NSError).localizedDescription))"
        }
    }

    private func writeEML(_ alert: Alert, folder: String, to: String?) -> String? {
        let name = "engage-alert-\(safe(alert.handle))-\(safe(alert.rule))-\(alert.postID).eml"
        let subject = "[engage] @\(alert.handle): \(alert.rule) (\(alert.metric) \(Self.number(alert.value)))"
        var lines = [
            "From: engage <engage@localhost>",
            "Subject: \(encodedHeader(subject))",
            "Message-ID: <\(alert.idempotencyKey)@engage>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        if let to { lines.insert("To: \(to)", at: 1) }
        let body = [Self.message(alert), "", alert.text, "", alert.jsonLine]
        let text = (lines + [""] + body).joined(separator: "\r\n") + "\r\n"
        let url = URL(filePath: folder, directoryHint: .isDirectory)
        let temporary = url.appending(path: ".\(name).part")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            if FileManager.default.fileExists(atPath: url.appending(path: name).path) {
                try FileManager.default.removeItem(at: url.appending(path: name))
            }
            try FileManager.default.moveItem(at: temporary, to: url.appending(path: name))
            return nil
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return "eml: cannot write \(url.appending(path: name).path) (\((error as NSError).localizedDescription))"
        }
    }

    private func run(_ command: String, alert: Alert) -> String? {
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.standardError
        do { try process.run() } catch { return "command: cannot start /bin/sh (\(error.localizedDescription))" }
        input.fileHandleForWriting.write(Data((alert.jsonLine + "\n").utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "command exited with status \(process.terminationStatus)"
    }

    /// `$NAME` / `${NAME}` from the environment (nil when unset), anything else as written.
    func expand(_ target: String) -> String? {
        guard target.hasPrefix("$") else { return target }
        var name = target.dropFirst()
        if name.hasPrefix("{") && name.hasSuffix("}") { name = name.dropFirst().dropLast() }
        return environment[String(name)].flatMap { $0.isEmpty ? nil : $0 }
    }

    private func safe(_ text: String) -> String {
        String(text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_" })
    }

    /// RFC 2047 base64 for a header with non-ASCII text.
    private func encodedHeader(_ text: String) -> String {
        text.unicodeScalars.allSatisfy(\.isASCII) ? text : "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
    }
}
