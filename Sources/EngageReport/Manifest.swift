import Crypto
import Foundation

/// `manifest.json`: every file a run wrote, with size, SHA-256 and MIME type, for pipelines.
public struct Manifest: Codable, Sendable {
    /// One written file.
    public struct File: Codable, Sendable {
        /// Path relative to the output folder.
        public var path: String
        /// Size in bytes.
        public var bytes: Int
        /// SHA-256, lowercase hex.
        public var sha256: String
        /// MIME type from the extension.
        public var mime: String
    }

    /// One input file.
    public struct Input: Codable, Sendable {
        /// Path as given on the command line.
        public var path: String
        /// SHA-256 of its bytes, lowercase hex.
        public var sha256: String
    }

    /// The reported period.
    public struct PeriodInfo: Codable, Sendable {
        /// First day (inclusive), `YYYY-MM-DD`.
        public var start: String
        /// Last day (inclusive).
        public var end: String
        /// IANA time zone the days are in.
        public var tz: String
    }

    /// Written files (the manifest itself excluded).
    public var files: [File]
    /// Reported period.
    public var period: PeriodInfo
    /// Inputs read.
    public var inputs: [Input]
    /// engage version that wrote it.
    public var generator: String

    /// Builds file entries by hashing each staged file.
    public static func entries(for names: [String], in staging: OutputStaging) throws -> [File] {
        try names.map { name in
            let (bytes, sha256) = try sha256Hex(ofFile: staging.stagedPath(for: name))
            return File(path: name, bytes: bytes, sha256: sha256, mime: mimeType(for: name))
        }
    }

    /// Lowercase hex SHA-256 of `data`.
    public static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    /// Size and lowercase hex SHA-256 of the file at `path`, read a megabyte at a time: the
    /// workbook of a million posts is 180 MB, and reading it whole was the report's peak memory.
    static func sha256Hex(ofFile path: String) throws -> (bytes: Int, hex: String) {
        let file = try FileHandle(forReadingFrom: URL(filePath: path))
        defer { try? file.close() }
        var hasher = SHA256()
        var bytes = 0
        while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += chunk.count
        }
        return (bytes, hex(hasher.finalize()))
    }

    private static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }

    /// MIME type by extension.
    public static func mimeType(for name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "png": "image/png"
        case "pdf": "application/pdf"
        case "html": "text/html; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "json": "application/json"
        case "eml": "message/rfc822"
        default: "application/octet-stream"
        }
    }

    /// Stable, pretty JSON with sorted keys.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }
}
