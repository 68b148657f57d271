import Foundation
import EngageModel
import EngageIngest

/// The three Engagement API endpoints.
public enum EngagementEndpoint: String, Sendable, CaseIterable, Codable {
    /// Lifetime totals; 250 ids per request.
    case totals
    /// The last 28 hours; 25 ids per request.
    case last28Hours = "28hr"
    /// A window of up to 4 weeks since 2014-09-01; 25 ids per request.
    case historical

    /// Path below the API base, e.g. `/insights/engagement/28hr`.
    public var path: String { "/insights/engagement/\(rawValue)" }

    /// Most ids one request may carry: 250 for totals, 25 otherwise.
    public var maxIDs: Int { self == .totals ? 250 : 25 }

    /// Engagement types this endpoint accepts.
    public var allowedTypes: Set<EngagementType> {
        switch self {
        case .totals: [.impressions, .engagements, .favorites, .retweets, .quoteTweets, .replies, .videoViews]
        case .last28Hours, .historical:
            Set(EngagementType.allCases).subtracting([.quoteTweets])
        }
    }

    /// Types available to an app-only bearer token on totals (public metrics).
    public static let publicTotalsTypes: Set<EngagementType> = [.favorites, .retweets, .quoteTweets, .replies, .videoViews]
}

/// A `group_by` field.
public enum GroupByField: String, Sendable, Codable, CaseIterable {
    /// Per post.
    case tweetID = "tweet.id"
    /// Per engagement type.
    case engagementType = "engagement.type"
    /// Per UTC day (28hr and historical only).
    case engagementDay = "engagement.day"
    /// Per UTC hour (28hr and historical only).
    case engagementHour = "engagement.hour"
}

/// One named grouping of a request body, e.g. `"by-post": {"group_by": ["tweet.id", "engagement.type"]}`.
public struct Grouping: Sendable, Equatable {
    /// Name; becomes the key of this grouping in the response.
    public var name: String
    /// The fields, outermost first.
    public var groupBy: [GroupByField]

    public init(name: String, groupBy: [GroupByField]) { self.name = name; self.groupBy = groupBy }

    /// `[tweet.id, engagement.type]` named `types-by-tweet-id`: per post totals.
    public static let perPost = Grouping(name: "types-by-tweet-id", groupBy: [.tweetID, .engagementType])
    /// `[tweet.id, engagement.type, engagement.day, engagement.hour]` named `hourly-time-series`.
    public static let hourly = Grouping(name: "hourly-time-series",
                                        groupBy: [.tweetID, .engagementType, .engagementDay, .engagementHour])

    /// The two legal 4-item orders.
    static let legalFourItemOrders: [[GroupByField]] = [
        [.tweetID, .engagementType, .engagementDay, .engagementHour],
        [.engagementType, .tweetID, .engagementDay, .engagementHour],
    ]
}

/// One request as sent to an Engagement API endpoint: at most one batch of ids and one window.
public struct EngagementRequest: Sendable, Equatable {
    /// Endpoint.
    public var endpoint: EngagementEndpoint
    /// Post ids, at most ``EngagementEndpoint/maxIDs``.
    public var tweetIDs: [UInt64]
    /// Engagement types.
    public var types: [EngagementType]
    /// 1–3 groupings.
    public var groupings: [Grouping]
    /// Window start (historical only), hour aligned after ``validated(now:)``.
    public var start: Date?
    /// Window end (historical only), hour aligned after ``validated(now:)``.
    public var end: Date?

    public init(endpoint: EngagementEndpoint, tweetIDs: [UInt64], types: [EngagementType],
                groupings: [Grouping], start: Date? = nil, end: Date? = nil) {
        self.endpoint = endpoint; self.tweetIDs = tweetIDs; self.types = types; self.groupings = groupings
        self.start = start; self.end = end
    }

    /// The earliest start the historical endpoint accepts: 2014-09-01T00:00:00Z.
    public static let earliestHistoricalStart = Date(timeIntervalSince1970: 1_409_529_600)
    /// Longest historical window: 28 days.
    public static let maxWindow: TimeInterval = 28 * 86_400

    /// The JSON body: `{"tweet_ids": [...], "engagement_types": [...], "groupings": {...}, "start", "end"}`.
    public func body() -> Data {
        var s = "{\"tweet_ids\":[" + tweetIDs.map { "\"\($0)\"" }.joined(separator: ",") + "],"
        s += "\"engagement_types\":[" + types.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "],"
        s += "\"groupings\":{" + groupings.map { g in
            "\(Self.jsonString(g.name)):{\"group_by\":[" + g.groupBy.map { "\"\($0.rawValue)\"" }.joined(separator: ",") + "]}"
        }.joined(separator: ",") + "}"
        if let start { s += ",\"start\":\"\(Self.iso(start))\"" }
        if let end { s += ",\"end\":\"\(Self.iso(end))\"" }
        return Data((s + "}").utf8)
    }

