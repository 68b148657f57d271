import Foundation
import EngageModel

/// The normalised JSON `engage fetch` writes beside the raw responses (`normalised.json`):
///
/// ```json
/// {"engage_normalised": 1,
///  "posts": [{"id": "…", "posted_at": "2026-07-02T10:00:00Z", "time_source": "post id", "text": "…",
///             "metrics": {"impressions": 900, …}, "promoted": {…}}],
///  "hourly": [{"id": "…", "metric": "impressions", "hour": "2026-07-02T10:00:00Z", "value": 120}]}
/// ```
public enum NormalisedData {
    /// Variant name reported for these files.
    public static let variant = "engage fetch normalised data (JSON)"

    /// Encodes posts and hourly points, keys sorted (byte-stable for equal input).
    public static func encode(posts: [Post], hourly: HourlySeriesPoints) throws -> Data {
        func metrics(_ v: MetricValues) -> [String: Any] {
            Dictionary(uniqueKeysWithValues: v.presentMetrics.map { ($0.key, NSNumber(value: v[$0]!)) })
        }
        let p: [[String: Any]] = posts.map { post in
            var o: [String: Any] = ["id": String(post.id), "posted_at": iso(post.postedAt), "time_source": post.timeSource.rawValue,
                                    "text": post.text, "metrics": metrics(post.metrics)]
            if let promoted = post.promoted { o["promoted"] = metrics(promoted) }
            if let link = post.permalink { o["permalink"] = link }
            return o
        }
        let h: [[String: Any]] = hourly.map {
            ["id": String($0.tweetID), "metric": $0.metric.key, "hour": iso($0.hourStartUTC), "value": NSNumber(value: $0.value)]
        }
        let root: [String: Any] = ["engage_normalised": 1, "posts": p, "hourly": h]
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    }

    static func decode(_ root: [String: Any], path: String) throws -> (posts: [Post], hourly: HourlySeriesPoints) {
        let location = SourceLocation(file: path, line: nil)
        func values(_ any: Any?) throws -> MetricValues {
            var v = MetricValues()
            for (k, n) in any as? [String: Any] ?? [:] {
                guard let m = Metric(key: k), let c = EngagementResponse.count(n) else {
                    throw JSONReadError(path: path, reason: "unknown metric or count \"\(k)\"")
                }
                v[m] = c
            }
            return v
        }
        var posts: [Post] = []
        for o in root["posts"] as? [[String: Any]] ?? [] {
            guard let id = (o["id"] as? String).flatMap({ UInt64($0) }),
                  let at = (o["posted_at"] as? String).flatMap(EngagementResponse.parseInstant) else {
                throw JSONReadError(path: path, reason: "a post without id or posted_at")
            }
            let promoted = o["promoted"] == nil ? nil : try values(o["promoted"])
            posts.append(Post(id: id, text: o["text"] as? String ?? "", permalink: o["permalink"] as? String, postedAt: at,
                              timeSource: Post.TimeSource(rawValue: o["time_source"] as? String ?? "") ?? .apiCreatedAt,
                              metrics: try values(o["metrics"]), promoted: promoted, origin: location))
        }
        var hourly: HourlySeriesPoints = []
        for o in root["hourly"] as? [[String: Any]] ?? [] {
            guard let id = (o["id"] as? String).flatMap({ UInt64($0) }), let m = (o["metric"] as? String).flatMap(Metric.init(key:)),
                  let t = (o["hour"] as? String).flatMap(EngagementResponse.parseInstant), let v = o["value"].flatMap(EngagementResponse.count) else {
                throw JSONReadError(path: path, reason: "an hourly point without id, metric, hour or value")
            }
            hourly.append(EngagementHourly(tweetID: id, metric: m, hourStartUTC: t, value: v))
        }
        return (posts, hourly)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for whole seconds (every instant engage writes), by integer arithmetic.
    static func iso(_ d: Date) -> String {
        let seconds = Int(d.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(CalendarDay(daysSinceEpoch: days))T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
    }
}
