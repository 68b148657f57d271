import Crypto
import EngageModel
import Foundation

/// A MIME message (RFC 5322 / 2045–2047) carrying the summary as text and HTML alternatives and
/// every output as a base64 attachment, ready for `sendmail -t`. Byte-identical for identical
/// inputs: the date is the report's document date and the boundary is derived from the content.
public enum EmailMessage {
    /// Builds the message.
    /// - Parameters:
    ///   - to: the recipients (checked when parsed).
    ///   - from: the sender (`--mail-from`, default `engage@localhost`).
    ///   - replyTo: where replies go, when not to the sender.
    ///   - attachments: files in the order listed in the summary.
    public static func build(report: Report, to: [EmailAddress], from: EmailAddress, replyTo: [EmailAddress] = [],
                             text: String, html: String, attachments: [(name: String, mime: String, data: Data)]) -> Data {
        var hasher = SHA256()
        hasher.update(data: Data(text.utf8))
        hasher.update(data: Data(html.utf8))
        for file in attachments { hasher.update(data: file.data) }
        let digest = hasher.finalize().prefix(12).map { String(format: "%02x", $0) }.joined()
        let mixed = "engage-mixed-\(digest)", alternative = "engage-alt-\(digest)"

        var lines = [
            "From: \(header(from))",
            "To: \(to.map(header).joined(separator: ", "))",
        ]
        if !replyTo.isEmpty { lines.append("Reply-To: \(replyTo.map(header).joined(separator: ", "))") }
        lines += [
            "Subject: \(encodedWord("\(report.options.title): @\(report.handle) \(report.periodText)"))",
            "Date: \(rfc5322Date(report.documentDate))",
            "Message-ID: <\(digest)@engage.localhost>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(mixed)\"",
            "",
            "This is a MIME message with the report attached.",
            "--\(mixed)",
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
            "",
        ]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += ["--\(alternative)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "",
                      wrappedBase64(Data(body.utf8))]
        }
        lines += ["--\(alternative)--"]
        for file in attachments {
            let name = FileNaming.safe(file.name)
            lines += ["--\(mixed)",
                      "Content-Type: \(file.mime.split(separator: ";").first.map(String.init) ?? file.mime); name=\"\(name)\"",
                      "Content-Transfer-Encoding: base64",
                      "Content-Disposition: attachment; filename=\"\(name)\"", "",
                      wrappedBase64(file.data)]
        }
        lines += ["--\(mixed)--", ""]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// Base64 in 76-character lines (RFC 2045).
    static func wrappedBase64(_ data: Data) -> String {
        let encoded = data.base64EncodedString()
        var out: [Substring] = []
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out.append(encoded[start..<end])
            start = end
        }
        return out.joined(separator: "\r\n")
    }

    /// An RFC 2047 encoded word when `text` is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        return plain ? text : "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// An address as a header value: the name quoted (or RFC 2047-encoded when not ASCII), the
    /// address in angle brackets. Parsing already refused line breaks.
    static func header(_ address: EmailAddress) -> String {
        guard let name = address.name else { return address.address }
        let plain = name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        let shown = plain ? "\"\(name.replacingOccurrences(of: "\\", with: "\\\\"))\"" : encodedWord(name)
        return "\(shown) <\(address.address)>"
    }

    /// `Mon, 24 Nov 2025 00:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
