import Foundation
import EngageModel
import EngageIngest

/// Calls `POST /insights/engagement/{totals,28hr,historical}` for any number of posts and any window.
///
/// ```swift
/// let session = APISession(configuration: .init(apiBase: url), credentials: creds)
/// let result = try await EngagementClient(session: session)
///     .fetch(EngagementQuery(endpoint: .historical, tweetIDs: ids, start: from, end: to), now: now)
/// ```
/// Ids are batched (250 totals, 25 otherwise), historical windows longer than 28 days are split
/// into consecutive windows and summed; partial results become per post issues; posts named in a
/// "Forbidden to access tweets …" error are dropped and the rest of their batch is sent again.
public struct EngagementClient: Sendable {
    /// The HTTP session (shared with ``XClient`` when both are used).
    public let session: APISession

    public init(session: APISession) { self.session = session }

    /// Fetches and merges.
    /// - Parameters:
    ///   - now: the current instant (for window validation), passed in.
    ///   - progress: called with one line per request sent, for stderr.
    /// - Throws: ``APIError`` — `.invalidRequest` before anything is sent, `.credentials`,
    ///   `.unavailable` after the retry budget, `.rejected`, `.badResponse`.
    public func fetch(_ query: EngagementQuery, now: Date,
                      progress: (@Sendable (String) -> Void)? = nil) async throws -> EngagementResult {
        let requests = try query.plan(now: now)
        let authorization = try await authorization(for: query)
        var result = EngagementResult()
        result.plannedRequests = requests.count
        var points: [HourKey: Int64] = [:]
        var issueKeys = Set<String>()
        let url = session.configuration.engagementBaseURL.appendingPathComponent(query.endpoint.path)
        for (index, request) in requests.enumerated() {
            var pending = request
            while true {
                let name = await session.nextName(query.endpoint == .last28Hours ? "28hr" : query.endpoint.rawValue)
                progress?("\(query.endpoint.rawValue) request \(index + 1)/\(requests.count): \(pending.tweetIDs.count) posts")
                let raw = try await session.send(name: name, method: "POST", url: url, body: pending.body(),
                                                 authorization: authorization)
                let decoded: EngagementResponse
                do { decoded = try EngagementResponse(data: raw.body, source: name) }
                catch { throw APIError.badResponse("\(name): \(error)") }
                result.batchSizes.append(pending.tweetIDs.count)
                let asked = Set(pending.tweetIDs)
                for (id, values) in decoded.totals where asked.contains(id) {
                    result.totals[id, default: MetricValues()].add(values)
                }
                for p in decoded.hourly where asked.contains(p.tweetID) {
                    let key = HourKey(id: p.tweetID, metric: p.metric, hour: p.hourStartUTC)
                    if points[key] != nil {
                        append(DataIssue(.warning, at: SourceLocation(file: name, line: nil), postID: p.tweetID,
                                         reason: "hour \(EngagementRequest.iso(p.hourStartUTC)) of \(p.metric.key) arrived twice; the first value was kept"),
                               to: &result, keys: &issueKeys)
                    } else {
                        points[key] = p.value
                    }
                }
                for issue in decoded.issues(at: SourceLocation(file: name, line: nil)) {
                    append(issue, to: &result, keys: &issueKeys)
                }
                let forbidden = Set(decoded.forbiddenIDs)
                if forbidden.isEmpty { break }
                let settled = forbidden.union(decoded.totals.keys).union(decoded.unavailableIDs)
                    .union(decoded.unsupportedForImpressionsIDs).union(decoded.unsupportedForVideoViewsIDs)
                let rest = pending.tweetIDs.filter { !settled.contains($0) }
                if rest.isEmpty || rest.count == pending.tweetIDs.count { break }
                progress?("\(forbidden.count) posts forbidden (not this account's); sending the other \(rest.count) again")
                pending.tweetIDs = rest
            }
        }
        result.hourly = points.map { EngagementHourly(tweetID: $0.key.id, metric: $0.key.metric, hourStartUTC: $0.key.hour, value: $0.value) }
            .sorted { ($0.tweetID, $0.metric.rawValue, $0.hourStartUTC) < ($1.tweetID, $1.metric.rawValue, $1.hourStartUTC) }
        return result
    }

    struct HourKey: Hashable { var id: UInt64; var metric: Metric; var hour: Date }

    func append(_ issue: DataIssue, to result: inout EngagementResult, keys: inout Set<String>) {
        let key = "\(issue.postID.map(String.init) ?? "-")|\(issue.reason)"
        if keys.insert(key).inserted { result.issues.append(issue) }
    }

    /// Bearer only for totals asking public types when no user context is configured.
    func authorization(for query: EngagementQuery) async throws -> Authorization {
        let publicOnly = query.endpoint == .totals && query.types.allSatisfy(EngagementEndpoint.publicTotalsTypes.contains)
        if publicOnly { return try await session.anyAuthorization(for: "the totals endpoint") }
        return try await session.userContext(for: "the \(query.endpoint.rawValue) endpoint")
    }
}
