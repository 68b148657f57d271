import Foundation
import EngageModel
import EngageIngest

/// Calls X API v2: user lookup, a user's posts in a window, and post lookup by ids, with the metric
/// fields of FORMATS.md §3.
public struct XClient: Sendable {
    /// The HTTP session.
    public let session: APISession

    public init(session: APISession) { self.session = session }

    /// `tweet.fields=…&expansions=attachments.media_keys&media.fields=…` as FORMATS.md §3 gives them.
    public static let metricFields: [URLQueryItem] = [
        URLQueryItem(name: "tweet.fields", value: "created_at,public_metrics,non_public_metrics,organic_metrics,promoted_metrics"),
        URLQueryItem(name: "expansions", value: "attachments.media_keys"),
        URLQueryItem(name: "media.fields", value: "public_metrics,non_public_metrics,organic_metrics"),
    ]

    /// Posts found plus issues.
    public struct Result: Sendable {
        /// Posts, oldest first, one per id.
        public var posts: [Post] = []
        /// Per post problems the API reported.
        public var issues: [DataIssue] = []
        /// Pages or batches requested.
        public var requests = 0
    }

    /// `GET /2/users/by/username/:username`.
    public func user(named handle: String) async throws -> XUser {
        let name = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name.count <= 15 else {
            throw APIError.invalidRequest("\"\(handle)\" is not a valid handle (letters, digits and _ only, at most 15)")
        }
        let url = session.configuration.xBaseURL.appendingPathComponent("/2/users/by/username/\(name)")
        let raw = try await session.send(name: await session.nextName("v2-user"), method: "GET", url: url, body: nil,
                                         authorization: try await session.anyAuthorization(for: "user lookup"))
        let r = try decode(raw)
        guard let user = r.user else {
            throw APIError.rejected(status: 404, message: "no user @\(name)\(r.issues.first.map { ": \($0.reason)" } ?? "")")
        }
        return user
    }

    /// `GET /2/users/:id/tweets` with `start_time`/`end_time`, following `pagination_token` (100 per page).
    /// - Parameter maxPages: safety stop; default 100 pages.
    public func posts(ofUser userID: UInt64, start: Date?, end: Date?, maxPages: Int = 100) async throws -> Result {
        var result = Result()
        var token: String? = nil
        let auth = try await session.anyAuthorization(for: "the user's posts")
        repeat {
            var items = [URLQueryItem(name: "max_results", value: "100")] + Self.metricFields
            if let start { items.append(URLQueryItem(name: "start_time", value: EngagementRequest.iso(start))) }
            if let end { items.append(URLQueryItem(name: "end_time", value: EngagementRequest.iso(end))) }
            if let token { items.append(URLQueryItem(name: "pagination_token", value: token)) }
            let url = try makeURL("/2/users/\(userID)/tweets", items)
            let raw = try await session.send(name: await session.nextName("v2-timeline"), method: "GET", url: url,
                                             body: nil, authorization: auth)
            let page = try decode(raw)
            result.posts += page.posts; result.issues += page.issues; result.requests += 1
            token = page.nextToken
        } while token != nil && result.requests < maxPages
        result.posts = Self.unique(result.posts)
        return result
    }

    /// `GET /2/tweets?ids=` in batches of 100.
    public func posts(ids: [UInt64]) async throws -> Result {
        var result = Result()
        var seen = Set<UInt64>()
        let unique = ids.filter { seen.insert($0).inserted }
        let auth = try await session.anyAuthorization(for: "post lookup")
        for first in stride(from: 0, to: unique.count, by: 100) {
            let batch = unique[first..<min(first + 100, unique.count)]
            let url = try makeURL("/2/tweets", [URLQueryItem(name: "ids", value: batch.map(String.init).joined(separator: ","))] + Self.metricFields)
            let raw = try await session.send(name: await session.nextName("v2-tweets"), method: "GET", url: url,
                                             body: nil, authorization: auth)
            let page = try decode(raw)
            result.posts += page.posts; result.issues += page.issues; result.requests += 1
        }
        result.posts = Self.unique(result.posts)
        return result
    }

    func makeURL(_ path: String, _ items: [URLQueryItem]) throws -> URL {
        var c = URLComponents(url: session.configuration.xBaseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        c?.queryItems = items
        // RFC 3986 strictness: URLComponents leaves ',' and ':' unescaped, which OAuth signing handles.
        guard let url = c?.url else { throw APIError.invalidRequest("cannot build a URL for \(path)") }
        return url
    }

    func decode(_ raw: RawResponse) throws -> XPostsResponse {
        do { return try XPostsResponse(data: raw.body, source: raw.name) }
        catch { throw APIError.badResponse("\(raw.name): \(error)") }
    }

    static func unique(_ posts: [Post]) -> [Post] {
        var seen = Set<UInt64>()
        return posts.filter { seen.insert($0.id).inserted }.sorted { ($0.postedAt, $0.id) < ($1.postedAt, $1.id) }
    }
}