    static func jsonString(_ s: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [s], options: [.fragmentsAllowed])
        let text = data.flatMap { String(data: $0, encoding: .utf8) } ?? "[\"\"]"
        return String(text.dropFirst().dropLast())
    }

    /// `2015-08-01T00:00:00Z`.
    public static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter(); f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// Checks every documented limit and rounds the window outward to whole hours.
    ///
    /// Rules: 1…max ids; at least one type, each allowed by the endpoint; 1–3 uniquely named
    /// groupings without repeated fields; `engagement.day`/`engagement.hour` not on totals; a 4-item
    /// group_by only in the two legal orders and only one per request; totals and 28hr take no window;
    /// historical: start ≥ 2014-09-01, end not after `now`, start before end, at most 28 days after
    /// rounding. A historical request without dates gets the 4 weeks before `now` (hour aligned).
    /// - Parameter now: the current instant, passed in.
    /// - Throws: ``APIError/invalidRequest(_:)`` naming the broken rule.
    public func validated(now: Date) throws -> EngagementRequest {
        func fail(_ m: String) -> APIError { .invalidRequest("\(endpoint.rawValue) request: \(m)") }
        guard !tweetIDs.isEmpty else { throw fail("no post ids") }
        guard tweetIDs.count <= endpoint.maxIDs else {
            throw fail("\(tweetIDs.count) post ids, at most \(endpoint.maxIDs) allowed")
        }
        guard Set(tweetIDs).count == tweetIDs.count else { throw fail("repeated post ids") }
        guard !types.isEmpty else { throw fail("no engagement types") }
        let notAllowed = types.filter { !endpoint.allowedTypes.contains($0) }
        guard notAllowed.isEmpty else {
            throw fail("engagement type \(notAllowed.map(\.rawValue).joined(separator: ", ")) not available on this endpoint")
        }
        guard !groupings.isEmpty else { throw fail("no groupings") }
        guard groupings.count <= 3 else { throw fail("\(groupings.count) groupings, at most 3 allowed") }
        guard Set(groupings.map(\.name)).count == groupings.count, !groupings.contains(where: { $0.name.isEmpty }) else {
            throw fail("grouping names must be unique and not empty")
        }
        var fourItem = 0
        for g in groupings {
            guard !g.groupBy.isEmpty, g.groupBy.count <= 4 else { throw fail("grouping \"\(g.name)\" needs 1 to 4 group_by fields") }
            guard Set(g.groupBy).count == g.groupBy.count else { throw fail("grouping \"\(g.name)\" repeats a field") }
            if endpoint == .totals, g.groupBy.contains(.engagementDay) || g.groupBy.contains(.engagementHour) {
                throw fail("grouping \"\(g.name)\": engagement.day and engagement.hour are not available on totals")
            }
            if g.groupBy.count == 4 {
                guard Grouping.legalFourItemOrders.contains(g.groupBy) else {
                    throw fail("grouping \"\(g.name)\": a 4-item group_by must be [tweet.id, engagement.type, engagement.day, engagement.hour] or [engagement.type, tweet.id, engagement.day, engagement.hour]")
                }
                fourItem += 1
            }
        }
        guard fourItem <= 1 else { throw fail("only one 4-item grouping per request") }
        var copy = self
        switch endpoint {
        case .totals, .last28Hours:
            guard start == nil, end == nil else { throw fail("start and end are only for historical") }
        case .historical:
            let rawEnd = end ?? now
            guard rawEnd <= now else { throw fail("end \(Self.iso(rawEnd)) is in the future") }
            let e = Self.ceilHour(rawEnd)
            let s = Self.floorHour(start ?? e.addingTimeInterval(-Self.maxWindow))
            guard s >= Self.earliestHistoricalStart else { throw fail("start \(Self.iso(s)) is before 2014-09-01") }
            guard s < e else { throw fail("start must be before end") }
            guard e.timeIntervalSince(s) <= Self.maxWindow else {
                throw fail("window of \(Int(e.timeIntervalSince(s) / 3600)) hours is longer than 4 weeks")
            }
            copy.start = s; copy.end = e
        }
        return copy
    }

    /// The hour that contains `d`.
    public static func floorHour(_ d: Date) -> Date {
        Date(timeIntervalSince1970: (d.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    /// The first whole hour at or after `d`.
    public static func ceilHour(_ d: Date) -> Date {
        Date(timeIntervalSince1970: (d.timeIntervalSince1970 / 3600).rounded(.up) * 3600)
    }
}
