import Foundation
import EngageModel
import EngageIngest

/// What `engage fetch` asks for, as one value the CLI builds from its flags.
public struct FetchRequest: Sendable {
    /// Whose posts.
    public enum Target: Sendable {
        /// A handle: the posts come from `GET /2/users/:id/tweets` in [from, to).
        case user(String)
        /// Explicit post ids (`--ids FILE`, `--from-export FILE`).
        case ids([UInt64])
    }

    /// Which API fills in the metrics (`--endpoint`).
    public enum Source: String, Sendable, CaseIterable {
        /// Engagement API totals.
        case totals
        /// Engagement API 28hr.
        case last28Hours = "28hr"
        /// Engagement API historical over [from, to) (any length; split into ≤ 28-day windows).
        case historical
        /// X API v2 metrics only.
        case v2

        /// The Engagement API endpoint, nil for `v2`.
        public var engagementEndpoint: EngagementEndpoint? {
            switch self {
            case .totals: .totals
            case .last28Hours: .last28Hours
            case .historical: .historical
            case .v2: nil
            }
        }
    }

    /// Whose posts.
    public var target: Target
    /// Where metrics come from. Default `.historical` for a user, `.totals` for ids.
    public var source: Source
    /// Start of the period (UTC instant), inclusive; required for `.user`.
    public var from: Date?
    /// End of the period (UTC instant), exclusive; defaults to `now`.
    public var to: Date?
    /// Engagement types; default every type the endpoint allows.
    public var types: [EngagementType]?
    /// Also look ids up on X API v2 for text and `created_at` (ids target only). Default true.
    public var lookUpPosts: Bool

    public init(target: Target, source: Source? = nil, from: Date? = nil, to: Date? = nil,
                types: [EngagementType]? = nil, lookUpPosts: Bool = true) {
        self.target = target
        if let source { self.source = source } else if case .user = target { self.source = .historical } else { self.source = .totals }
        self.from = from; self.to = to; self.types = types; self.lookUpPosts = lookUpPosts
    }
}

/// What a fetch produced.
public struct FetchOutcome: Sendable {
    /// Posts, oldest first: X API v2 text and time, with the Engagement API's counts where it gave them.
    public var posts: [Post] = []
    /// Hourly series (28hr and historical).
    public var hourly: HourlySeriesPoints = []
    /// Per post issues from both APIs.
    public var issues: [DataIssue] = []
    /// The user, for a handle target.
    public var user: XUser?
    /// Every raw response received, for ``ResponseArchive``.
    public var responses: [RawResponse] = []
}

/// Runs a ``FetchRequest``: finds the posts (X API v2) and fills in their metrics (Engagement API).
///
/// ```swift
/// let session = APISession(configuration: APIConfiguration(apiBase: base), credentials: creds)
/// let outcome = try await Fetcher(session: session)
///     .run(FetchRequest(target: .user("sandbox_brand"), from: weekStart, to: weekEnd), now: now)
/// try ResponseArchive.writeRaw(outcome.responses, to: outDir, scrubbing: creds)
/// try ResponseArchive.writeNormalised(posts: outcome.posts, hourly: outcome.hourly, to: outDir)
/// ```
public struct Fetcher: Sendable {
    /// The HTTP session shared by both clients.
    public let session: APISession
    /// Where unique handles per month are counted; nil to skip.
    public let ledger: HandleUsageLedger?

    public init(session: APISession, ledger: HandleUsageLedger? = nil) { self.session = session; self.ledger = ledger }

    /// Fetches.
    /// - Parameters:
    ///   - now: the current instant, passed in.
    ///   - progress: one line per step, for stderr.
    /// - Throws: ``APIError``.
    public func run(_ request: FetchRequest, now: Date, progress: (@Sendable (String) -> Void)? = nil) async throws -> FetchOutcome {
        var outcome = FetchOutcome()
        let x = XClient(session: session)
        var ids: [UInt64] = []
        var base: [UInt64: Post] = [:]
        let end = min(request.to ?? now, now)
        switch request.target {
        case .user(let handle):
            guard let from = request.from else { throw APIError.invalidRequest("fetching @\(handle) needs a start (--from)") }
            let user = try await x.user(named: handle)
            outcome.user = user
            try ledger?.record(handles: [user.username], at: now)
            progress?("@\(user.username) is user \(user.id); listing posts")
            let r = try await x.posts(ofUser: user.id, start: from, end: end)
            progress?("\(r.posts.count) posts in \(r.requests) page(s)")
            for p in r.posts { base[p.id] = p }
            ids = r.posts.map(\.id); outcome.issues += r.issues
        case .ids(let list):
            ids = list
            if request.lookUpPosts || request.source == .v2 {
                let r = try await x.posts(ids: list)
                progress?("looked up \(r.posts.count) of \(Set(list).count) posts on X API v2")
                for p in r.posts { base[p.id] = p }
                outcome.issues += r.issues
            }
        }
        if let endpoint = request.source.engagementEndpoint, !ids.isEmpty {
            var start: Date? = nil, stop: Date? = nil
            if endpoint == .historical {
                start = request.from ?? Self.earliestPost(ids).map { EngagementRequest.floorHour($0) }
                stop = end
            }
            let query = EngagementQuery(endpoint: endpoint, tweetIDs: ids, types: request.types, start: start, end: stop)
            let r = try await EngagementClient(session: session).fetch(query, now: now, progress: progress)
            for (id, values) in r.totals {
                var post = base[id] ?? Post(id: id, text: "", postedAt: Snowflake.date(of: id) ?? Date(timeIntervalSince1970: 0),
                                            timeSource: .snowflake, metrics: MetricValues(),
                                            origin: SourceLocation(file: "Engagement API \(endpoint.rawValue)", line: nil))
                for m in values.presentMetrics { post.metrics[m] = values[m] }
                base[id] = post
            }
            outcome.hourly = r.hourly; outcome.issues += r.issues
        }
        outcome.posts = base.values.sorted { ($0.postedAt, $0.id) < ($1.postedAt, $1.id) }
        outcome.responses = await session.responses()
        return outcome
    }

    static func earliestPost(_ ids: [UInt64]) -> Date? { ids.compactMap(Snowflake.date(of:)).min() }
}
