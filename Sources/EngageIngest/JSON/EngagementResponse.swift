import Foundation
import EngageModel

/// One decoded Engagement API response (totals, 28hr or historical), whatever groupings it used.
///
/// Grouping names are chosen by the caller, so the decoder recognises levels by their keys: an
/// engagement type name, a `YYYY-MM-DD` day, an hour `00`–`23` below a day, or a post id (digits).
/// Counts are accepted as JSON strings (`"530"`) or numbers (`26`).
public struct EngagementResponse: Sendable {
    /// The window the API echoed (`start`), when present.
    public var start: Date?
    /// The window end the API echoed (may be unrounded), when present.
    public var end: Date?
    /// Per post totals: from a grouping without day/hour when the response has one, else summed
    /// from the finest hourly or daily grouping.
    public var totals: [UInt64: MetricValues]
    /// Hourly points from a grouping that includes `engagement.hour`.
    public var hourly: HourlySeriesPoints
    /// Ids the API listed as unavailable (deleted or protected).
    public var unavailableIDs: [UInt64]
    /// Ids without impressions/engagements (older than 90 days on totals).
    public var unsupportedForImpressionsIDs: [UInt64]
    /// Ids without video views (older than 1800 days).
    public var unsupportedForVideoViewsIDs: [UInt64]
    /// Ids named in "Forbidden to access tweets for author id N: …" errors.
    public var forbiddenIDs: [UInt64]
    /// Every message of the `errors` array, verbatim.
    public var errorMessages: [String]

