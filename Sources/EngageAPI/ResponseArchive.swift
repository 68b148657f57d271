import Foundation
import EngageModel
import EngageIngest

/// Writes what a fetch received under an output folder, so a fetched period can be re-reported offline:
///
/// - `raw/<name>.json`: every response body exactly as received (un-gzipped), with any credential
///   value replaced by `<redacted>` (none is expected: credentials travel only in headers, which are
///   not saved);
/// - `raw/index.json`: for each response its name, method, URL, status, attempt and request body;
/// - `normalised.json`: the merged posts and hourly series (`"engage_normalised": 1`), which
///   ``SavedResponseReader`` reads back.
public enum ResponseArchive {
    /// Writes the raw responses; returns the files written.
    /// - Throws: when the folder or a file cannot be written.
    @discardableResult
    public static func writeRaw(_ responses: [RawResponse], to directory: URL, scrubbing credentials: Credentials) throws -> [URL] {
        let raw = directory.appending(path: "raw")
        try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        var written: [URL] = []
        var index: [[String: Any]] = []
        let secrets = [credentials.consumerKey, credentials.consumerSecret, credentials.accessToken,
                       credentials.accessTokenSecret, credentials.bearerToken].compactMap { $0?.revealed }.filter { !$0.isEmpty }
        func scrub(_ data: Data) -> Data {
            var text = String(decoding: data, as: UTF8.self)
            var changed = false
            for s in secrets where text.contains(s) { text = text.replacingOccurrences(of: s, with: "<redacted>"); changed = true }
            return changed ? Data(text.utf8) : data
        }
        for r in responses {
            let name = r.attempt > 1 ? "\(r.name)-attempt\(r.attempt)" : r.name
            let file = raw.appending(path: "\(name).json")
            try scrub(r.body).write(to: file, options: .atomic)
            written.append(file)
            var entry: [String: Any] = ["file": "\(name).json", "method": r.method,
                                        "url": String(decoding: scrub(Data(r.url.absoluteString.utf8)), as: UTF8.self),
                                        "status": r.status, "attempt": r.attempt]
            if let body = r.requestBody { entry["request_body"] = String(decoding: scrub(body), as: UTF8.self) }
            index.append(entry)
        }
        let indexFile = raw.appending(path: "index.json")
        try JSONSerialization.data(withJSONObject: index, options: [.prettyPrinted, .sortedKeys]).write(to: indexFile, options: .atomic)
        written.append(indexFile)
        return written
    }

    /// Writes `normalised.json` with posts (metrics by ``Metric/key``) and hourly points.
    @discardableResult
    public static func writeNormalised(posts: [Post], hourly: HourlySeriesPoints, to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appending(path: "normalised.json")
        try NormalisedData.encode(posts: posts, hourly: hourly).write(to: file, options: .atomic)
        return file
    }
}
