import Foundation
import EngageModel
import EngageIngest

/// What the caller wants: any number of ids and any window; ``plan(now:)`` turns it into requests.
public struct EngagementQuery: Sendable {
    /// Endpoint.
    public var endpoint: EngagementEndpoint
    /// Post ids (any number; duplicates removed, first occurrence kept).
    public var tweetIDs: [UInt64]
    /// Engagement types; defaults to every type the endpoint allows (see ``defaultTypes(for:)``).
    public var types: [EngagementType]
    /// Groupings; defaults to ``Grouping/perPost`` plus ``Grouping/hourly`` on 28hr/historical.
    public var groupings: [Grouping]
    /// Historical start (any length of window; split into ≤ 28-day windows).
    public var start: Date?
    /// Historical end; defaults to `now`.
    public var end: Date?

    public init(endpoint: EngagementEndpoint, tweetIDs: [UInt64], types: [EngagementType]? = nil,
                groupings: [Grouping]? = nil, start: Date? = nil, end: Date? = nil) {
        self.endpoint = endpoint; self.tweetIDs = tweetIDs
        self.types = types ?? Self.defaultTypes(for: endpoint)
        self.groupings = groupings ?? (endpoint == .totals ? [.perPost] : [.perPost, .hourly])
        self.start = start; self.end = end
    }

    /// Every type the endpoint allows, in declaration order.
    public static func defaultTypes(for endpoint: EngagementEndpoint) -> [EngagementType] {
        EngagementType.allCases.filter(endpoint.allowedTypes.contains)
    }

    /// Consecutive windows of at most 28 days covering [start, end) after outward hour rounding;
    /// `[nil]` for totals and 28hr.
    /// - Throws: ``APIError/invalidRequest(_:)`` for a future end, a start before 2014-09-01 or start ≥ end.
    public func windows(now: Date) throws -> [(start: Date?, end: Date?)] {
        guard endpoint == .historical else {
            guard start == nil, end == nil else { throw APIError.invalidRequest("\(endpoint.rawValue) request: start and end are only for historical") }
            return [(nil, nil)]
        }
        let rawEnd = end ?? now
        guard rawEnd <= now else { throw APIError.invalidRequest("historical request: end \(EngagementRequest.iso(rawEnd)) is in the future") }
        let e = EngagementRequest.ceilHour(rawEnd)
        let s = EngagementRequest.floorHour(start ?? e.addingTimeInterval(-EngagementRequest.maxWindow))
        guard s >= EngagementRequest.earliestHistoricalStart else {
            throw APIError.invalidRequest("historical request: start \(EngagementRequest.iso(s)) is before 2014-09-01")
        }
        guard s < e else { throw APIError.invalidRequest("historical request: start must be before end") }
        var out: [(Date?, Date?)] = []
        var cursor = s
        while cursor < e {
            let next = min(cursor.addingTimeInterval(EngagementRequest.maxWindow), e)
            out.append((cursor, next)); cursor = next
        }
        return out
    }

    /// The validated requests: ids in batches of the endpoint's maximum (250 or 25), each batch once
    /// per window, windows in time order inside each batch.
    /// - Throws: ``APIError/invalidRequest(_:)`` for any rule ``EngagementRequest/validated(now:)`` checks.
    public func plan(now: Date) throws -> [EngagementRequest] {
        var seen = Set<UInt64>()
        let ids = tweetIDs.filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { throw APIError.invalidRequest("\(endpoint.rawValue) request: no post ids") }
        let windows = try windows(now: now)
        var out: [EngagementRequest] = []
        for first in stride(from: 0, to: ids.count, by: endpoint.maxIDs) {
            let batch = Array(ids[first..<min(first + endpoint.maxIDs, ids.count)])
            for w in windows {
                out.append(try EngagementRequest(endpoint: endpoint, tweetIDs: batch, types: types,
                                                 groupings: groupings, start: w.start, end: w.end).validated(now: now))
            }
        }
        return out
    }
}