    /// Decodes a response body.
    /// - Throws: ``JSONReadError`` when the body is not a JSON object.
    public init(data: Data, source: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw JSONReadError(path: source, reason: "not a JSON object (expected an Engagement API response)")
        }
        try self.init(root: root, source: source)
    }

    init(root: [String: Any], source: String) throws {
        start = (root["start"] as? String).flatMap(EngagementResponse.parseInstant)
        end = (root["end"] as? String).flatMap(EngagementResponse.parseInstant)
        unavailableIDs = EngagementResponse.ids(root["unavailable_tweet_ids"])
        unsupportedForImpressionsIDs = EngagementResponse.ids(root["unsupported_for_impressions_engagements_tweet_ids"])
        unsupportedForVideoViewsIDs = EngagementResponse.ids(root["unsupported_for_video_views_tweet_ids"])
        errorMessages = []
        forbiddenIDs = []
        if let errors = root["errors"] as? [Any] {
            for e in errors {
                let message = (e as? String) ?? ((e as? [String: Any])?["message"] as? String)
                    ?? ((e as? [String: Any])?["detail"] as? String) ?? "\(e)"
                errorMessages.append(message)
                forbiddenIDs += EngagementResponse.forbiddenIDs(in: message)
            }
        }
        let reserved: Set<String> = ["start", "end", "unavailable_tweet_ids", "errors",
                                     "unsupported_for_impressions_engagements_tweet_ids",
                                     "unsupported_for_video_views_tweet_ids"]
        // Collect leaves per grouping, then choose the grouping that best gives totals.
        var plain: [UInt64: MetricValues]? = nil
        var daily: [UInt64: MetricValues]? = nil
        var hourlyTotals: [UInt64: MetricValues]? = nil
        var points: [HourKey: Int64] = [:]
        for (name, value) in root where !reserved.contains(name) {
            guard let tree = value as? [String: Any] else { continue }
            var leaves: [Leaf] = []
            try EngagementResponse.walk(tree, path: Path(), into: &leaves, source: source, grouping: name)
            var sums: [UInt64: MetricValues] = [:]
            var hasHour = false, hasDay = false
            for leaf in leaves {
                guard let id = leaf.path.tweetID, let type = leaf.path.type else { continue }
                sums[id, default: MetricValues()][type.metric] = (sums[id]?[type.metric] ?? 0) + leaf.value
                if let day = leaf.path.day {
                    hasDay = true
                    if let hour = leaf.path.hour {
                        hasHour = true
                        let t = Date(timeIntervalSince1970: Double(day.daysSinceEpoch * 86_400 + hour * 3600))
                        points[HourKey(id: id, metric: type.metric, hour: t)] = leaf.value
                    }
                }
            }
            if sums.isEmpty { continue }
            if hasHour { hourlyTotals = EngagementResponse.union(hourlyTotals, sums) }
            else if hasDay { daily = EngagementResponse.union(daily, sums) }
            else { plain = EngagementResponse.union(plain, sums) }
        }
        totals = plain ?? daily ?? hourlyTotals ?? [:]
        hourly = points.map { EngagementHourly(tweetID: $0.key.id, metric: $0.key.metric, hourStartUTC: $0.key.hour, value: $0.value) }
            .sorted { ($0.tweetID, $0.metric.rawValue, $0.hourStartUTC) < ($1.tweetID, $1.metric.rawValue, $1.hourStartUTC) }
    }

    /// Per post data issues for the partial results in this response.
    public func issues(at location: SourceLocation) -> [DataIssue] {
        var out: [DataIssue] = []
        for id in unavailableIDs {
            out.append(DataIssue(.skippedRow, at: location, postID: id,
                                 reason: "the Engagement API lists this post as unavailable (deleted or protected)"))
        }
        for id in unsupportedForImpressionsIDs {
            out.append(DataIssue(.warning, at: location, postID: id,
                                 reason: "no impressions or engagements: the post is older than 90 days for the totals endpoint"))
        }
        for id in unsupportedForVideoViewsIDs {
            out.append(DataIssue(.warning, at: location, postID: id,
                                 reason: "no video views: the post is older than 1800 days"))
        }
        let forbidden = Set(forbiddenIDs)
        for message in errorMessages {
            let ids = EngagementResponse.forbiddenIDs(in: message)
            if ids.isEmpty {
                out.append(DataIssue(.warning, at: location, reason: "Engagement API error: \(message)"))
            } else {
                let author = EngagementResponse.authorID(in: message).map { " (author id \($0))" } ?? ""
                for id in ids where forbidden.contains(id) {
                    out.append(DataIssue(.skippedRow, at: location, postID: id,
                                         reason: "forbidden: the access token does not belong to the author of this post\(author)"))
                }
            }
        }
        return out
    }

    // MARK: - Parsing helpers

    struct HourKey: Hashable { var id: UInt64; var metric: Metric; var hour: Date }

    struct Path {
        var tweetID: UInt64?
        var type: EngagementType?
        var day: CalendarDay?
        var hour: Int?
    }

    struct Leaf { var path: Path; var value: Int64 }

    static func walk(_ node: [String: Any], path: Path, into leaves: inout [Leaf], source: String, grouping: String) throws {
        for (key, value) in node {
            var p = path
            if let type = EngagementType(rawValue: key) { p.type = type }
            else if p.day == nil, key.count == 10, let day = CalendarDay(iso: key) { p.day = day }
            else if p.day != nil, p.hour == nil, key.count <= 2, let h = Int(key), (0...23).contains(h) { p.hour = h }
            else if p.tweetID == nil, let id = UInt64(key) { p.tweetID = id }
            else {
                throw JSONReadError(path: source, reason: "grouping \"\(grouping)\": unexpected key \"\(key)\"")
            }
            if let child = value as? [String: Any] {
                try walk(child, path: p, into: &leaves, source: source, grouping: grouping)
            } else if let count = count(value) {
                leaves.append(Leaf(path: p, value: count))
            } else {
                throw JSONReadError(path: source, reason: "grouping \"\(grouping)\" key \"\(key)\": not a count (\(value))")
            }
        }
    }

    /// A count given as a JSON string or number; `nil` otherwise (never through Double for strings).
    static func count(_ value: Any) -> Int64? {
        if let s = value as? String { return Int64(s.trimmingCharacters(in: .whitespaces)) }
        if let n = value as? NSNumber {
            let d = n.doubleValue
            guard d.isFinite, d == d.rounded(), abs(d) < 9e15 else { return nil }
            return n.int64Value
        }
        return nil
    }

    static func ids(_ value: Any?) -> [UInt64] {
        guard let list = value as? [Any] else { return [] }
        return list.compactMap { ($0 as? String).flatMap { UInt64($0) } ?? ($0 as? NSNumber).map { $0.uint64Value } }
    }

    /// Ids listed after the colon of "Forbidden to access tweets for author id N: id1, id2".
    public static func forbiddenIDs(in message: String) -> [UInt64] {
        guard message.lowercased().hasPrefix("forbidden to access tweets"),
              let colon = message.firstIndex(of: ":") else { return [] }
        return message[message.index(after: colon)...].split(whereSeparator: { $0 == "," || $0 == " " })
            .compactMap { UInt64($0) }
    }

    static func authorID(in message: String) -> String? {
        guard let r = message.range(of: "author id ") else { return nil }
        let digits = message[r.upperBound...].prefix { $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly, or nil.
    static func parsePlainUTC(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              hour < 24, minute < 60, second < 60,
              let date = CalendarDay(year: year, month: month, day: day) else { return nil }
        return Date(timeIntervalSince1970: Double(date.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    static func union(_ a: [UInt64: MetricValues]?, _ b: [UInt64: MetricValues]) -> [UInt64: MetricValues] {
        guard var result = a else { return b }
        for (id, values) in b {
            var merged = result[id] ?? MetricValues()
            for m in values.presentMetrics where !merged.has(m) { merged[m] = values[m] }
            result[id] = merged
        }
        return result
    }

    /// Parses `2015-08-01T00:00:00Z` (fractional seconds allowed).
    ///
    /// The plain form, which every API response and `normalised.json` uses for each hourly point,
    /// is read with integer arithmetic; anything else goes through `ISO8601DateFormatter`.
    public static func parseInstant(_ text: String) -> Date? {
        if let fast = parsePlainUTC(text) { return fast }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }
}
