import Foundation
import EngageModel

/// Reads a saved Engagement API or X API v2 response file (plain JSON) into posts, hourly series
/// and data issues, so that `engage report` can take fetched responses as inputs.
///
/// Detection: an object with `engage_normalised` is the normalised file `engage fetch` writes; one with `data`, `includes` or `meta` is X API v2; an object with `start`,
/// `end`, a partial-result list or a grouping is the Engagement API. Gzip files are refused with a
/// plain message (decompress them with `gunzip` first).
public enum SavedResponseReader {
    /// Variant name for Engagement API files.
    public static let engagementVariant = "Engagement API response (JSON)"
    /// Variant name for X API v2 files.
    public static let xV2Variant = "X API v2 response (JSON)"

    /// True when `data` looks like a JSON API response this reader understands.
    public static func recognises(_ data: Data) -> Bool {
        guard let first = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) else { return false }
        return first == UInt8(ascii: "{")
    }

    /// How many `{`/`[` are still open at the end of `bytes` (strings skipped), or nil when none are:
    /// a file that ends with brackets open was cut short.
    static func openBrackets(_ bytes: Data) -> Int? {
        var depth = 0, inString = false, escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return depth > 0 ? depth : nil
    }

    /// Decodes one saved response.
    /// - Parameters:
    ///   - path: the file path as given (becomes every post's origin).
    ///   - data: the file's bytes.
    /// - Returns: posts (Engagement API posts take their time from the Snowflake id and carry no text),
    ///   hourly points, per post issues and the variant name.
    /// - Throws: ``JSONReadError`` naming the file.
    public static func read(path: String, data: Data) throws
        -> (posts: [Post], hourly: HourlySeriesPoints, issues: [DataIssue], variant: String) {
        if data.starts(with: [0x1F, 0x8B]) {
            throw JSONReadError(path: path, reason: "gzip-compressed; decompress it first (gunzip \(path))")
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let object = try? JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]) else {
            throw JSONReadError(path: path, reason: openBrackets(bytes).map {
                "JSON cut short: the file ends after \(bytes.count) bytes with \($0) bracket\($0 == 1 ? "" : "s") still open; was it saved or copied completely?"
            } ?? "not valid JSON")
        }
        guard let root = object as? [String: Any] else {
            throw JSONReadError(path: path, reason: "not a JSON object (the top level is \(object is [Any] ? "an array" : "a single value"))")
        }
        let location = SourceLocation(file: path, line: nil)
        if root["engage_normalised"] != nil {
            let n = try NormalisedData.decode(root, path: path)
            return (n.posts, n.hourly, [], NormalisedData.variant)
        }
        if root["data"] != nil || root["includes"] != nil || root["meta"] != nil {
            let r = try XPostsResponse(root: root, source: path)
            return (r.posts, [], r.issues, xV2Variant)
        }
        let r = try EngagementResponse(root: root, source: path)
        var issues = r.issues(at: location)
        var posts: [Post] = []
        for id in r.totals.keys.sorted() {
            guard let date = Snowflake.date(of: id) else {
                issues.append(DataIssue(.skippedRow, at: location, postID: id,
                                        reason: "post id predates Snowflake ids, so its posting time is unknown"))
                continue
            }
            posts.append(Post(id: id, text: "", postedAt: date, timeSource: .snowflake,
                              metrics: r.totals[id]!, origin: location))
        }
        return (posts, r.hourly, issues, engagementVariant)
    }
}
